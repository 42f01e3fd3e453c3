"""Every route in the URL map answers with the security headers (generated from the map)."""

import pytest

from app.security.headers import CONTENT_SECURITY_POLICY
from tests.conftest import log_in
from tests.security.conftest import rule_url, rules

REQUIRED_CSP = (
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
)


def assert_security_headers(response, path: str) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    for directive in REQUIRED_CSP:
        assert directive in csp, f"{path}: CSP lacks {directive!r}"
    assert "unsafe-inline" not in csp, path
    assert "unsafe-eval" not in csp, path
    assert headers.get("X-Content-Type-Options") == "nosniff", path
    assert headers.get("Referrer-Policy") == "same-origin", path
    assert "camera=()" in headers.get("Permissions-Policy", ""), path
    assert "geolocation=()" in headers.get("Permissions-Policy", ""), path
    if not path.startswith("/static/"):
        assert headers.get("Cache-Control") == "no-store", f"{path}: may be cached"


def test_every_route_answers_with_security_headers(app, demo, client):
    """Anonymous and as the coordinator (who may open most), every method of every rule."""
    coordinator = app.test_client()
    assert log_in(coordinator, "koordinator").status_code == 302
    checked = 0
    for rule, method in rules(app):
        path = rule_url(app, rule)
        if rule.endpoint == "static":
            path = "/static/css/app.css"
        for who in (client, coordinator):
            response = who.open(path, method=method)
            assert_security_headers(response, path)
            response.close()
            checked += 1
    assert checked > 20


def test_error_pages_and_unknown_urls_carry_the_headers_too(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert_security_headers(response, "/no/such/page")
    api = client.get("/api/v1/no-such-thing")
    assert_security_headers(api, "/api/v1/no-such-thing")


def test_static_files_are_not_marked_no_store(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert response.headers.get("Cache-Control") != "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_hsts_only_over_https(client):
    plain = client.get("/login")
    assert "Strict-Transport-Security" not in plain.headers
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_hsts_honours_the_proxy_when_proxy_hops_are_set(make_app):
    behind_proxy = make_app(PROXY_HOPS=1).test_client()
    forwarded = behind_proxy.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in forwarded.headers
    direct = make_app().test_client()
    spoofed = direct.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in spoofed.headers


@pytest.mark.parametrize("directive", ["script-src 'self'", "style-src 'self'"])
def test_policy_allows_no_inline_script_or_style(directive):
    assert directive in CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
