"""The improvement board: who supports an idea, and the weekly board meetings."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class IdeaSupport(db.Model):
    """ "Jeg støtter dette": one per person and idea."""

    __tablename__ = "idea_supports"

    idea_id: Mapped[str] = mapped_column(ForeignKey("ideas.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BoardMeeting(db.Model):
    """One tavlemøte of a unit: when, who led it, how many were there (a number, not names).

    The decisions made in it are the events that carry its id.
    """

    __tablename__ = "board_meetings"
    __table_args__ = (
        CheckConstraint("present_count IS NULL OR present_count >= 0", name="present_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    led_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    present_count: Mapped[int | None] = mapped_column(Integer)

    led_by = relationship("User", lazy="joined")
    unit = relationship("Unit", lazy="joined")
