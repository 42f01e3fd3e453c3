"""Forwarded headers through a real gunicorn (gunicorn.conf.py): STEG_PROXY_HOPS alone decides.

The requests come from 127.0.0.1, which gunicorn trusts by default for its own
reading of X-Forwarded-Proto; with Steg's gunicorn.conf.py it trusts nobody, so
only ProxyFix (configured hops) reads forwarded headers. What a client sees:
HSTS only on a request the app takes for HTTPS, and the address that the login
limit counts and the audit log records.
"""

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry
from tests.security.conftest import Browser

SECURE_HEADERS = (
    {"X-Forwarded-Proto": "https"},
    {"X-Forwarded-Ssl": "on"},
    {"X-Forwarded-Protocol": "ssl"},
)


def serve(start_server, hops: int):
    return start_server(
        workers=1,
        extra_env={
            "STEG_PROXY_HOPS": str(hops),
            "STEG_LOGIN_THROTTLE": "1",
            "REDIS_URL": "",
            "STEG_LOGIN_LIMIT_ADDRESS": "3 per 10 minutes",
            "STEG_LOGIN_LIMIT_ACCOUNT": "100 per 10 minutes",
        },
    )


def has_hsts(server, headers: dict) -> bool:
    status, response_headers, _ = Browser(server.url, headers=headers).request("/login")
    assert status == 200
    return "Strict-Transport-Security" in response_headers


def fail_login(server, username: str, forwarded_for: str) -> int:
    return Browser(server.url, forwarded_for=forwarded_for).log_in(username, "wrong")


def audited_addresses(app) -> set[str]:
    with app.app_context():
        query = select(AuditEntry.remote_addr).where(AuditEntry.action == "login_failed")
        addresses = set(db.session.scalars(query))
        db.session.remove()
        return addresses


def test_without_proxy_hops_no_forwarded_header_makes_a_request_https(start_server):
    server = serve(start_server, hops=0)
    for headers in SECURE_HEADERS:
        assert not has_hsts(server, headers), headers


def test_without_proxy_hops_the_forwarded_address_is_ignored(app, start_server):
    server = serve(start_server, hops=0)
    for name in ("a1", "a2", "a3"):
        assert fail_login(server, name, "1.2.3.4") == 200
    # Another forwarded address changes nothing: every attempt came from 127.0.0.1.
    assert fail_login(server, "a4", "5.6.7.8") == 429
    assert audited_addresses(app) == {"127.0.0.1"}


def test_with_one_proxy_hop_its_forwarded_proto_and_address_count(app, start_server):
    server = serve(start_server, hops=1)
    assert has_hsts(server, {"X-Forwarded-Proto": "https"})
    # Only the header ProxyFix reads: gunicorn's other scheme headers count for nothing.
    assert not has_hsts(server, {"X-Forwarded-Ssl": "on"})
    assert not has_hsts(server, {"X-Forwarded-Protocol": "ssl"})
    for name in ("a1", "a2", "a3"):
        assert fail_login(server, name, "1.2.3.4") == 200
    assert fail_login(server, "a4", "1.2.3.4") == 429
    assert fail_login(server, "a4", "5.6.7.8") == 200  # another client behind the proxy
    assert audited_addresses(app) == {"1.2.3.4", "5.6.7.8"}
