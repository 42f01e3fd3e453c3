"""One place that answers errors: a JSON envelope under /api/, a page elsewhere.

Never a stack trace, never an HTML page to the app's sync engine.
"""

import json

from flask import current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.extensions import db
from app.services.audit import record_access_denied
from app.services.errors import DomainError, error_body

CODES = {
    400: ("bad_request", _l("The request could not be understood.")),
    401: ("not_authenticated", _l("You must log in.")),
    403: ("forbidden", _l("You do not have access to this.")),
    404: ("not_found", _l("We could not find what you were looking for.")),
    405: ("method_not_allowed", _l("That method is not allowed here.")),
    409: ("conflict", _l("The record changed on the server.")),
    410: ("gone", _l("This is no longer available.")),
    413: ("too_large", _l("The request is too large.")),
    422: ("invalid", _l("Some fields need correcting.")),
    429: ("rate_limited", _l("Too many attempts. Wait a little and try again.")),
    500: ("server_error", _l("Something went wrong on the server. Nothing you sent was lost.")),
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_envelope(code: str, message, fields: dict | None = None) -> dict:
    return {"error": error_body(code, message, fields)}


def error_response(status: int, code: str | None = None, message=None, fields=None):
    default_code, default_message = CODES.get(status, CODES[500])
    code = code or default_code
    message = message or default_message
    if wants_json():
        response = jsonify(error_envelope(code, message, fields))
    else:
        response = current_app.make_response(
            render_template("error.html", status=status, message=message)
        )
    response.status_code = status
    return response


def _handle_http(error: HTTPException):
    if error.code == 403:
        _audit_denied(403, "forbidden")
    response = error_response(error.code or 500)
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    if error.code == 429 and getattr(error, "retry_after", None):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def _handle_csrf(_error: CSRFError):
    return error_response(
        403, "csrf_failed", _l("The form expired or came from elsewhere. Please try again.")
    )


def _handle_domain(error: DomainError):
    if error.status in (403, 404):  # refused by an access check (services/access.py)
        _audit_denied(error.status, error.code)
    return error_response(error.status, error.code, error.message, error.fields)


def _audit_denied(status: int, code: str) -> None:
    """Access denied goes to the audit log; a failure to write it never hides the answer."""
    try:
        record_access_denied(status, code)
    except Exception:
        db.session.rollback()
        current_app.logger.exception("Could not write the audit entry for a refused request")


def _handle_unexpected(error: Exception):
    """The 500 answer: the session rolled back first, and this handler never fails.

    A failed statement leaves the transaction unusable (PostgreSQL: "current
    transaction is aborted"); the page, the audit hook and the session cookie
    after it would fail again, and the client would get the server's bare page
    without the envelope or the security headers.
    """
    try:
        db.session.rollback()
    except Exception:
        current_app.logger.exception("Could not roll back after an error")
    current_app.logger.error(
        "Unhandled error on %s %s", request.method, request.path, exc_info=error
    )
    try:
        return error_response(500)
    except Exception:
        current_app.logger.exception("The error page failed; answering a plain one")
        return _plain_500()


PLAIN_500 = "Noe gikk galt på serveren. / Something went wrong on the server."


def _plain_500():
    """What a 500 says when even the error page fails: no template, no database."""
    if wants_json():
        body = json.dumps(error_envelope("server_error", PLAIN_500))
        return current_app.response_class(body, 500, mimetype="application/json")
    return current_app.response_class(
        f"<!doctype html><title>500</title><p>{PLAIN_500}</p>", 500, mimetype="text/html"
    )


def register_error_handlers(app) -> None:
    app.register_error_handler(CSRFError, _handle_csrf)
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(DomainError, _handle_domain)
    app.register_error_handler(Exception, _handle_unexpected)
