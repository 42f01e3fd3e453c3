"""Idea figures: new, decided and done per bucket; share implemented; median days
new → first decision and first decision → done; open ideas by age.

- *New*: reported in the bucket. *Decided*: first moved out of "new" in it (a
  decision or "bare gjør det"). *Done*: reached "done" in it. Read from the
  milestone columns services/history.py keeps with the history.
- *Share implemented*: of the ideas reported in the period, the share done now.
- *Median days to decision*: over the ideas first decided in the period.
- *Median days to done*: over the ideas done in the period that had a decision
  before (an idea done straight from new, "bare gjør det", has no such wait).
- *Open by age*: today's ideas not finished (new, under review, approved, in
  progress), by days since reported: under 14, 14–28, over 28 (the board's colours).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, literal, select, union_all

from app.extensions import db
from app.models import Idea
from app.models.base import utcnow
from app.services.figures.sql import (
    DaysBetween,
    bucket_of,
    in_period,
    medians_by_unit,
    of_units,
    one_decimal,
)

OPEN_STATUSES = ("new", "under_review", "approved", "in_progress")
AGE_BANDS = ("fresh", "ageing", "old")  # under 2 weeks, 2–4 weeks, over 4 (labels.AGE_LEVEL)


@dataclass
class Flow:
    """How many ideas were reported, first decided and done (in a bucket or a period)."""

    new: int = 0
    decided: int = 0
    done: int = 0


@dataclass
class IdeaFigures:
    """One unit's (or all units') idea figures for a period."""

    flow: Flow = field(default_factory=Flow)
    implemented: int = 0  # of the ideas reported in the period, done now
    median_days_to_decision: float | None = None
    decisions_measured: int = 0
    median_days_to_done: float | None = None
    done_measured: int = 0
    open_by_age: dict[str, int] = field(default_factory=lambda: dict.fromkeys(AGE_BANDS, 0))

    @property
    def share_implemented(self) -> float | None:
        """0–1, or None when no idea was reported in the period."""
        return self.implemented / self.flow.new if self.flow.new else None

    @property
    def open_total(self) -> int:
        return sum(self.open_by_age.values())


def flow_rows(unit_ids, period):
    """(unit id, bucket index, what, count, implemented) for new, decided and done."""
    buckets = period.buckets()

    def part(column, what):
        bucket = bucket_of(column, buckets).label("bucket")
        implemented = func.count(case((Idea.status == "done", 1))) if what == "new" else literal(0)
        return (
            select(Idea.unit_id, bucket, literal(what).label("what"), func.count(), implemented)
            .where(of_units(Idea.unit_id, unit_ids), in_period(column, period))
            .group_by(Idea.unit_id, bucket)
        )

    query = union_all(
        part(Idea.created_at, "new"), part(Idea.decided_at, "decided"), part(Idea.done_at, "done")
    )
    return db.session.execute(query).all()


def idea_flow(unit_ids, period) -> list[Flow]:
    """The ideas of these units per bucket of the period (``period.buckets()``, same order)."""
    series = [Flow() for _ in period.buckets()]
    for _unit, bucket, what, count, _implemented in flow_rows(unit_ids, period):
        setattr(series[bucket], what, getattr(series[bucket], what) + count)
    return series


def idea_figures(unit_ids, period, now: datetime | None = None, rows=None):
    """({unit id: IdeaFigures}, IdeaFigures for all of them together)."""
    units = defaultdict(IdeaFigures)
    total = IdeaFigures()
    for unit, _bucket, what, count, implemented in rows or flow_rows(unit_ids, period):
        for figures in (units[unit], total):
            setattr(figures.flow, what, getattr(figures.flow, what) + count)
            figures.implemented += implemented
    for name, measured, query in (
        ("median_days_to_decision", "decisions_measured", _to_decision(unit_ids, period)),
        ("median_days_to_done", "done_measured", _to_done(unit_ids, period)),
    ):
        per_unit, (value, count) = medians_by_unit(query)
        for unit, (unit_value, unit_count) in per_unit.items():
            setattr(units[unit], name, one_decimal(unit_value))
            setattr(units[unit], measured, unit_count)
        setattr(total, name, one_decimal(value))
        setattr(total, measured, count)
    for unit, band, count in _open_by_age(unit_ids, now or utcnow()):
        units[unit].open_by_age[band] += count
        total.open_by_age[band] += count
    return {unit: units[unit] for unit in unit_ids}, total


def _to_decision(unit_ids, period):
    return select(Idea.unit_id, DaysBetween(Idea.created_at, Idea.decided_at).label("value")).where(
        of_units(Idea.unit_id, unit_ids), in_period(Idea.decided_at, period)
    )


def _to_done(unit_ids, period):
    return select(Idea.unit_id, DaysBetween(Idea.decided_at, Idea.done_at).label("value")).where(
        of_units(Idea.unit_id, unit_ids),
        in_period(Idea.done_at, period),
        Idea.decided_at < Idea.done_at,
    )


def _open_by_age(unit_ids, now: datetime):
    band = case(
        (Idea.created_at > now - timedelta(days=14), "fresh"),
        (Idea.created_at > now - timedelta(days=28), "ageing"),
        else_="old",
    ).label("band")
    query = (
        select(Idea.unit_id, band, func.count())
        .where(of_units(Idea.unit_id, unit_ids), Idea.status.in_(OPEN_STATUSES))
        .group_by(Idea.unit_id, band)
    )
    return db.session.execute(query).all()
