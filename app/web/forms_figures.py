"""Forms of the figures pages: the period (a GET form), the coordinator's settings,
and a leader's gain on an idea."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from app.labels import GAIN_KIND
from app.models import GAIN_KINDS
from app.services import gains, periods
from app.web.forms_base import StegForm

PERIOD_WORDS = {
    "4w": _l("Last 4 weeks"),
    "12w": _l("Last 12 weeks"),
    "52w": _l("Last 52 weeks"),
}


class PeriodForm(StegForm):
    """A GET form: the period lives in the address. Dates are checked by services/periods.py."""

    class Meta:
        csrf = False

    period = SelectField(_l("Period"), default=periods.DEFAULT, validate_choice=False)
    # Text, not DateField: a bad date is shown beside the field (services/periods.py says why).
    start = StringField(_l("From (date)"), name="from", validators=[Optional(), Length(max=10)])
    end = StringField(_l("To (date)"), name="to", validators=[Optional(), Length(max=10)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.period.choices = [(k, str(v)) for k, v in PERIOD_WORDS.items()]


def _whole(label, low, high, message, required=True):
    checks = [InputRequired(message=message)] if required else [Optional()]
    return IntegerField(label, validators=[*checks, NumberRange(low, high, message=message)])


class GainSettingsForm(StegForm):
    hours_per_arsverk = _whole(
        _l("Hours per årsverk"), 1, gains.MAX_HOURS_PER_ARSVERK, gains.HOURS_PER_ARSVERK_RANGE
    )
    hours_source = TextAreaField(
        _l("Where the hours per årsverk come from"), validators=[Optional(), Length(max=500)]
    )
    hourly_cost = _whole(
        _l("Hourly cost in kroner (optional)"), 0, 100_000, gains.COST_RANGE, required=False
    )
    hourly_cost_source = TextAreaField(
        _l("Where the hourly cost comes from"), validators=[Optional(), Length(max=500)]
    )
    repeat_threshold = _whole(
        _l("A category counts as repeated from this many deviations in one week or month"),
        2,
        100,
        gains.REPEAT_RANGE,
    )


class GainForm(StegForm):
    """An expected or realised gain of an idea; the stage is the form's prefix (the page
    has one of each) and a plain hidden ``stage`` field beside it."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    kind = SelectField(_l("Kind of gain"), validate_choice=False)
    hours_per_week = StringField(
        _l("Hours per week (for time)"), validators=[Optional(), Length(max=12)]
    )
    kroner_per_year = StringField(
        _l("Kroner per year (for money)"), validators=[Optional(), Length(max=14)]
    )
    note = TextAreaField(
        _l("What gets better (a reason, if the gain is zero)"),
        validators=[Optional(), Length(max=1000)],
    )

    def fill_kinds(self) -> "GainForm":
        self.kind.choices = [("", str(_l("Choose…")))] + [
            (code, str(GAIN_KIND[code])) for code in GAIN_KINDS
        ]
        return self

    def kroner(self):
        """Whole kroner, or None when empty; ValueError (shown on the field) when not a number."""
        text = (self.kroner_per_year.data or "").replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if not (text.isascii() and text.isdigit()) or len(text) > 10:
            raise ValueError
        return int(text)
