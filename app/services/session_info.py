"""What the offline app needs to know about the person who is logged in."""

from flask_babel import get_locale

from app.services.transactions import reads


@reads
def session_info(user) -> dict:
    locale = str(get_locale() or "nb")
    unit = user.unit
    every = list(unit.categories) if unit else []
    return {
        "user": user,
        "unit": unit,
        "categories": [_labelled(c, locale) for c in every if c.active],
        # Old records keep a retired category: the app shows its label and lets an
        # edit keep it (docs/api.md), though it can no longer be chosen.
        "retired_categories": [_labelled(c, locale) for c in every if not c.active],
    }


def _labelled(category, locale: str) -> dict:
    return {"code": category.code, "label": category.label(locale)}
