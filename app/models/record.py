"""Columns shared by the two kinds of report: deviations and ideas."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from app.models.base import UTCDateTime, utcnow


class RecordMixin:
    """Identity, ownership, status and the sync bookkeeping of a report.

    ``version`` starts at 1 and grows by one on every server change.
    ``change_seq`` is the global change sequence: assigned inside the writing
    transaction (see services/change_seq.py), never a timestamp.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="new")
    version: Mapped[int] = mapped_column(Integer, default=1)
    change_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    client_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @declared_attr
    def unit_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("units.id"))

    @declared_attr
    def reporter_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("users.id"))

    @declared_attr
    def reporter(cls):
        return relationship("User", lazy="joined", foreign_keys=f"{cls.__name__}.reporter_id")
