"""Who sees which records: the unit comes from the person, never the request.

The rule is declared once, in ``scope``: the columns a record of a kind must
match for a person to see it (domain.md). A coordinator sees every unit's
records; a leader their unit's; a worker their own deviations in the unit they
belong to now, and every idea of that unit (the unit's board, ``BOARD_KINDS``):
deviations never reach a colleague. After a move to another unit a worker no
longer sees (or changes) what they reported in the old one: those records stay
with the old unit and its leader. ``visible_clause`` (SQL: pull, tombstones,
the inbox) and ``can_see`` (one loaded record: pages, push, leader actions) are
both made from it, and ``is_own`` (what a reporter may edit) is the worker's
own scope: seeing a colleague's idea on the board is not changing it (they may
support and comment on it: services/board.py).

A safety representative (``safety_rep``, verneombud) sees the HMS deviations of
their unit (``Deviation.is_hms``: the categories a coordinator marks HMS) and
nothing else: no ideas, no other deviations. A scope of ``None`` is "nothing";
a row without a column the scope names (a tombstone has no category) is not seen.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, false, or_, select, true

from app.extensions import db
from app.models import Category, Unit, User
from app.services.errors import Forbidden, NotFound

NOT_FOUND = _l("We could not find that report.")
LEADERS_ONLY = _l("Only the unit's leader can do this.")
NOT_FOUND_UNIT = _l("We could not find what you were looking for.")
DECIDERS = ("leader", "coordinator")
SAFETY_REP = "safety_rep"
# Who uses the tablet app and its sync API. Not the safety representative: they
# read HMS cases on the web pages (app/web/hms.py), so no HMS case about a
# colleague is kept in a device's offline store.
REPORTERS = ("worker", "leader", "coordinator")
# The kinds of record every worker of a unit sees (the improvement board).
BOARD_KINDS = ("idea",)
_KINDS = {"deviations": "deviation", "ideas": "idea"}


def unit_scope(user) -> dict:
    """The unit a person works in: a coordinator's is every unit."""
    return {} if user.role == "coordinator" else {"unit_id": user.unit_id}


def own_scope(user) -> dict:
    """A person's own records: they reported them, in the unit they belong to now."""
    return {**unit_scope(user), "reporter_id": user.id}


def scope(user, kind: str) -> dict | None:
    """What a record of this kind must match for this person to see it: the one rule.

    None: nothing of this kind.
    """
    if user.role == SAFETY_REP:
        return {**unit_scope(user), "is_hms": True} if kind == "deviation" else None
    if user.role in DECIDERS or kind in BOARD_KINDS:
        return unit_scope(user)
    return own_scope(user)


def kind_of(record_or_model) -> str:
    """ "deviation" or "idea", for a model, a loaded record or a tombstone."""
    table = getattr(record_or_model, "__tablename__", None)
    if table in _KINDS:
        return _KINDS[table]
    return record_or_model.record_type  # a Tombstone row


def unit_clause(user, model):
    """``unit_scope`` as SQL, for any model with a ``unit_id`` (a board meeting, ...)."""
    return _clause(model, unit_scope(user))


def visible_query(user, model):
    """select(model) limited to what the person may see."""
    return select(model).where(visible_clause(user, model))


def visible_clause(user, model):
    """``scope`` as SQL, for a record model or tombstones (each row's ``record_type`` decides).

    The values may be bound parameters (services/pull.py builds its statements once).
    """
    if model.__tablename__ in _KINDS:
        return _clause(model, scope(user, _KINDS[model.__tablename__]))
    scopes = {kind: scope(user, kind) for kind in _KINDS.values()}
    if None not in scopes.values() and len({tuple(w) for w in scopes.values()}) == 1:
        # the same columns for every kind
        return _clause(model, next(iter(scopes.values())))
    return or_(*(_clause(model, wanted, model.record_type == k) for k, wanted in scopes.items()))


def _clause(model, wanted: dict | None, *more):
    if wanted is None or any(not hasattr(model, column) for column in wanted):
        return false()
    equal = (_equal(getattr(model, column), value) for column, value in wanted.items())
    return and_(true(), *more, *equal)


def _equal(column, value):
    return column if value is True else column == value


def _matches(record, wanted: dict | None) -> bool:
    if wanted is None:
        return False
    return all(getattr(record, column) == value for column, value in wanted.items())


def can_see(user, record) -> bool:
    return _matches(record, scope(user, kind_of(record)))


def is_own(user, record) -> bool:
    """The person's own record, in their current unit: what a reporter may change."""
    return _matches(record, own_scope(user))


def in_own_unit(user, record) -> bool:
    """The record is in the person's unit (a coordinator's: any)."""
    return _matches(record, unit_scope(user))


def can_decide(user, record) -> bool:
    return user.role in DECIDERS and can_see(user, record)


def get_for_leader(user, model, record_id):
    """The record, for a leader of its unit or a coordinator.

    Another unit's record (or none) is NotFound; a worker of the same unit is
    Forbidden (they know it exists, they may not decide on it).
    """
    record = db.session.get(model, record_id, populate_existing=True) if record_id else None
    if record is None or not in_own_unit(user, record):
        raise NotFound(NOT_FOUND)
    if not can_decide(user, record):
        raise Forbidden(LEADERS_ONLY)
    return record


# --- HMS: what the safety representative reads (and who is told of a new case) ---


def hms_category_ids(unit_id: int) -> set[int]:
    """The ids of the unit's HMS categories (retired ones too: old records keep theirs)."""
    query = select(Category.id).where(Category.unit_id == unit_id, Category.hms)
    return set(db.session.scalars(query))


def is_hms(deviation) -> bool:
    """An HMS deviation: its category is marked HMS."""
    return bool(deviation.category.hms)


def hms_readers(deviation) -> list:
    """The active safety representatives who may read this deviation (none if not HMS)."""
    if not is_hms(deviation):
        return []
    query = select(User).where(
        User.role == SAFETY_REP, User.unit_id == deviation.unit_id, User.active
    )
    people = db.session.scalars(query.order_by(User.id))
    return [user for user in people if can_see(user, deviation)]


def unit_for_decider(user, unit_id: int):
    """A unit whose records this person may take away whole (exports, the review pack).

    A leader's own unit, any unit for a coordinator. Another unit, or none, is
    NotFound (a leader must not learn which units exist); a worker is Forbidden.
    """
    unit = db.session.get(Unit, unit_id) if unit_id else None
    if unit is None or unit_scope(user).get("unit_id", unit.id) != unit.id:
        raise NotFound(NOT_FOUND_UNIT)
    if user.role not in DECIDERS:
        raise Forbidden(LEADERS_ONLY)
    return unit
