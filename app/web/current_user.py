"""Flask-Login wiring: sessions are rows in the database, not process memory."""

from flask import Flask, abort, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from app.database import end_read, reading_only
from app.extensions import db
from app.services.sessions import load_session_user


def _load_user(token: str):
    """The session check: a read (on SQLite beside writers), a write only when it must."""
    if not db.session().in_transaction():
        with reading_only():
            user = load_session_user(token)
        if not db.session.dirty:
            end_read(db.session())  # the user stays loaded: no reload later
            return user
        db.session.rollback()  # a touch or an ended session: again, as a writer
    user = load_session_user(token)
    if db.session.dirty:
        db.session.commit()
    return user


def _unauthorized():
    if request.path.startswith("/api/"):
        abort(401)
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def configure_login(app: Flask, manager: LoginManager) -> None:
    manager.init_app(app)
    # "basic": tablets move between 4G and Wi-Fi all day; "strong" would log them out.
    manager.session_protection = "basic"
    manager.login_message = _l("Log in to continue.")
    manager.user_loader(_load_user)
    manager.unauthorized_handler(_unauthorized)
