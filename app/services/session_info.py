"""What the offline app needs to know about the person who is logged in."""

from flask_babel import get_locale


def session_info(user) -> dict:
    locale = str(get_locale() or "nb")
    unit = user.unit
    categories = [c for c in unit.categories if c.active] if unit else []
    return {
        "user": user,
        "unit": unit,
        "categories": [{"code": c.code, "label": c.label(locale)} for c in categories],
    }
