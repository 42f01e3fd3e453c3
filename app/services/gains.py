"""Gevinster: an idea's expected and realised gain, and what they come to in årsverk and kroner.

A leader records the expected (identified) gain when approving an idea or
later, and the realised gain when it is done: the kind (time, quality,
safety, working environment, money), hours per week for time, kroner per
year for money. The realised gain may differ, or be zero with a reason.
Each is its own row (models/gain.py); recording one raises the idea's
version, so it reaches the reporter's tablet with the decision.

Conversion (lean-practice.md, "show the arithmetic"): hours per week × 52
weeks = hours per year; ÷ hours per årsverk (a coordinator setting, default
1,695) = årsverk; × the hourly cost, if one is set, = kroner per year.
Every ``Conversion`` carries the sentence that says so, with its numbers.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from flask_babel import format_decimal, gettext
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import IdeaGain, ProgrammeSettings
from app.models.base import utcnow
from app.models.gain import GAIN_KINDS, GAIN_STAGES
from app.services.change_seq import touch
from app.services.errors import Invalid
from app.services.history import add_event
from app.services.personal_id import reject_personal_ids

WEEKS_PER_YEAR = 52
# When each stage may be recorded: expected on approval or later, realised when done.
STAGE_STATUSES = {
    "expected": ("approved", "in_progress", "done"),
    "realised": ("done",),
}
STAGE_EVENT = {"expected": "gain_expected", "realised": "gain_realised"}
MAX_HOURS_PER_WEEK = Decimal(1000)
MAX_KRONER_PER_YEAR = 1_000_000_000
MAX_HOURS_PER_ARSVERK = 8784  # hours in a leap year

NOT_NOW = _l("An expected gain is recorded on approval or later; a realised one when done.")
KIND_REQUIRED = _l("Choose the kind of gain.")
HOURS_REQUIRED = _l("Write the hours per week, for example 1,5.")
HOURS_RANGE = _l("Write a number of hours per week from 0 to 1000.")
HOURS_POSITIVE = _l("An expected time gain is more than 0 hours per week.")
KRONER_REQUIRED = _l("Write the kroner per year, as a whole number.")
KRONER_RANGE = _l("Write a whole number of kroner from 0 to 1 000 000 000.")
KRONER_POSITIVE = _l("An expected money gain is more than 0 kroner per year.")
NOTE_REQUIRED = _l("Describe what gets better.")
REASON_REQUIRED = _l("Write why the realised gain is zero.")
HOURS_PER_ARSVERK_RANGE = _l("Write the hours in one årsverk, a whole number from 1 to 8784.")
COST_RANGE = _l("Write the hourly cost in whole kroner, or leave it empty.")
REPEAT_RANGE = _l("Write a whole number from 2 to 100.")


@dataclass
class Conversion:
    """Hours per week as hours per year, årsverk and (with an hourly cost) kroner per year."""

    hours_per_week: float
    hours_per_year: float
    arsverk: float
    kroner_per_year: int | None
    explanation: str


# Settings ------------------------------------------------------------------


def get_settings() -> ProgrammeSettings:
    """The programme's settings; the defaults (not stored) until a coordinator saves them."""
    settings = db.session.get(ProgrammeSettings, 1)
    if settings is None:
        settings = ProgrammeSettings(id=1)
        for column in ProgrammeSettings.__table__.columns:
            if column.default is not None and getattr(settings, column.key) is None:
                setattr(settings, column.key, column.default.arg)
    return settings


def update_settings(
    actor, hours_per_arsverk, hours_source, hourly_cost, hourly_cost_source, repeat_threshold
) -> ProgrammeSettings:
    """A coordinator changes the conversion figures (each with where it comes from)."""
    errors = {}
    if not _whole(hours_per_arsverk, 1, MAX_HOURS_PER_ARSVERK):
        errors["hours_per_arsverk"] = [HOURS_PER_ARSVERK_RANGE]
    if hourly_cost is not None and not _whole(hourly_cost, 0, 100_000):
        errors["hourly_cost"] = [COST_RANGE]
    if not _whole(repeat_threshold, 2, 100):
        errors["repeat_threshold"] = [REPEAT_RANGE]
    if errors:
        raise Invalid(next(iter(errors.values()))[0], errors)
    hours_source = (hours_source or "").strip() or None
    hourly_cost_source = (hourly_cost_source or "").strip() or None
    reject_personal_ids({"hours_source": hours_source, "hourly_cost_source": hourly_cost_source})
    settings = db.session.get(ProgrammeSettings, 1) or ProgrammeSettings(id=1)
    settings.hours_per_arsverk = hours_per_arsverk
    settings.hours_source = hours_source
    settings.hourly_cost = hourly_cost
    settings.hourly_cost_source = hourly_cost_source
    settings.repeat_threshold = repeat_threshold
    settings.updated_at = utcnow()
    settings.updated_by_id = actor.id
    db.session.add(settings)
    db.session.flush()
    return settings


