"""Deviations and ideas as the API returns them, and the fields a reporter may send."""

from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from app.models import GAIN_KINDS, GAIN_STAGES, SEVERITIES
from app.schemas.compiled import compile_dump
from app.schemas.compiled_load import CompiledLoadSchema
from app.schemas.fields import String, Text, UTCDateTime, UUIDText
from app.services.errors import Invalid


class PersonSchema(Schema):
    # Both null: a colleague's idea on the board of a unit that does not show
    # who proposed it (services/board.py ``shown_to``).
    id = fields.Integer(required=True, allow_none=True)
    display_name = fields.String(required=True, allow_none=True)


class EventSchema(Schema):
    at = UTCDateTime(required=True)
    actor = fields.Nested(PersonSchema, required=True)
    action = fields.String(required=True)
    from_status = fields.String(allow_none=True, required=True)
    to_status = fields.String(allow_none=True, required=True)
    comment = fields.String(allow_none=True, required=True)


class MeasureSchema(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True)
    responsible = fields.String(allow_none=True, required=True)
    due_date = fields.Date(allow_none=True, required=True)
    done = fields.Boolean(required=True)


class GainSchema(Schema):
    """An idea's expected or realised gain (services/gains.py), as the reporter's tablet gets it."""

    stage = fields.String(required=True, metadata={"enum": list(GAIN_STAGES)})
    kind = fields.String(required=True, metadata={"enum": list(GAIN_KINDS)})
    hours_per_week = fields.Float(allow_none=True, required=True)
    kroner_per_year = fields.Integer(allow_none=True, required=True)
    note = fields.String(allow_none=True, required=True)


_GAIN = GainSchema()


def _gains(idea) -> list:
    """An idea's gains: the loaded ones (a pull's rows, a loaded model), none while it is new
    (gains come with a decision), else the model's."""
    loaded = vars(idea).get("gains")
    if loaded is None:
        loaded = [] if getattr(idea, "status", "new") == "new" else idea.gains
    return [_GAIN.dump(gain) for gain in loaded]


class RecordSchema(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True)
    unit_id = fields.Integer(required=True)
    reporter = fields.Nested(PersonSchema, required=True)
    status = fields.String(required=True)
    version = fields.Integer(required=True)
    created_at = UTCDateTime(required=True)
    client_time = UTCDateTime(allow_none=True, required=True)
    updated_at = UTCDateTime(required=True)
    events = fields.List(fields.Nested(EventSchema), required=True)


class DeviationSchema(RecordSchema):
    type = fields.Constant("deviation", required=True, metadata={"enum": ["deviation"]})
    category = fields.Function(lambda d: d.category.code, required=True)
    severity = fields.String(required=True, metadata={"enum": list(SEVERITIES)})
    occurred_at = UTCDateTime(required=True)
    location = fields.String(allow_none=True, required=True)
    description = fields.String(required=True)
    immediate_action = fields.String(allow_none=True, required=True)
    measures = fields.List(fields.Nested(MeasureSchema), required=True)
    closing_summary = fields.String(allow_none=True, required=True)


class IdeaSchema(RecordSchema):
    type = fields.Constant("idea", required=True, metadata={"enum": ["idea"]})
    title = fields.String(required=True)
    problem = fields.String(required=True)
    proposal = fields.String(required=True)
    benefit = fields.String(allow_none=True, required=True)
    deviation_id = fields.String(allow_none=True, required=True)
    decision_comment = fields.String(allow_none=True, required=True)
    responsible = fields.String(allow_none=True, required=True)
    responsible_id = fields.Integer(allow_none=True, required=True)
    due_date = fields.Date(allow_none=True, required=True)
    status_changed_at = UTCDateTime(allow_none=True, required=True)
    pdsa_plan = fields.String(allow_none=True, required=True)
    pdsa_do = fields.String(allow_none=True, required=True)
    pdsa_study = fields.String(allow_none=True, required=True)
    pdsa_act = fields.String(allow_none=True, required=True)
    learning = fields.String(allow_none=True, required=True)
    supporter_ids = fields.List(fields.Integer(), required=True)
    gains = fields.Function(
        _gains,
        required=True,
        metadata={"type": "array", "items": {"$ref": "#/components/schemas/Gain"}},
    )


# The schemas above, compiled (app/schemas/compiled.py): the same JSON, faster.
DUMPERS = {"deviation": compile_dump(DeviationSchema()), "idea": compile_dump(IdeaSchema())}


def dump_record(record, kind: str | None = None) -> dict:
    """A deviation or idea as the API shows it (``kind`` for an object that is not a model)."""
    return DUMPERS[kind or record_type(record)](record)


def record_type(record) -> str:
    return "deviation" if type(record).__name__ == "Deviation" else "idea"


