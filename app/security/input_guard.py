"""Query strings and URL parts are text too: the text rule (app/text_policy.py) before any view.

A search box or a filter never reaches a database query with a NUL or a
control character in it: such a request is answered 400, naming the
parameter, in the person's language (JSON under /api/, a page elsewhere).
Form fields and JSON bodies are checked field by field where they are read
(app/web/forms_base.py, app/schemas/fields.py), so a form can show the error
beside what the person typed.
"""

from flask import Flask, request
from flask_babel import lazy_gettext as _l

from app.errors import error_response
from app.text_policy import text_problem

REFUSED = _l("The address holds a character that cannot be used.")


def _refused_parts() -> dict:
    found = {}
    for name, value in request.args.items(multi=True):
        if problem := text_problem(name):
            found.setdefault("query", []).append(problem)
        elif problem := text_problem(value):
            found.setdefault(name, []).append(problem)
    for name, value in (request.view_args or {}).items():
        if isinstance(value, str) and (problem := text_problem(value)):
            found.setdefault(name, []).append(problem)
    return found


def _guard():
    refused = _refused_parts()
    if refused:
        return error_response(400, "bad_request", REFUSED, refused)
    return None


def init_input_guard(app: Flask) -> None:
    app.before_request(_guard)
