"""The unit's improvement board as the leader sees it: ideas in columns by status.

Only ideas: deviations stay with their reporter and the leader. A card's age
counts from the last status change (else from when it was reported): under two
weeks "fresh", two to four "ageing", over four "old". A due date passed on an
idea that is not finished is overdue. The page shows each marker in words as
well as in colour.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app.extensions import db
from app.models import Idea, IdeaSupport, Unit, User
from app.models.base import utcnow
from app.services.access import unit_scope

OSLO = ZoneInfo("Europe/Oslo")
COLUMNS = ("new", "under_review", "approved", "in_progress", "done")
FOLDED = ("parked", "rejected")
NOT_FINISHED = ("new", "under_review", "approved", "in_progress")
FRESH_DAYS, OLD_DAYS = 14, 28


def local_today(now: datetime | None = None) -> date:
    """Today's date in Norway."""
    return (now or utcnow()).astimezone(OSLO).date()


def age_level(days: int) -> str:
    """'fresh' under two weeks, 'ageing' two to four, 'old' over four."""
    if days < FRESH_DAYS:
        return "fresh"
    return "ageing" if days <= OLD_DAYS else "old"


def is_overdue(idea, today: date) -> bool:
    return idea.due_date is not None and idea.due_date < today and idea.status in NOT_FINISHED


@dataclass
class Card:
    idea: Idea
    age_days: int
    supports: int
    overdue: bool

    @property
    def age_level(self) -> str:
        return age_level(self.age_days)


def board_units(user) -> list[Unit]:
    """The units whose board this person may open: a leader's own, a coordinator's all."""
    query = select(Unit).order_by(Unit.name)
    if user.role != "coordinator":
        query = query.where(Unit.id == user.unit_id)
    return list(db.session.scalars(query))


def board_unit(user, requested: int | None) -> Unit | None:
    """The unit asked for if this person may see it (None: not theirs or no such unit)."""
    units = board_units(user)
    if requested is None:
        return units[0] if units else None
    return next((u for u in units if u.id == requested), None)


def board_cards(unit_id: int, now: datetime | None = None) -> dict[str, list[Card]]:
    """Every idea of the unit as a card, by status, oldest change first."""
    now = now or utcnow()
    today = local_today(now)
    supports = dict(
        db.session.execute(
            select(IdeaSupport.idea_id, func.count())
            .join(Idea, Idea.id == IdeaSupport.idea_id)
            .where(Idea.unit_id == unit_id)
            .group_by(IdeaSupport.idea_id)
        ).all()
    )
    ideas = db.session.scalars(select(Idea).where(Idea.unit_id == unit_id))
    columns: dict[str, list[Card]] = {status: [] for status in (*COLUMNS, *FOLDED)}
    for idea in ideas:
        since = idea.status_changed_at or idea.created_at
        card = Card(idea, (now - since).days, supports.get(idea.id, 0), is_overdue(idea, today))
        columns.setdefault(idea.status, []).append(card)
    for cards in columns.values():
        cards.sort(key=lambda c: (-c.age_days, c.idea.title))
    return columns


def unit_people(unit_id: int) -> list[User]:
    """Who can be made responsible for an idea: the unit's active people, by name."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.unit_id == unit_id, User.active.is_(True))
            .order_by(User.display_name)
        )
    )


def in_scope(user, unit_id: int) -> bool:
    return unit_scope(user).get("unit_id", unit_id) == unit_id
