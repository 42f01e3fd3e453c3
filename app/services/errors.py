"""Errors the services raise when a rule says no.

They carry a machine-readable code (the API's ``error.code``), a message that
is already translated (lazy) and, where a field is at fault, the fields. The
web layer turns them into a flash message or form errors, the API into its
error envelope; services never speak HTTP themselves beyond the status hint.
"""


class DomainError(Exception):
    code = "invalid"
    status = 422

    def __init__(self, message, fields: dict | None = None):
        super().__init__(str(message))
        self.message = message
        self.fields = fields or {}


class Invalid(DomainError):
    code = "invalid"
    status = 422


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Forbidden(DomainError):
    code = "forbidden"
    status = 403


class Conflict(DomainError):
    code = "conflict"
    status = 409


def error_body(code: str, message, fields: dict | None = None) -> dict:
    """The API's error object, the one builder (docs/api.md): code, message, fields if any.

    app/errors.py wraps it as ``{"error": ...}`` for a whole request; a push
    item's ``error`` is this object itself.
    """
    body = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = {name: [str(m) for m in messages] for name, messages in fields.items()}
    return body


def body_of(error: DomainError) -> dict:
    return error_body(error.code, error.message, error.fields)
