"""Bookkeeping of the sync protocol: applied mutations, the change counter, tombstones."""

from datetime import datetime

from sqlalchemy import DDL, JSON, BigInteger, ForeignKey, Index, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class AppliedMutation(db.Model):
    """A mutation the server has applied, with a hash of its content and its result.

    The primary key is what stops two racing requests from applying one
    mutation twice: the second insert fails, and its savepoint rolls back.
    """

    __tablename__ = "applied_mutations"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(36))
    result: Mapped[dict] = mapped_column(JSON)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChangeCounter(db.Model):
    """One row holding the last change sequence handed out.

    Writers increment it inside their transaction; the row lock makes them
    commit in sequence order, so a pull never skips a slower transaction.
    """

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


# The counter's one row exists from the start (the initial migration inserts it too).
event.listen(
    ChangeCounter.__table__,
    "after_create",
    DDL("INSERT INTO change_counter (id, value) VALUES (1, 0)"),
)


class Tombstone(db.Model):
    """A record that is gone (purged): devices learn it as ``deleted: true``."""

    __tablename__ = "tombstones"
    __table_args__ = (
        Index("ix_tombstones_unit_seq", "unit_id", "change_seq"),
        Index("ix_tombstones_reporter_seq", "reporter_id", "change_seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(36))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    change_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
