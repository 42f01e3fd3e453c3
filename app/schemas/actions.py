"""The leader actions' request bodies."""

from marshmallow import EXCLUDE, Schema, validate

from app.models import DEVIATION_STATUSES, IDEA_STATUSES
from app.models.event import HMS_ANSWERS
from app.schemas.fields import Day, String, Text


class IdeaStatusSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    status = String(
        required=True, validate=validate.OneOf([s for s in IDEA_STATUSES if s != "new"])
    )
    comment = Text(allow_none=True, load_default=None, max_length=10_000)
    responsible = Text(allow_none=True, load_default=None, max_length=120)
    due_date = Day(allow_none=True, load_default=None)


class DeviationStatusSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    status = String(
        required=True, validate=validate.OneOf([s for s in DEVIATION_STATUSES if s != "new"])
    )
    comment = Text(allow_none=True, load_default=None, max_length=10_000)
    closing_summary = Text(allow_none=True, load_default=None, max_length=10_000)


class MeasureCreateSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    text = Text(required=True, max_length=10_000)
    responsible = Text(allow_none=True, load_default=None, max_length=120)
    due_date = Day(allow_none=True, load_default=None)


def _answer():
    return String(allow_none=True, load_default=None, validate=validate.OneOf(HMS_ANSWERS))


class HmsChecklistSchema(Schema):
    """The HMS checklist's answers (yes, no, not_relevant); a missing one stays as it is."""

    class Meta:
        unknown = EXCLUDE

    arbeidstilsynet = _answer()
    police = _answer()
    safety_rep = _answer()
    follow_up = _answer()
