"""The unit's key figures for the board meeting: the last weeks in numbers.

Per ISO week (Norwegian time), the current one and the three before: how many
ideas were reported, how many got their first decision, how many were done;
and the median number of days from reported to the first decision, over the
ideas first decided in those weeks. A first decision is the first move out of
"new" (a decision or "bare gjør det"), so the figures read the history, not
today's status.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from sqlalchemy import func, select

from app.extensions import db
from app.models import Event, Idea
from app.models.base import utcnow
from app.services.board_view import OSLO

WEEKS = 4
DECISIONS = ("status_changed", "just_done")


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


def _local_day(moment: datetime) -> date:
    return moment.astimezone(OSLO).date()


def key_figures(unit_id: int, now: datetime | None = None, weeks: int = WEEKS) -> KeyFigures:
    today = _local_day(now or utcnow())
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in reversed(range(weeks))]
    by_monday = {monday: Week(monday) for monday in mondays}
    first = mondays[0]

    def week_of(moment: datetime) -> Week | None:
        day = _local_day(moment)
        return by_monday.get(day - timedelta(days=day.weekday())) if day >= first else None

    created = dict(
        db.session.execute(select(Idea.id, Idea.created_at).where(Idea.unit_id == unit_id)).all()
    )
    for moment in created.values():
        if week := week_of(moment):
            week.new += 1
    days_to_decision = []
    for idea_id, decided_at in _first_decisions(unit_id):
        if week := week_of(decided_at):
            week.decided += 1
            days_to_decision.append((decided_at - created[idea_id]).total_seconds() / 86400)
    for _idea_id, done_at in _done_at(unit_id):
        if week := week_of(done_at):
            week.done += 1
    return KeyFigures(
        weeks=list(by_monday.values()),
        median_days_to_decision=round(median(days_to_decision), 1) if days_to_decision else None,
        decided_count=len(days_to_decision),
    )


def _unit_events(unit_id: int):
    return (
        select(Event.idea_id, func.min(Event.at))
        .join(Idea, Idea.id == Event.idea_id)
        .where(Idea.unit_id == unit_id, Event.action.in_(DECISIONS))
        .group_by(Event.idea_id)
    )


def _first_decisions(unit_id: int):
    return db.session.execute(_unit_events(unit_id).where(Event.from_status == "new")).all()


def _done_at(unit_id: int):
    return db.session.execute(_unit_events(unit_id).where(Event.to_status == "done")).all()
