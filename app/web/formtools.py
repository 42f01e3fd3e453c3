"""Small helpers the leader and coordinator pages share: service errors onto forms."""

from flask import flash
from flask_babel import gettext

from app.services.errors import DomainError


def apply_errors(form, error: DomainError) -> None:
    """Show a service's refusal: field messages on the fields, the message as a flash.

    Messages are lazy strings, so they come out in the person's language.
    """
    for name, messages in (error.fields or {}).items():
        field = getattr(form, name, None) if form is not None else None
        if field is not None and hasattr(field, "errors"):
            field.errors = [*_as_list(field.errors), *(str(m) for m in messages)]
    flash(str(error.message), "error")


def _as_list(errors) -> list:
    return list(errors) if isinstance(errors, list | tuple) else []


def form_error_summary(form) -> None:
    """Flash one line when a form did not validate, so the person looks at the fields."""
    if form.errors:
        flash(gettext("Some fields need correcting."), "error")
