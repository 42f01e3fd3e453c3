"""Summary rows for the coordinator's programme figures: computed ahead, read in one row.

Counting every unit's year (a million deviations: medians need every value)
takes seconds; the coordinator's page must answer in under one. So the
programme's figures for a period are kept in ``figure_snapshots`` as JSON,
under a key naming the units, the period's days and the repeat threshold,
with the time they were computed (the page says it). A snapshot older than
``FIGURES_MAX_AGE_SECONDS`` (default 600) is computed again when asked for;
``flask refresh-figures`` (cron, every few minutes) computes the standard
periods ahead so no visitor waits. A leader's own unit is always counted live.
"""

import hashlib
from dataclasses import asdict
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import FigureSnapshot
from app.models.base import utcnow
from app.services import gains, periods
from app.services.figures import (
    DeviationBucket,
    DeviationFigures,
    Figures,
    Flow,
    GainFigures,
    GainTotal,
    IdeaFigures,
    Participation,
    UnitFigures,
    unit_figures,
)

DEFAULT_MAX_AGE = 600
KEEP_DAYS = 8


def snapshot_key(unit_ids, period, threshold: int) -> str:
    units = hashlib.sha256(",".join(map(str, sorted(unit_ids))).encode()).hexdigest()[:16]
    return f"{units}|{period.key}|{period.start}|{period.end}|{period.grain}|{threshold}"


def cached_unit_figures(unit_ids, period, now: datetime | None = None) -> tuple[Figures, datetime]:
    """The figures and when they were computed: from a fresh snapshot, else computed now."""
    now = now or utcnow()
    settings = gains.get_settings()
    key = snapshot_key(unit_ids, period, settings.repeat_threshold)
    max_age = current_app.config.get("FIGURES_MAX_AGE_SECONDS", DEFAULT_MAX_AGE)
    row = db.session.get(FigureSnapshot, key) if max_age > 0 else None
    if row is not None and row.computed_at >= now - timedelta(seconds=max_age):
        return from_data(row.data, settings), row.computed_at
    result = unit_figures(unit_ids, period, now)
    if max_age > 0:
        store(key, result, now)
    return result, now


def refresh(unit_ids, now: datetime | None = None) -> list[str]:
    """Compute and keep the standard periods (last 4, 12 and 52 weeks) for these units."""
    now = now or utcnow()
    settings = gains.get_settings()
    keys = []
    for name in periods.CHOICES:
        period = periods.named_period(name, now)
        key = snapshot_key(unit_ids, period, settings.repeat_threshold)
        store(key, unit_figures(unit_ids, period, now), now)
        keys.append(key)
    return keys


def store(key: str, result: Figures, now: datetime) -> None:
    """Keep the figures under ``key`` (another process may be storing the same: either wins)."""
    try:
        with db.session.begin_nested():
            db.session.merge(FigureSnapshot(key=key, computed_at=now, data=to_data(result)))
    except IntegrityError:
        pass
    db.session.execute(
        delete(FigureSnapshot).where(FigureSnapshot.computed_at < now - timedelta(days=KEEP_DAYS))
    )


def to_data(result: Figures) -> dict:
    return {
        "period": {
            "key": result.period.key,
            "start": result.period.start.isoformat(),
            "end": result.period.end.isoformat(),
            "grain": result.period.grain,
        },
        "idea_series": [asdict(flow) for flow in result.idea_series],
        "deviation_series": [asdict(bucket) for bucket in result.deviation_series],
        "units": {str(unit): asdict(figures) for unit, figures in result.units.items()},
        "total": asdict(result.total),
    }


def from_data(data: dict, settings) -> Figures:
    raw = data["period"]
    period = periods.Period(
        raw["key"], date.fromisoformat(raw["start"]), date.fromisoformat(raw["end"]), raw["grain"]
    )
    return Figures(
        period=period,
        buckets=period.buckets(),
        idea_series=[Flow(**flow) for flow in data["idea_series"]],
        deviation_series=[DeviationBucket(**bucket) for bucket in data["deviation_series"]],
        units={int(unit): _unit(figures) for unit, figures in data["units"].items()},
        total=_unit(data["total"]),
        settings=settings,
    )


def _unit(data: dict) -> UnitFigures:
    ideas = dict(data["ideas"])
    ideas["flow"] = Flow(**ideas["flow"])
    return UnitFigures(
        unit_id=data["unit_id"],
        ideas=IdeaFigures(**ideas),
        participation=Participation(**data["participation"]),
        deviations=DeviationFigures(**data["deviations"]),
        gains=GainFigures(
            GainTotal(**data["gains"]["identified"]), GainTotal(**data["gains"]["realised"])
        ),
    )
