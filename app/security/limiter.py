"""Login throttling: per account and per address, no lock-out.

Only failed logins count. Two limits apply to ``POST /login``:

- per address (``LOGIN_LIMIT_ADDRESS``): every failure from one address, whatever
  the username. Generous, because a whole office may share one public address.
- per account (``LOGIN_LIMIT_ACCOUNT``): failures for one username from anywhere.
  A device where this person has logged in before carries a signed "known
  device" cookie and is exempt from this limit, so an attacker who trips it
  from elsewhere cannot lock the person out of their own tablet.

Counts live in Redis when ``REDIS_URL`` is set (shared by every app process),
else in process memory (one process only), in a moving window (the ``limits``
library). Only the login view asks: other requests pay nothing (Flask-Limiter
would check every request for limits we do not have). Each app gets its own
limiter, so several apps in one process (the tests) never share settings.
"""

import hashlib
import hmac
import time

from flask import Flask, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

KNOWN_DEVICE_COOKIE = "steg_known_device"
KNOWN_DEVICE_MAX = 20  # people remembered per shared tablet
KNOWN_DEVICE_SECONDS = 400 * 24 * 3600
EXTENSION_KEY = "steg_limiter"


def init_limiter(app: Flask) -> None:
    if not app.config.get("LOGIN_THROTTLE"):
        app.extensions[EXTENSION_KEY] = None
        return
    uri = app.config["RATELIMIT_STORAGE_URI"]
    app.extensions[EXTENSION_KEY] = MovingWindowRateLimiter(storage_from_string(uri))
    if uri.startswith("memory://") and app.config.get("ENV_NAME") == "production":
        app.logger.warning(
            "Login throttling counts in process memory: set REDIS_URL when more than "
            "one app process (gunicorn worker) runs, or the limits multiply."
        )


def _limiter() -> MovingWindowRateLimiter | None:
    return current_app.extensions.get(EXTENSION_KEY)


def _keys(username: str) -> tuple[tuple, tuple]:
    prefix = current_app.config["RATELIMIT_KEY_PREFIX"]
    address = ("login-address", prefix, request.remote_addr or "unknown")
    account = ("login-account", prefix, _normalise(username))
    return address, account


def _normalise(username: str) -> str:
    return (username or "").strip().lower()


def check_login_allowed(username: str) -> None:
    """Raise 429 (Retry-After set) if this login attempt is over a limit."""
    limiter = _limiter()
    if limiter is None:
        return
    address_key, account_key = _keys(username)
    checks = [(parse(current_app.config["LOGIN_LIMIT_ADDRESS"]), address_key)]
    if not is_known_device(username):
        checks.append((parse(current_app.config["LOGIN_LIMIT_ACCOUNT"]), account_key))
    for item, key in checks:
        if not limiter.test(item, *key):
            reset_at = limiter.get_window_stats(item, *key).reset_time
            raise TooManyRequests(retry_after=max(1, int(reset_at - time.time())))


def record_login_failure(username: str) -> None:
    limiter = _limiter()
    if limiter is None:
        return
    address_key, account_key = _keys(username)
    limiter.hit(parse(current_app.config["LOGIN_LIMIT_ADDRESS"]), *address_key)
    limiter.hit(parse(current_app.config["LOGIN_LIMIT_ACCOUNT"]), *account_key)


# --- known devices -------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="steg-known-device")


def _tag(username: str) -> str:
    key = current_app.secret_key.encode()
    return hmac.new(key, _normalise(username).encode(), hashlib.sha256).hexdigest()[:24]


def _known_tags() -> list[str]:
    raw = request.cookies.get(KNOWN_DEVICE_COOKIE)
    if not raw:
        return []
    try:
        tags = _serializer().loads(raw)
    except BadSignature:
        return []
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def is_known_device(username: str) -> bool:
    return _tag(username) in _known_tags()


def remember_device(response, username: str):
    """After a successful login: this device may skip the per-account limit next time."""
    tag = _tag(username)
    tags = [tag] + [t for t in _known_tags() if t != tag]
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        _serializer().dumps(tags[:KNOWN_DEVICE_MAX]),
        max_age=KNOWN_DEVICE_SECONDS,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response
