"""Gevinster: what an idea is expected to gain, and what it gained when done."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

GAIN_STAGES = ("expected", "realised")
GAIN_KINDS = ("time", "quality", "safety", "working_environment", "money")


class IdeaGain(db.Model):
    """One idea's expected (identified) or realised gain: at most one of each.

    Time is kept in whole minutes per week (1.5 hours a week is 90), money in
    whole kroner per year: integers, so SQLite and PostgreSQL add them up alike.
    """

    __tablename__ = "idea_gains"
    __table_args__ = (
        UniqueConstraint("idea_id", "stage", name="uq_idea_gains_idea_stage"),
        CheckConstraint(f"stage IN {GAIN_STAGES!r}", name="valid_stage"),
        CheckConstraint(f"kind IN {GAIN_KINDS!r}", name="valid_kind"),
        CheckConstraint("minutes_per_week IS NULL OR minutes_per_week >= 0", name="minutes"),
        CheckConstraint("kroner_per_year IS NULL OR kroner_per_year >= 0", name="kroner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[str] = mapped_column(ForeignKey("ideas.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30))
    minutes_per_week: Mapped[int | None] = mapped_column(Integer)
    kroner_per_year: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    recorded_by = relationship("User", lazy="joined")

    @property
    def hours_per_week(self) -> float | None:
        return None if self.minutes_per_week is None else round(self.minutes_per_week / 60, 2)
