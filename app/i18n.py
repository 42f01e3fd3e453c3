"""Language and time zone: bokmål by default, English when chosen, Oslo time."""

from datetime import date, datetime

from babel.dates import get_month_names
from flask import current_app, has_request_context, session
from flask_babel import format_date, format_datetime, get_locale, gettext, ngettext
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


# One way to write a date on every screen, per language: the pages use the Babel
# patterns, the tablet (static/js/lib/dates.js) the templates with the same pieces
# and Babel's month names, sent in the JS catalog (date_words). A test runs both.
DATE_FORMATS = {
    "nb": {
        "date": ("d. MMM y", "{d}. {month} {y}"),
        "datetime": ("d. MMM y 'kl.' HH:mm", "{d}. {month} {y} kl. {HH}:{mm}"),
    },
    "en": {
        "date": ("d MMM y", "{d} {month} {y}"),
        "datetime": ("d MMM y, HH:mm", "{d} {month} {y}, {HH}:{mm}"),
    },
}


def _formats() -> dict:
    return DATE_FORMATS.get(str(get_locale() or "nb"), DATE_FORMATS["nb"])


NAMED_FORMATS = ("short", "medium", "long")  # older calls: all mean the one format now


def local_datetime(value: datetime | None, fmt: str | None = None) -> str:
    """A UTC timestamp as people in Norway read it (Europe/Oslo): "20. des. 2026 kl. 14:03".

    ``fmt`` is for a piece only (a Babel pattern such as "HH:mm"); a date is always
    written the one way.
    """
    if value is None:
        return ""
    pattern = _formats()["datetime"][0] if fmt in (None, *NAMED_FORMATS) else fmt
    return format_datetime(value, pattern)


def local_date(value: date | datetime | None) -> str:
    """A day ("20. des. 2026"); a timestamp gives its day in Oslo."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, _formats()["date"][0])
    return format_date(value, _formats()["date"][0])


def date_words(lang: str) -> dict:
    """What the tablet needs to write dates exactly as the pages do."""
    formats = DATE_FORMATS[lang]
    months = get_month_names("abbreviated", context="format", locale=lang)
    return {
        "months": [months[m] for m in range(1, 13)],
        "date": formats["date"][1],
        "datetime": formats["datetime"][1],
        "time_zone": current_app.config["BABEL_DEFAULT_TIMEZONE"],
    }


def template_context() -> dict:
    return {"current_locale": str(get_locale() or "nb")}


def time_since(moment: datetime, now: datetime) -> str:
    """How long ago, in the unit an urgent matter counts in: "3 timer siden", "2 dager siden".

    Minutes under an hour, hours under two days, then days (never "1 week": a
    critical deviation's wait is told in days).
    """
    minutes = max(int((now - moment).total_seconds() // 60), 0)
    if minutes < 1:
        return gettext("just now")
    if minutes < 60:
        return ngettext("%(num)d minute ago", "%(num)d minutes ago", minutes)
    if minutes < 48 * 60:
        return ngettext("%(num)d hour ago", "%(num)d hours ago", minutes // 60)
    return ngettext("%(num)d day ago", "%(num)d days ago", minutes // (24 * 60))
