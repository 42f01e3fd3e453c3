"""The sync envelope: session, push and pull, as JSON on the wire."""

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate
from werkzeug.exceptions import RequestEntityTooLarge

from app.models.user import ROLES
from app.schemas.compiled_load import CompiledLoadSchema
from app.schemas.fields import String, UTCDateTime, UUIDText
from app.schemas.records import OPS, DeviationSchema, GainSchema, IdeaSchema, field_messages

MAX_MUTATIONS = 100
RECORD_TYPES = ("deviation", "idea")
RECORD = {
    "oneOf": [
        {"$ref": "#/components/schemas/Deviation"},
        {"$ref": "#/components/schemas/Idea"},
    ]
}


class ErrorBodySchema(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    fields_ = fields.Dict(
        data_key="fields",
        attribute="fields",
        keys=fields.String(),
        values=fields.List(fields.String()),
    )


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)


class SessionUserSchema(Schema):
    id = fields.Integer(required=True)
    username = fields.String(required=True)
    display_name = fields.String(required=True)
    role = fields.String(required=True, metadata={"enum": list(ROLES)})


class UnitSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    phone = fields.String(
        allow_none=True,
        required=True,
        metadata={
            "description": "Whom to call when a deviation is critical: +47 and 8 digits, "
            "or null when the unit has set no number."
        },
    )


class CategorySchema(Schema):
    code = fields.String(required=True)
    label = fields.String(required=True)


class SessionSchema(Schema):
    user = fields.Nested(SessionUserSchema, required=True)
    unit = fields.Nested(UnitSchema, allow_none=True, required=True)
    categories = fields.List(fields.Nested(CategorySchema), required=True)
    retired_categories = fields.List(
        fields.Nested(CategorySchema),
        required=True,
        metadata={
            "description": "The unit's retired categories: an old record keeps one, "
            "a new record cannot choose it."
        },
    )
    csrf_token = fields.String(required=True)
    server_time = UTCDateTime(required=True)


class MutationSchema(CompiledLoadSchema):
    class Meta:
        unknown = EXCLUDE

    mutation_id = UUIDText(required=True)
    type = String(required=True, validate=validate.OneOf(RECORD_TYPES))
    op = String(required=True, validate=validate.OneOf(OPS))
    record_id = UUIDText(required=True)
    base_version = fields.Integer(
        allow_none=True, load_default=None, validate=validate.Range(min=1, max=2**31 - 1)
    )
    client_time = UTCDateTime(allow_none=True, load_default=None)
    data = fields.Dict(  # no per-key fields: the per-type schema checks it (records.py)
        required=True,
        metadata={
            "description": "The reporter's fields of a deviation or an idea (see docs/api.md)."
        },
    )


class RefusedMutation:
    """A mutation whose own fields are wrong: answered ``rejected`` in its turn, never applied.

    One bad item never blocks the queue, so a wrong ``client_time`` or
    ``record_id`` is this item's answer, not the whole request's 400.
    """

    __slots__ = ("mutation_id", "fields")

    def __init__(self, raw, messages: dict):
        given = raw.get("mutation_id") if isinstance(raw, dict) else None
        self.mutation_id = given if isinstance(given, str) else None
        self.fields = field_messages(messages)


class MutationList(fields.Nested):
    """The push's mutations in one load; an item with wrong fields becomes a RefusedMutation."""

    def __init__(self, **kwargs):
        super().__init__(MutationSchema, many=True, **kwargs)

    def _deserialize(self, value, attr, data, partial=None, **kwargs):
        try:
            return super()._deserialize(value, attr, data, partial=partial, **kwargs)
        except ValidationError as error:
            per_item = error.messages
            if not isinstance(value, list) or not all(isinstance(k, int) for k in per_item):
                raise  # not a list: the request's shape is wrong (400)
            loaded = error.valid_data
            return [
                RefusedMutation(raw, per_item[index]) if index in per_item else loaded[index]
                for index, raw in enumerate(value)
            ]


class PushRequestSchema(CompiledLoadSchema):
    class Meta:
        unknown = EXCLUDE

    device_id = String(load_default=None, allow_none=True, validate=validate.Length(max=64))
    mutations = MutationList(
        required=True,
        metadata={"description": f"At most {MAX_MUTATIONS} per request (and 1 MiB); more is 413."},
    )

    @pre_load
    def _refuse_too_many(self, data, **_kwargs):
        mutations = data.get("mutations") if isinstance(data, dict) else None
        if isinstance(mutations, list) and len(mutations) > MAX_MUTATIONS:
            raise RequestEntityTooLarge()
        return data


class ResultSchema(Schema):
    mutation_id = fields.String(  # null only for an item sent without a readable one
        required=True, allow_none=True
    )
    status = fields.String(
        required=True, metadata={"enum": ["applied", "duplicate", "rejected", "conflict"]}
    )
    record = fields.Dict(metadata=RECORD)
    error = fields.Nested(ErrorBodySchema)


class PushResponseSchema(Schema):
    server_time = UTCDateTime(required=True)
    results = fields.List(fields.Nested(ResultSchema), required=True)


class PullArgsSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    cursor = String(load_default=None, validate=validate.Length(max=500))
    limit = fields.Integer(load_default=200, validate=validate.Range(min=1, max=500))


class ChangeSchema(Schema):
    type = fields.String(required=True, metadata={"enum": list(RECORD_TYPES)})
    id = fields.String(required=True)
    version = fields.Integer(allow_none=True, required=True)
    deleted = fields.Boolean(required=True)
    record = fields.Dict(allow_none=True, required=True, metadata=RECORD)


class PullResponseSchema(Schema):
    changes = fields.List(fields.Nested(ChangeSchema), required=True)
    cursor = fields.String(required=True)
    has_more = fields.Boolean(required=True)
    server_time = UTCDateTime(required=True)


# Registered as components so RECORD's $refs resolve.
COMPONENTS = {"Deviation": DeviationSchema, "Idea": IdeaSchema, "Gain": GainSchema}