def _whole(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


# Conversion ----------------------------------------------------------------


def convert(minutes_per_week: int, settings: ProgrammeSettings | None = None) -> Conversion:
    """Minutes per week in hours per year, årsverk and kroner, with the sentence of how."""
    settings = settings or get_settings()
    hours_week = minutes_per_week / 60
    hours_year = hours_week * WEEKS_PER_YEAR
    arsverk = hours_year / settings.hours_per_arsverk
    kroner = round(hours_year * settings.hourly_cost) if settings.hourly_cost else None
    numbers = {
        "hours": _number(hours_week),
        "weeks": WEEKS_PER_YEAR,
        "year": _number(hours_year),
        "per_arsverk": _number(settings.hours_per_arsverk),
        "arsverk": _number(arsverk, 2),
    }
    text = gettext(
        "%(hours)s hours a week × %(weeks)s weeks = %(year)s hours a year; "
        "%(year)s hours ÷ %(per_arsverk)s hours per årsverk = %(arsverk)s årsverk.",
        **numbers,
    )
    if kroner is not None:
        text += " " + gettext(
            "%(year)s hours × %(cost)s kroner an hour = %(kroner)s kroner a year.",
            year=numbers["year"],
            cost=_number(settings.hourly_cost),
            kroner=_number(kroner),
        )
    return Conversion(round(hours_week, 2), round(hours_year, 1), round(arsverk, 2), kroner, text)


def _number(value, digits: int = 1) -> str:
    """A number as people in the page's language write it (1 695; 1,5)."""
    value = round(value, digits)
    if value == int(value):
        value = int(value)
    return format_decimal(value)


# Recording -----------------------------------------------------------------


def parse_hours(text) -> Decimal | None:
    """ "1,5", "1.5" or "2" hours (a comma is the Norwegian decimal mark); None when empty.

    Anything else is ValueError, for the form to show beside the field.
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, int | float | Decimal):
        return Decimal(str(text))
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(str(HOURS_REQUIRED)) from None
    if not value.is_finite():
        raise ValueError(str(HOURS_REQUIRED))
    return value


def record_gain(idea, actor, stage, kind, hours_per_week=None, kroner_per_year=None, note=None):
    """Record (or change) an idea's expected or realised gain; returns the IdeaGain."""
    note = (note or "").strip() or None
    if stage not in GAIN_STAGES or idea.status not in STAGE_STATUSES[stage]:
        raise Invalid(NOT_NOW, {"stage": [NOT_NOW]})
    if kind not in GAIN_KINDS:
        raise Invalid(KIND_REQUIRED, {"kind": [KIND_REQUIRED]})
    minutes, kroner = _amounts(stage, kind, hours_per_week, kroner_per_year, note)
    reject_personal_ids({"note": note})
    gain = _gain_row(idea, stage)
    gain.kind, gain.minutes_per_week, gain.kroner_per_year, gain.note = kind, minutes, kroner, note
    gain.recorded_by_id, gain.recorded_at = actor.id, utcnow()
    touch(idea)
    db.session.flush()
    db.session.expire(idea, ["gains"])
    add_event(idea, actor, STAGE_EVENT[stage], comment=note)
    return gain


def _amounts(stage, kind, hours, kroner, note):
    """(minutes per week, kroner per year) the kind asks for; Invalid naming the field."""
    expected = stage == "expected"
    if kind == "time":
        minutes = _minutes(hours, expected)
        _reason_for_zero(minutes, note)
        return minutes, None
    if kind == "money":
        kroner = _kroner(kroner, expected)
        _reason_for_zero(kroner, note)
        return None, kroner
    if not note:
        raise Invalid(NOTE_REQUIRED, {"note": [NOTE_REQUIRED]})
    return None, None


def _minutes(hours, expected: bool) -> int:
    try:
        hours = parse_hours(hours)
    except ValueError:
        hours = None
    if hours is None:
        raise Invalid(HOURS_REQUIRED, {"hours_per_week": [HOURS_REQUIRED]})
    if not Decimal(0) <= hours <= MAX_HOURS_PER_WEEK:
        raise Invalid(HOURS_RANGE, {"hours_per_week": [HOURS_RANGE]})
    minutes = int((hours * 60).to_integral_value())
    if expected and minutes == 0:
        raise Invalid(HOURS_POSITIVE, {"hours_per_week": [HOURS_POSITIVE]})
    return minutes


def _kroner(kroner, expected: bool) -> int:
    if kroner is None:
        raise Invalid(KRONER_REQUIRED, {"kroner_per_year": [KRONER_REQUIRED]})
    if not _whole(kroner, 0, MAX_KRONER_PER_YEAR):
        raise Invalid(KRONER_RANGE, {"kroner_per_year": [KRONER_RANGE]})
    if expected and kroner == 0:
        raise Invalid(KRONER_POSITIVE, {"kroner_per_year": [KRONER_POSITIVE]})
    return kroner


def _reason_for_zero(amount: int, note) -> None:
    if amount == 0 and not note:
        raise Invalid(REASON_REQUIRED, {"note": [REASON_REQUIRED]})


def _gain_row(idea, stage) -> IdeaGain:
    gain = db.session.scalar(
        db.select(IdeaGain).where(IdeaGain.idea_id == idea.id, IdeaGain.stage == stage)
    )
    if gain is None:
        gain = IdeaGain(idea_id=idea.id, stage=stage)
        db.session.add(gain)
    return gain


def idea_gains(idea) -> dict[str, IdeaGain]:
    """{"expected": IdeaGain, "realised": IdeaGain}, either left out when not recorded."""
    return {gain.stage: gain for gain in idea.gains}


def reporter_line(gain) -> str | None:
    """The sentence for the reporter: "Forslaget ditt sparer ca. 2 timer i uka"."""
    if gain is None or not gain.minutes_per_week:
        return None
    return gettext(
        "Your idea saves about %(hours)s hours a week", hours=_number(gain.minutes_per_week / 60)
    )
