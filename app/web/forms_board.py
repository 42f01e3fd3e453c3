"""Forms of the board and the board meeting: PDSA notes, "bare gjør det", the meeting."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from app.web.forms_base import StegForm
from app.web.forms_leader import IdeaDecisionForm, optional_id

NOTE = [Optional(), Length(max=4000)]
PRESENT_HELP = _l("Write how many are present, a whole number from 0 to 500.")


class PdsaForm(StegForm):
    """Planlegg, Utfør, Studer, Juster: the notes of an idea being worked on."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    pdsa_plan = TextAreaField(_l("Plan: what will we try, and what do we expect?"), validators=NOTE)
    pdsa_do = TextAreaField(_l("Do: what did we do?"), validators=NOTE)
    pdsa_study = TextAreaField(_l("Study: what did we see?"), validators=NOTE)
    pdsa_act = TextAreaField(_l("Act: what do we keep or change?"), validators=NOTE)


class JustDoItForm(StegForm):
    """ "Bare gjør det": a small idea done at once; what was done is required."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    what_was_done = TextAreaField(
        _l("What was done"),
        validators=[
            DataRequired(message=_l("Write what was done, so the unit can learn from it.")),
            Length(max=4000),
        ],
    )


class MeetingStartForm(StegForm):
    unit = SelectField(_l("Unit"), choices=[], coerce=optional_id, validators=[Optional()])


class PresentForm(StegForm):
    present_count = IntegerField(
        _l("Number present"),
        validators=[
            InputRequired(message=PRESENT_HELP),
            NumberRange(min=0, max=500, message=PRESENT_HELP),
        ],
    )


class MeetingDecisionForm(IdeaDecisionForm):
    """A decision on one new idea in the meeting; ``status`` may also be "just_done"."""
