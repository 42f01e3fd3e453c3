"""Deviation figures: per category and severity over time, median days to the first
response and to closing, the share closed with a summary, repeated categories.

- *Reported*: deviations reported in the bucket or period (``created_at``, when
  the server got it; ``occurred_at`` is the device's word for when it happened).
- *Median days to first response*: over the deviations first answered in the
  period (the leader's first action on it: acknowledged, a measure, closed...).
- *Median days to closing*: over the deviations closed in the period (the last
  closing, for one that was reopened and closed again).
- *Closed with a summary*: of the deviations reported in the period, the share
  that is closed now with a summary that reaches the reporter.
- *Repeated*: a category with at least the coordinator's threshold (default 3)
  deviations in the unit within one bucket of the period (a week, or a month
  for periods shown per month): the same thing happening again and again.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, select

from app.extensions import db
from app.models import SEVERITIES, Category, Deviation
from app.services.figures.sql import (
    DaysBetween,
    bucket_of,
    in_period,
    medians_by_unit,
    of_units,
    one_decimal,
)


@dataclass
class DeviationBucket:
    """One week or month: how many deviations per severity and per category code."""

    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    by_category: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


@dataclass
class DeviationFigures:
    """One unit's (or all units') deviation figures for a period."""

    reported: int = 0
    closed_with_summary: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    # The most deviations of each category in one bucket (week or month) of the period.
    peak_by_category: dict[str, int] = field(default_factory=dict)
    median_days_to_response: float | None = None
    responses_measured: int = 0
    median_days_to_close: float | None = None
    closings_measured: int = 0
    repeated: list[str] = field(default_factory=list)  # category codes, most first

    @property
    def share_closed_with_summary(self) -> float | None:
        return self.closed_with_summary / self.reported if self.reported else None


def _units(unit_ids):
    return of_units(Deviation.unit_id, unit_ids)


def deviation_series(unit_ids, period) -> list[DeviationBucket]:
    """These units' deviations per bucket of the period, by severity and category code."""
    buckets = period.buckets()
    series = [DeviationBucket() for _ in buckets]
    bucket = bucket_of(Deviation.created_at, buckets).label("bucket")
    query = (
        select(bucket, Category.code, Deviation.severity, func.count())
        .join(Category, Category.id == Deviation.category_id)
        .where(_units(unit_ids), in_period(Deviation.created_at, period))
        .group_by(bucket, Category.code, Deviation.severity)
    )
    for index, code, severity, count in db.session.execute(query):
        series[index].by_severity[severity] = series[index].by_severity.get(severity, 0) + count
        series[index].by_category[code] = series[index].by_category.get(code, 0) + count
    return series


def deviation_figures(unit_ids, period, repeat_threshold: int = 3):
    """({unit id: DeviationFigures}, DeviationFigures for all of them together).

    Together, a category is repeated when it is repeated in at least one unit.
    """
    units = defaultdict(DeviationFigures)
    total = DeviationFigures()
    summarised = case(
        (and_(Deviation.status == "closed", func.length(Deviation.closing_summary) > 0), 1)
    )
    bucket = bucket_of(Deviation.created_at, period.buckets()).label("bucket")
    query = (
        select(Deviation.unit_id, Category.code, bucket, func.count())
        .add_columns(func.count(summarised))
        .join(Category, Category.id == Deviation.category_id)
        .where(_units(unit_ids), in_period(Deviation.created_at, period))
        .group_by(Deviation.unit_id, Category.code, bucket)
    )
    for unit, code, _bucket, count, closed in db.session.execute(query):
        for figures in (units[unit], total):
            figures.reported += count
            figures.closed_with_summary += closed
            figures.by_category[code] = figures.by_category.get(code, 0) + count
        peaks = units[unit].peak_by_category
        peaks[code] = max(peaks.get(code, 0), count)
    repeated = set()
    for figures in units.values():
        figures.repeated = _repeated(figures, repeat_threshold)
        repeated.update(figures.repeated)
    total.repeated = sorted(repeated, key=lambda code: (-total.by_category[code], code))
    for name, measured, sub in (
        ("median_days_to_response", "responses_measured", _to_response(unit_ids, period)),
        ("median_days_to_close", "closings_measured", _to_close(unit_ids, period)),
    ):
        per_unit, (value, count) = medians_by_unit(sub)
        for unit, (unit_value, unit_count) in per_unit.items():
            setattr(units[unit], name, one_decimal(unit_value))
            setattr(units[unit], measured, unit_count)
        setattr(total, name, one_decimal(value))
        setattr(total, measured, count)
    return {unit: units[unit] for unit in unit_ids}, total


def _repeated(figures: DeviationFigures, threshold: int) -> list[str]:
    codes = [code for code, peak in figures.peak_by_category.items() if peak >= threshold]
    return sorted(codes, key=lambda code: (-figures.by_category[code], code))


def _to_response(unit_ids, period):
    days = DaysBetween(Deviation.created_at, Deviation.first_response_at).label("value")
    return select(Deviation.unit_id, days).where(
        _units(unit_ids), in_period(Deviation.first_response_at, period)
    )


def _to_close(unit_ids, period):
    days = DaysBetween(Deviation.created_at, Deviation.closed_at).label("value")
    return select(Deviation.unit_id, days).where(
        _units(unit_ids), in_period(Deviation.closed_at, period)
    )


def category_labels(unit_ids, locale: str) -> dict[str, str]:
    """Category code → its words (the first unit's, where units word a code differently)."""
    rows = db.session.scalars(
        select(Category).where(Category.unit_id.in_(list(unit_ids))).order_by(Category.id)
    )
    labels: dict[str, str] = {}
    for category in rows:
        labels.setdefault(category.code, category.label(locale))
    return labels
