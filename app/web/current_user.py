"""Flask-Login wiring: sessions are rows in the database, not process memory."""

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from app.services.sessions import check_person, check_session


def _unauthorized():
    if request.path.startswith("/api/"):
        abort(401)
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _load_user(token: str):
    """The ORM ``User``, or a ``Person`` for a view marked ``person_only`` (guards.py)."""
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "person_only", False):
        return check_person(token)
    return check_session(token)


def configure_login(app: Flask, manager: LoginManager) -> None:
    manager.init_app(app)
    # "basic": tablets move between 4G and Wi-Fi all day; "strong" would log them out.
    manager.session_protection = "basic"
    manager.login_message = _l("Log in to continue.")
    manager.user_loader(_load_user)  # services/sessions.py
    manager.unauthorized_handler(_unauthorized)
