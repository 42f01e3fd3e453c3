from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.record import RecordMixin

IDEA_STATUSES = ("new", "under_review", "approved", "in_progress", "done", "rejected", "parked")


class Idea(RecordMixin, db.Model):
    """Forbedringsforslag: an improvement idea."""

    __tablename__ = "ideas"
    __table_args__ = (
        CheckConstraint(f"status IN {IDEA_STATUSES!r}", name="valid_status"),
        Index("ix_ideas_unit_seq", "unit_id", "change_seq"),
        Index("ix_ideas_reporter_seq", "reporter_id", "change_seq"),
    )

    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text)
    proposal: Mapped[str] = mapped_column(Text)
    benefit: Mapped[str | None] = mapped_column(Text)
    deviation_id: Mapped[str | None] = mapped_column(ForeignKey("deviations.id"), index=True)
    decision_comment: Mapped[str | None] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(120))
    due_date: Mapped[date | None] = mapped_column(Date)

    deviation = relationship("Deviation", lazy="select")
    events = relationship(
        "Event",
        primaryjoin="Event.idea_id == Idea.id",
        order_by="Event.id",
        lazy="selectin",
        viewonly=True,
    )
