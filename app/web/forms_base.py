"""The base of every form: the text rule (app/text_policy.py) on each text field.

A field that holds a NUL, another control character or a broken character
gets an error beside it, in the person's language, and the page shows again
with what they typed; the text that is kept is normalised (line feeds, NFC).
A date outside 1900–2199 is an error the same way. Every form in app/web
derives from ``StegForm`` (tests/web/test_hostile_input.py checks it).
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, PasswordField, StringField

from app.text_policy import clean_text

EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2199, 12, 31)


def _cleaned(value):
    return clean_text(value) if isinstance(value, str) else value


def _checked(value):
    """A password is checked, never changed: it must match what was hashed."""
    _cleaned(value)
    return value


def _day_in_span(value):
    if isinstance(value, date) and not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValueError(_l("Must be between the years 1900 and 2199."))
    return value


def _rule_for(field_class):
    if issubclass(field_class, PasswordField):
        return _checked
    if issubclass(field_class, StringField):
        return _cleaned
    if issubclass(field_class, DateField):
        return _day_in_span
    return None


class StegForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            rule = _rule_for(unbound_field.field_class)
            if rule is not None:
                filters = unbound_field.kwargs.get("filters") or ()
                options = {**options, "filters": [*filters, rule]}
            return super().bind_field(form, unbound_field, options)
