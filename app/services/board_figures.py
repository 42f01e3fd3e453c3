"""The unit's key figures for the board meeting: the last weeks in numbers.

Per ISO week (Norwegian time), the current one and the three before: how many
ideas were reported, how many got their first decision, how many were done;
and the median number of days from reported to the first decision, over the
ideas first decided in those weeks. The weeks and the counting are the
figures pages' own (services/periods.py, services/figures/): one week logic.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from app.services import periods
from app.services.figures.ideas import flow_rows, idea_figures

WEEKS = 4


@dataclass
class Week:
    monday: date
    new: int = 0
    decided: int = 0
    done: int = 0

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week


@dataclass
class KeyFigures:
    weeks: list[Week] = field(default_factory=list)
    median_days_to_decision: float | None = None
    decided_count: int = 0


def key_figures(unit_id: int, now: datetime | None = None, weeks: int = WEEKS) -> KeyFigures:
    period = periods.last_weeks(weeks, now)
    rows = flow_rows([unit_id], period)
    result = [Week(bucket.start) for bucket in period.buckets()]
    for _unit, index, what, count, _implemented in rows:
        setattr(result[index], what, getattr(result[index], what) + count)
    _units, total = idea_figures([unit_id], period, now, rows=rows)
    return KeyFigures(
        weeks=result,
        median_days_to_decision=total.median_days_to_decision,
        decided_count=total.decisions_measured,
    )
