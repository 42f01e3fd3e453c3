"""The Lean figures of one unit, several, or all together, for a period.

Every function takes the unit ids (the caller decides which the person may
see: services/access.py) and a period (services/periods.py), and returns
plain dataclasses: per unit, and all of them together. Cross-unit figures are
counts, shares and medians only: no record text, no names.

``unit_figures`` gathers them all for a page; the pieces are there for the
exports and the management review. The definitions are in each module's
docstring and on the figures page.
"""

from dataclasses import dataclass
from datetime import datetime

from app.services import gains
from app.services.figures.deviations import (
    DeviationBucket,
    DeviationFigures,
    category_labels,
    deviation_figures,
    deviation_series,
)
from app.services.figures.gain_totals import GainFigures, GainTotal, gain_figures
from app.services.figures.ideas import (
    AGE_BANDS,
    Flow,
    IdeaFigures,
    flow_rows,
    idea_figures,
    idea_flow,
)
from app.services.figures.people import Participation, participation
from app.services.figures.sql import AllUnits, roomy_sorts
from app.services.periods import Bucket, Period


@dataclass
class UnitFigures:
    """Everything for one unit (``unit_id``), or for all together (``unit_id`` None)."""

    unit_id: int | None
    ideas: IdeaFigures
    participation: Participation
    deviations: DeviationFigures
    gains: GainFigures


@dataclass
class Figures:
    period: Period
    buckets: list[Bucket]
    idea_series: list[Flow]
    deviation_series: list[DeviationBucket]
    units: dict[int, UnitFigures]
    total: UnitFigures
    settings: object  # ProgrammeSettings: the conversion figures used


def unit_figures(unit_ids, period: Period, now: datetime | None = None) -> Figures:
    """All the figures of these units for the period (the figures pages)."""
    if not isinstance(unit_ids, AllUnits):
        unit_ids = list(unit_ids)
    roomy_sorts()
    settings = gains.get_settings()
    rows = flow_rows(unit_ids, period)
    ideas, ideas_total = idea_figures(unit_ids, period, now, rows=rows)
    people, people_total = participation(unit_ids, period)
    deviations, deviations_total = deviation_figures(unit_ids, period, settings.repeat_threshold)
    gain_units, gain_total = gain_figures(unit_ids, period)
    series = [Flow() for _ in period.buckets()]
    for _unit, bucket, what, count, _implemented in rows:
        setattr(series[bucket], what, getattr(series[bucket], what) + count)
    return Figures(
        period=period,
        buckets=period.buckets(),
        idea_series=series,
        deviation_series=deviation_series(unit_ids, period),
        units={
            unit: UnitFigures(unit, ideas[unit], people[unit], deviations[unit], gain_units[unit])
            for unit in unit_ids
        },
        total=UnitFigures(None, ideas_total, people_total, deviations_total, gain_total),
        settings=settings,
    )


def all_units() -> AllUnits:
    """Every unit's id, marked so the queries read every row without a unit filter."""
    from app.extensions import db
    from app.models import Unit

    return AllUnits(db.session.scalars(db.select(Unit.id).order_by(Unit.id)))


__all__ = [
    "AGE_BANDS",
    "AllUnits",
    "Bucket",
    "DeviationBucket",
    "DeviationFigures",
    "Figures",
    "Flow",
    "GainFigures",
    "GainTotal",
    "IdeaFigures",
    "Participation",
    "Period",
    "UnitFigures",
    "category_labels",
    "deviation_figures",
    "deviation_series",
    "gain_figures",
    "idea_figures",
    "idea_flow",
    "participation",
    "all_units",
    "unit_figures",
]
