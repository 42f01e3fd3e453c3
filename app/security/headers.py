"""Security headers on every response, pages, API and static files alike."""

from flask import Flask, request

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
HSTS = "max-age=31536000; includeSubDomains"
FIXED_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def is_static_path(path: str) -> bool:
    """Files under /static/ carry no personal data and may be cached."""
    return path.startswith("/static/")


def set_security_headers(response):
    for name, value in FIXED_HEADERS.items():
        response.headers[name] = value
    if request.is_secure:  # ProxyFix (STEG_PROXY_HOPS) makes this honour X-Forwarded-Proto
        response.headers["Strict-Transport-Security"] = HSTS
    if not is_static_path(request.path):
        # Pages and API answers may carry personal data: never in a browser or proxy cache.
        # (The service worker's Cache API shell cache is not an HTTP cache: unaffected.)
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
    return response


def init_headers(app: Flask) -> None:
    app.after_request(set_security_headers)
