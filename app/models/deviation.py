from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime
from app.models.record import RecordMixin

DEVIATION_STATUSES = ("new", "in_progress", "closed")
SEVERITIES = ("low", "moderate", "high", "critical")


class Deviation(RecordMixin, db.Model):
    """Avvik: something that went wrong or nearly went wrong."""

    __tablename__ = "deviations"
    __table_args__ = (
        CheckConstraint(f"status IN {DEVIATION_STATUSES!r}", name="valid_status"),
        CheckConstraint(f"severity IN {SEVERITIES!r}", name="valid_severity"),
        Index("ix_deviations_unit_seq", "unit_id", "change_seq"),
        Index("ix_deviations_reporter_seq", "reporter_id", "change_seq"),
        # The figures (app/services/figures/): a unit's deviations by when they moved.
        Index("ix_deviations_unit_created", "unit_id", "created_at"),
        Index("ix_deviations_unit_response", "unit_id", "first_response_at"),
        Index("ix_deviations_unit_closed", "unit_id", "closed_at"),
        Index("ix_deviations_reporter_created", "reporter_id", "created_at"),
    )

    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    severity: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    immediate_action: Mapped[str | None] = mapped_column(Text)
    closing_summary: Mapped[str | None] = mapped_column(Text)
    # Milestones, kept by services/history.py from the events (the figures read them):
    # the leader's first response (any action after the report), and when it was
    # closed (cleared again when it is reopened).
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    category = relationship("Category", lazy="joined")
    measures = relationship(
        "Measure", back_populates="deviation", order_by="Measure.created_at", lazy="selectin"
    )
    events = relationship(
        "Event",
        primaryjoin="Event.deviation_id == Deviation.id",
        order_by="Event.id",
        lazy="selectin",
        viewonly=True,
    )
