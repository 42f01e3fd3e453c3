from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

# The leader's HMS checklist before closing an HMS deviation (services/hms.py).
HMS_CHECK_ITEMS = ("arbeidstilsynet", "police", "safety_rep", "follow_up")
HMS_ANSWERS = ("yes", "no", "not_relevant")


class Event(db.Model):
    """One line of a record's history. Written once, never edited or deleted."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("(deviation_id IS NULL) <> (idea_id IS NULL)", name="exactly_one_record"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deviation_id: Mapped[str | None] = mapped_column(ForeignKey("deviations.id"), index=True)
    idea_id: Mapped[str | None] = mapped_column(ForeignKey("ideas.id"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(Text)
    # A decision made in a board meeting points at it.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("board_meetings.id"), index=True)

    actor = relationship("User", lazy="joined")
