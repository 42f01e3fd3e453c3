"""The programme's settings, one row: the figures gains are converted with."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime

# lean-practice.md: 37.5 hours a week × 45.2 weeks; kroner off until set.
DEFAULT_HOURS_PER_ARSVERK = 1695
DEFAULT_HOURS_SOURCE = "37,5 timer i uka × 45,2 uker (Vestre Toten kommunes gevinstmodell)"
DEFAULT_REPEAT_THRESHOLD = 3


class ProgrammeSettings(db.Model):
    """Hours per årsverk (with where the figure comes from), an optional hourly cost,
    and from how many deviations in a category within a period it counts as repeated."""

    __tablename__ = "programme_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="one_row"),
        CheckConstraint("hours_per_arsverk > 0", name="hours_positive"),
        CheckConstraint("hourly_cost IS NULL OR hourly_cost >= 0", name="cost_positive"),
        CheckConstraint("repeat_threshold >= 2", name="repeat_threshold"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    hours_per_arsverk: Mapped[int] = mapped_column(Integer, default=DEFAULT_HOURS_PER_ARSVERK)
    hours_source: Mapped[str | None] = mapped_column(Text, default=DEFAULT_HOURS_SOURCE)
    hourly_cost: Mapped[int | None] = mapped_column(Integer)
    hourly_cost_source: Mapped[str | None] = mapped_column(Text)
    repeat_threshold: Mapped[int] = mapped_column(Integer, default=DEFAULT_REPEAT_THRESHOLD)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class FigureSnapshot(db.Model):
    """The programme's figures for a period as computed at ``computed_at``: the summary
    the coordinator's page reads (services/figures/snapshots.py), so it need not count a
    million deviations on every visit. ``key`` names the units, the period and the rules."""

    __tablename__ = "figure_snapshots"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    data: Mapped[dict] = mapped_column(JSON)
