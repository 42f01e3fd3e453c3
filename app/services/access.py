"""Who sees which records: the unit comes from the person, never the request."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.services.errors import Forbidden, NotFound

NOT_FOUND = _l("We could not find that report.")
LEADERS_ONLY = _l("Only the unit's leader can do this.")


def visible_query(user, model):
    """select(model) limited to what the person may see."""
    return select(model).where(visible_clause(user, model))


def visible_clause(user, model):
    if user.role == "coordinator":
        return model.id.is_not(None)
    if user.role == "leader":
        return model.unit_id == user.unit_id
    return model.reporter_id == user.id


def can_see(user, record) -> bool:
    if user.role == "coordinator":
        return True
    if user.role == "leader":
        return record.unit_id == user.unit_id
    return record.reporter_id == user.id


def can_decide(user, record) -> bool:
    if user.role == "coordinator":
        return True
    return user.role == "leader" and record.unit_id == user.unit_id


def get_for_leader(user, model, record_id):
    """The record, for a leader of its unit or a coordinator.

    Another unit's record (or none) is NotFound; a worker of the same unit is
    Forbidden (they know it exists, they may not decide on it).
    """
    record = db.session.get(model, record_id, populate_existing=True) if record_id else None
    if record is None:
        raise NotFound(NOT_FOUND)
    if user.role != "coordinator" and record.unit_id != user.unit_id:
        raise NotFound(NOT_FOUND)
    if not can_decide(user, record):
        raise Forbidden(LEADERS_ONLY)
    return record
