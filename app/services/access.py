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
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select, true

from app.extensions import db
from app.models import Unit
from app.services.errors import Forbidden, NotFound

NOT_FOUND = _l("We could not find that report.")
LEADERS_ONLY = _l("Only the unit's leader can do this.")
NOT_FOUND_UNIT = _l("We could not find what you were looking for.")
DECIDERS = ("leader", "coordinator")
# The kinds of record every worker of a unit sees (the improvement board).
BOARD_KINDS = ("idea",)
_KINDS = {"deviations": "deviation", "ideas": "idea"}


def unit_scope(user) -> dict:
    """The unit a person works in: a coordinator's is every unit."""
    return {} if user.role == "coordinator" else {"unit_id": user.unit_id}


def own_scope(user) -> dict:
    """A person's own records: they reported them, in the unit they belong to now."""
    return {**unit_scope(user), "reporter_id": user.id}


def scope(user, kind: str) -> dict:
    """What a record of this kind must match for this person to see it: the one rule."""
    if user.role in DECIDERS or kind in BOARD_KINDS:
        return unit_scope(user)
    return own_scope(user)


def kind_of(record_or_model) -> str:
    """ "deviation" or "idea", for a model, a loaded record or a tombstone."""
    table = getattr(record_or_model, "__tablename__", None)
    if table in _KINDS:
        return _KINDS[table]
    return record_or_model.record_type  # a Tombstone row


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
    if len({tuple(wanted) for wanted in scopes.values()}) == 1:  # the same columns for every kind
        return _clause(model, next(iter(scopes.values())))
    return or_(*(_clause(model, wanted, model.record_type == k) for k, wanted in scopes.items()))


def _clause(model, wanted: dict, *more):
    equal = (getattr(model, column) == value for column, value in wanted.items())
    return and_(true(), *more, *equal)


def _matches(record, wanted: dict) -> bool:
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
