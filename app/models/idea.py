from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime
from app.models.record import RecordMixin

IDEA_STATUSES = ("new", "under_review", "approved", "in_progress", "done", "rejected", "parked")


class Idea(RecordMixin, db.Model):
    """Forbedringsforslag: an improvement idea."""

    __tablename__ = "ideas"
    __table_args__ = (
        CheckConstraint(f"status IN {IDEA_STATUSES!r}", name="valid_status"),
        Index("ix_ideas_unit_seq", "unit_id", "change_seq"),
        Index("ix_ideas_reporter_seq", "reporter_id", "change_seq"),
        # The figures (app/services/figures/): a unit's ideas by when they moved.
        Index("ix_ideas_unit_created", "unit_id", "created_at"),
        Index("ix_ideas_unit_decided", "unit_id", "decided_at"),
        Index("ix_ideas_unit_done", "unit_id", "done_at"),
        Index("ix_ideas_reporter_created", "reporter_id", "created_at"),
    )

    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text)
    proposal: Mapped[str] = mapped_column(Text)
    benefit: Mapped[str | None] = mapped_column(Text)
    deviation_id: Mapped[str | None] = mapped_column(ForeignKey("deviations.id"), index=True)
    decision_comment: Mapped[str | None] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(120))
    # The person of the unit who carries the idea out (may edit its PDSA notes);
    # ``responsible`` is the name shown, also when it is someone outside Steg.
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    due_date: Mapped[date | None] = mapped_column(Date)
    # When the status last changed (the board's age colour); null: since created_at.
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # PDSA while in progress (Planlegg, Utfør, Studer, Juster), and at "done" what
    # was done and learnt; all reach the reporter.
    pdsa_plan: Mapped[str | None] = mapped_column(Text)
    pdsa_do: Mapped[str | None] = mapped_column(Text)
    pdsa_study: Mapped[str | None] = mapped_column(Text)
    pdsa_act: Mapped[str | None] = mapped_column(Text)
    learning: Mapped[str | None] = mapped_column(Text)
    # Milestones, kept by services/history.py from the events (the figures read them):
    # the first decision (the first move out of "new"), and when it was done.
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    deviation = relationship("Deviation", lazy="select")
    supports = relationship(
        "IdeaSupport", order_by="IdeaSupport.created_at", lazy="select", viewonly=True
    )
    gains = relationship("IdeaGain", order_by="IdeaGain.stage", lazy="select", viewonly=True)
    events = relationship(
        "Event",
        primaryjoin="Event.idea_id == Idea.id",
        order_by="Event.id",
        lazy="selectin",
        viewonly=True,
    )

    @property
    def supporter_ids(self) -> list[int]:
        """Who supports it ("Jeg støtter dette"), as user ids: the board counts them."""
        return [support.user_id for support in self.supports]