# What a reporter may send in a mutation's ``data``. Anything else (status,
# version, decisions, ...) is server-owned and ignored.
class DeviationDataSchema(CompiledLoadSchema):
    class Meta:
        unknown = EXCLUDE

    category = String(required=True, validate=validate.Length(min=1, max=40))
    severity = String(required=True, validate=validate.OneOf(SEVERITIES))
    occurred_at = UTCDateTime(required=True)
    location = Text(allow_none=True, max_length=200)
    description = Text(required=True, max_length=10_000)
    immediate_action = Text(allow_none=True, max_length=10_000)


class IdeaDataSchema(CompiledLoadSchema):
    class Meta:
        unknown = EXCLUDE

    title = Text(required=True, max_length=200)
    problem = Text(required=True, max_length=10_000)
    proposal = Text(required=True, max_length=10_000)
    benefit = Text(allow_none=True, max_length=10_000)
    deviation_id = UUIDText(allow_none=True)


class NoDataSchema(CompiledLoadSchema):
    """``support`` and ``unsupport``: the op says it all."""

    class Meta:
        unknown = EXCLUDE


class CommentDataSchema(CompiledLoadSchema):
    class Meta:
        unknown = EXCLUDE

    text = Text(required=True, max_length=10_000)


class LearningDataSchema(CompiledLoadSchema):
    """ "Bare gjør det": what was done (and learnt)."""

    class Meta:
        unknown = EXCLUDE

    learning = Text(required=True, max_length=10_000)


class PdsaDataSchema(CompiledLoadSchema):
    """Plan, Do, Study, Act: the notes sent are written (blank clears one), at least one."""

    class Meta:
        unknown = EXCLUDE

    pdsa_plan = Text(allow_none=True, max_length=10_000)
    pdsa_do = Text(allow_none=True, max_length=10_000)
    pdsa_study = Text(allow_none=True, max_length=10_000)
    pdsa_act = Text(allow_none=True, max_length=10_000)

    @validates_schema
    def _at_least_one(self, data, **_kwargs):
        if not data:
            raise ValidationError(str(PDSA_NONE), "data")


PDSA_NONE = _l("Send at least one of pdsa_plan, pdsa_do, pdsa_study, pdsa_act.")
# The board's ops on a colleague's or one's own idea (services/board.py): no
# base_version needed, they commute.
BOARD_OPS = ("support", "unsupport", "comment", "just_do_it", "pdsa")
OPS = ("create", "update", *BOARD_OPS)
DATA_SCHEMAS = {
    ("deviation", "create"): DeviationDataSchema(),
    ("deviation", "update"): DeviationDataSchema(partial=True),
    ("idea", "create"): IdeaDataSchema(),
    ("idea", "update"): IdeaDataSchema(partial=True, exclude=("deviation_id",)),
    ("idea", "support"): NoDataSchema(),
    ("idea", "unsupport"): NoDataSchema(),
    ("idea", "comment"): CommentDataSchema(),
    ("idea", "just_do_it"): LearningDataSchema(),
    ("idea", "pdsa"): PdsaDataSchema(),
}
INVALID = _l("Some fields need correcting.")
NO_SUCH_OP = _l("This change is only possible on an improvement idea.")
# marshmallow's own messages, in the person's language.
FIELD_MESSAGES = {
    "Missing data for required field.": _l("Required."),
    "Not a valid string.": _l("Must be text."),
    "Not a valid datetime.": _l("Must be a date and time, like 2026-11-27T13:50:00+01:00."),
    "Not a valid aware datetime.": _l("Give the time with its time zone, like +01:00."),
    "Not a valid UUID.": _l("Must be a UUID."),
    "Not a valid integer.": _l("Must be a whole number."),
    "Not a valid date.": _l("Must be a date, like 2026-11-27."),
    "Not a valid mapping type.": _l("Must be a JSON object."),
    "Invalid input type.": _l("Must be a JSON object."),
}
ONE_OF = _l("Choose one of the allowed values.")


def load_record_data(record_type_: str, op: str, data: dict) -> dict:
    """The reporter's fields, typed; Invalid naming each field that is wrong."""
    if (record_type_, op) not in DATA_SCHEMAS:
        raise Invalid(INVALID, {"op": [str(NO_SUCH_OP)]})
    try:
        loaded = DATA_SCHEMAS[(record_type_, op)].load(data)
    except ValidationError as error:
        raise Invalid(INVALID, field_messages(error.messages)) from None
    return loaded


def field_messages(messages) -> dict:
    """marshmallow's messages as {field: [words in the person's language]}."""
    if not isinstance(messages, dict):
        messages = {"data": messages}
    messages = {("mutation" if k == "_schema" else k): v for k, v in messages.items()}
    return {
        name: [_translated(m) for m in (value if isinstance(value, list) else [value])]
        for name, value in messages.items()
    }


def _translated(message) -> str:
    message = str(message)
    if message.startswith("Must be one of:"):
        return str(ONE_OF)
    return str(FIELD_MESSAGES.get(message, message))
