"""Security controls built into shared mechanisms (see docs/security.md).

``init_security(app)`` wires them: response headers on every response, login
throttling, and the audit hooks (decisions, pending audit entries).
"""

from flask import Flask

from app.security.audit_hooks import init_audit_hooks
from app.security.headers import init_headers
from app.security.limiter import init_limiter


def init_security(app: Flask) -> None:
    init_headers(app)
    init_limiter(app)
    init_audit_hooks(app)
