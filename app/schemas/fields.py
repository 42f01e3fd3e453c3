"""Field types shared by the schemas."""

import re
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields

from app.text_policy import TextRefused, clean_text

# Times outside this span are a device clock or a typing error, not a report.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


class String(fields.String):
    """Text as Steg accepts it (app/text_policy.py). Every schema that loads text uses it."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return clean_text(text)
        except TextRefused as refused:
            raise ValidationError(str(refused.message)) from None


class Text(String):
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


class UUIDText(fields.UUID):
    """A UUID, loaded as its canonical text (``str(uuid.UUID(value))``): what the services key by.

    Text already canonical (lowercase, hyphenated: what devices send) is taken
    as it is; anything else goes through ``uuid.UUID``, its errors marshmallow's.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        if value.__class__ is str and _CANONICAL_UUID.fullmatch(value):
            return value
        return str(super()._deserialize(value, attr, data, **kwargs))


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _within_span(moment: datetime | None) -> None:
    if moment is None or not EARLIEST <= moment < LATEST:
        raise ValidationError(str(_l("Must be between the years 1900 and 2199.")))


class Day(fields.Date):
    """A calendar date (YYYY-MM-DD) between 1900 and 2199."""

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        _within_span(datetime(day.year, day.month, day.day, tzinfo=UTC))
        return day


class UTCDateTime(fields.AwareDateTime):
    """ISO 8601 with an offset on the way in, kept in UTC; UTC with +00:00 on the way out."""

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            moment = moment.astimezone(UTC)
        except OverflowError:  # 0001-01-01T00:30+01:00 is before year 1 in UTC
            moment = None
        _within_span(moment)
        return moment

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None:
            value = value.astimezone(UTC)
        return super()._serialize(value, attr, obj, **kwargs)
