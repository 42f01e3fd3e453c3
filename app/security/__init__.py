"""Security controls built into shared mechanisms (see docs/security.md).

``init_security(app)`` wires them: response headers on every response, the
text rule on query strings and URL parts, login throttling, the audit hooks
(decisions, pending audit entries) and the signed cookie session.
"""

from flask import Flask

from app.security.audit_hooks import init_audit_hooks
from app.security.cookie_session import init_cookie_session
from app.security.headers import init_headers
from app.security.input_guard import init_input_guard
from app.security.limiter import init_limiter


def init_security(app: Flask) -> None:
    init_headers(app)
    init_input_guard(app)
    init_limiter(app)
    init_audit_hooks(app)
    init_cookie_session(app)
