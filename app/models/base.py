"""Column helpers shared by the models."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

# Set only by ``clock_at`` (the demo seed's history, app/services/demo_history.py).
_clock: ContextVar[datetime | None] = ContextVar("steg_clock", default=None)


def utcnow() -> datetime:
    return _clock.get() or datetime.now(UTC)


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """Inside the block ``utcnow()`` is ``moment`` (aware, UTC): for the demo seed only.

    It lets the seed create a past through the same services a person uses, so
    their timestamps, events and change numbers are the real ones. Nothing else
    may use it; the clock is back to the real one when the block ends.
    """
    if moment.tzinfo is None:
        raise ValueError("clock_at needs a timezone-aware moment")
    token = _clock.set(moment.astimezone(UTC))
    try:
        yield
    finally:
        _clock.reset(token)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no zone; PostgreSQL keeps ``timestamptz``. Either way Python
    sees an aware datetime in UTC, and a naive one is refused on the way in.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timestamps with a timezone")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None or value.tzinfo is UTC:  # PostgreSQL's, in a UTC session (database.py)
            return value
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def render_migration_item(type_, obj, autogen_context):
    """Write UTCDateTime into migrations as a plain timezone-aware DateTime."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
