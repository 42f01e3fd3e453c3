"""The leader's inbox: the unit's deviations and ideas, the gravest worries first.

New and open items (still being worked on) come before finished ones. Among
them the most severe first (critical, high, moderate, low; an idea has no
severity and sorts with the low ones), and within a severity the oldest first,
so a critical deviation never waits behind twenty small ones and nothing waits
unseen. Finished items follow, newest first. The unit comes from the person,
never from the request.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from app.extensions import db
from app.models import Category, Deviation, Idea, User
from app.models.base import utcnow
from app.services.access import unit_scope, visible_query

OPEN = {
    "deviation": ("in_progress",),
    "idea": ("under_review", "approved", "in_progress"),
}
FINISHED = {
    "deviation": ("closed",),
    "idea": ("done", "rejected", "parked"),
}
STATUS_GROUPS = ("active", "new", "open", "finished", "all")
PERIODS = {"7d": 7, "30d": 30, "90d": 90, "365d": 365, "all": None}
LIMIT = 200
SEARCH_COLUMNS = {
    "deviation": ("description", "location", "immediate_action", "closing_summary"),
    "idea": ("title", "problem", "proposal", "benefit"),
}
MODELS = {"deviation": Deviation, "idea": Idea}
SEVERITY_ORDER = {"critical": 0, "high": 1, "moderate": 2, "low": 3}
IDEA_ORDER = SEVERITY_ORDER["low"]
# Marked in the inbox with words and their age since reported (issue 13).
URGENT = ("critical", "high")


@dataclass
class InboxFilters:
    type: str = "all"  # all | deviation | idea
    status: str = "active"  # a group in STATUS_GROUPS, or one status code
    category: str = ""  # a category code (deviations only)
    severity: str = ""  # deviations only
    period: str = "all"  # a key of PERIODS
    q: str = ""


@dataclass
class InboxItem:
    type: str
    record: object
    rank: int  # 0 new, 1 open, 2 finished

    @property
    def waiting_since(self) -> datetime:
        return self.record.created_at

    @property
    def severity_order(self) -> int:
        if self.type != "deviation":
            return IDEA_ORDER
        return SEVERITY_ORDER.get(self.record.severity, IDEA_ORDER)

    @property
    def urgent(self) -> bool:
        """A critical or high deviation not yet finished: marked, with its age."""
        return self.rank < 2 and self.type == "deviation" and self.record.severity in URGENT


def scoped(model, user: User):
    """select(model) limited to what this leader (own unit) or coordinator (all) may see."""
    return visible_query(user, model)


def _rank(kind: str, status: str) -> int:
    if status == "new":
        return 0
    return 1 if status in OPEN[kind] else 2


def _statuses(kind: str, status: str) -> tuple[str, ...] | None:
    """The statuses a status filter stands for; None means no limit."""
    groups = {
        "active": ("new", *OPEN[kind]),
        "new": ("new",),
        "open": OPEN[kind],
        "finished": FINISHED[kind],
        "all": None,
    }
    return groups.get(status, (status,))


def _filtered(kind: str, user: User, filters: InboxFilters):
    model = MODELS[kind]
    query = scoped(model, user)
    statuses = _statuses(kind, filters.status)
    if statuses is not None:
        query = query.where(model.status.in_(statuses))
    days = PERIODS.get(filters.period)
    if days:
        query = query.where(model.created_at >= utcnow() - timedelta(days=days))
    if filters.q.strip():
        needle = filters.q.strip()
        columns = [getattr(model, name) for name in SEARCH_COLUMNS[kind]]
        query = query.where(or_(*(c.icontains(needle, autoescape=True) for c in columns)))
    if kind == "deviation":
        query = _deviation_filters(query, filters)
    return query.order_by(model.created_at).limit(LIMIT)


def _deviation_filters(query, filters: InboxFilters):
    if filters.severity:
        query = query.where(Deviation.severity == filters.severity)
    if filters.category:
        query = query.join(Category, Deviation.category_id == Category.id).where(
            Category.code == filters.category
        )
    return query


def _kinds(filters: InboxFilters) -> tuple[str, ...]:
    if filters.category or filters.severity:
        return ("deviation",)  # ideas have neither
    return (filters.type,) if filters.type in MODELS else tuple(MODELS)


def inbox_items(user: User, filters: InboxFilters) -> list[InboxItem]:
    items = [
        InboxItem(kind, record, _rank(kind, record.status))
        for kind in _kinds(filters)
        for record in db.session.scalars(_filtered(kind, user, filters)).unique()
    ]
    items.sort(key=_sort_key)
    return items[:LIMIT]


def _sort_key(item: InboxItem):
    stamp = item.waiting_since.timestamp()
    if item.rank == 2:
        return (1, 0, -stamp)  # finished: newest first
    return (0, item.severity_order, stamp)


def inbox_counts(user: User) -> dict[str, int]:
    """How many new and open deviations and ideas: {"new_deviation": 3, "open_idea": 1, ...}."""
    counts = {f"{group}_{kind}": 0 for group in ("new", "open") for kind in MODELS}
    for kind, model in MODELS.items():
        query = (
            scoped(model, user).with_only_columns(model.status, func.count()).group_by(model.status)
        )
        for status, number in db.session.execute(query):
            rank = _rank(kind, status)
            if rank < 2:
                counts[f"{('new', 'open')[rank]}_{kind}"] += number
    return counts


def unit_categories(user: User) -> list[Category]:
    """The categories a leader can filter by: the unit's, retired ones too."""
    query = select(Category).filter_by(**unit_scope(user)).order_by(Category.label_nb)
    return list(db.session.scalars(query))
