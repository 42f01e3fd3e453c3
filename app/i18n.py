"""Language and time zone: bokmål by default, English when chosen, Oslo time."""

from datetime import datetime

from flask import current_app, has_request_context, session
from flask_babel import format_datetime, get_locale
from flask_login import current_user

SESSION_KEY = "lang"


def select_locale() -> str:
    """The person's choice: saved on the user, else kept in the session, else nb."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # commands and background work
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get(SESSION_KEY)
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def local_datetime(value: datetime | None, fmt: str = "short") -> str:
    """A UTC timestamp as people in Norway read it (Europe/Oslo)."""
    if value is None:
        return ""
    return format_datetime(value, fmt)


def template_context() -> dict:
    return {"current_locale": str(get_locale() or "nb")}
