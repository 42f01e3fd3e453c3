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
