"""Field types shared by the schemas."""

from datetime import UTC

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields


class Text(fields.String):
    """Free text, trimmed. Blank is None, or an error when the field is required."""

    def __init__(self, *, max_length: int | None = None, **kwargs):
        self.max_length = max_length
        metadata = kwargs.pop("metadata", {})
        if max_length:
            metadata = {"maxLength": max_length, **metadata}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if self.max_length and len(text) > self.max_length:
            raise ValidationError(str(_l("At most %(n)d characters.", n=self.max_length)))
        if not text:
            if self.required:
                raise ValidationError(str(_l("Required.")))
            return None
        return text


class UTCDateTime(fields.AwareDateTime):
    """ISO 8601 with an offset on the way in; UTC with +00:00 on the way out."""

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None:
            value = value.astimezone(UTC)
        return super()._serialize(value, attr, obj, **kwargs)
