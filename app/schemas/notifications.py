"""Request and answer bodies of the push-subscription endpoints."""

from marshmallow import EXCLUDE, Schema, fields, validate

from app.schemas.fields import String, Text

ENDPOINT = String(required=True, validate=validate.Length(min=8, max=1000))


class PushKeysSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    p256dh = String(required=True, validate=validate.Length(min=80, max=120))
    auth = String(required=True, validate=validate.Length(min=16, max=40))


class PushSubscribeSchema(Schema):
    """What ``PushSubscription.toJSON()`` gives, plus the device's name in words."""

    class Meta:
        unknown = EXCLUDE

    endpoint = ENDPOINT
    keys = fields.Nested(PushKeysSchema, required=True)
    device_label = Text(allow_none=True, load_default=None, max_length=120)


class PushUnsubscribeSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    endpoint = String(required=True, validate=validate.Length(min=8, max=1000))


class PushKeySchema(Schema):
    enabled = fields.Boolean(required=True)
    public_key = fields.String(allow_none=True, required=True)


class PushSubscriptionSchema(Schema):
    id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)


class PushRemovedSchema(Schema):
    removed = fields.Integer(required=True)
