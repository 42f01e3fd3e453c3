"""What reporters do: create deviations and ideas, edit their own while still new.

``data`` is what the schemas loaded (app/schemas/records.py): only the fields a
reporter may set, already typed. The rules that need the database live here.
"""

from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import Category, Deviation, Idea
from app.schemas.record_fields import COPIED, FREE_TEXT
from app.services import categories
from app.services.access import can_see, is_own
from app.services.change_seq import touch
from app.services.errors import Forbidden, Invalid
from app.services.history import add_event
from app.services.personal_id import reject_personal_ids

# The fields are declared once, in the schemas (app/schemas/record_fields.py).
DEVIATION_FIELDS = COPIED["deviation"]
IDEA_FIELDS = COPIED["idea"]

NO_UNIT = _l("Only people who belong to a unit can report.")
NOT_YOURS = _l("You can only change your own reports.")
NOT_NEW = _l("This report is being handled and can no longer be changed.")
UNKNOWN_CATEGORY = _l("Choose one of your unit's categories.")
UNKNOWN_DEVIATION = _l("We could not find that deviation.")


def create_deviation(actor, record_id, data, client_time) -> Deviation:
    check_new_record(actor, "deviation", data)
    return add_new_record(actor, "deviation", record_id, data, client_time)


def update_deviation(actor, deviation, data) -> Deviation:
    _check_can_edit(actor, deviation)
    reject_personal_ids({f: data.get(f) for f in FREE_TEXT["deviation"]})
    code = data.get("category")
    if code is not None and code != deviation.category.code:
        deviation.category = _active_category(deviation.unit_id, code)
    _assign(deviation, data, DEVIATION_FIELDS)
    return _updated(deviation, actor)


def create_idea(actor, record_id, data, client_time) -> Idea:
    check_new_record(actor, "idea", data)
    return add_new_record(actor, "idea", record_id, data, client_time)


def check_new_record(actor, kind, data) -> None:
    """The rules for a new report that need no database (so a push checks them unlocked)."""
    _check_can_report(actor)
    reject_personal_ids({f: data.get(f) for f in FREE_TEXT[kind]})


def new_record_values(actor, kind, record_id, data, client_time, now, category_by_code=False):
    """A new report as column values (no change number yet) and its category, for a bulk insert.

    The same rules as build_record, for a report that points at no deviation.
    ``category_by_code``: the insert itself finds the unit's active category by
    its code, and leaves the report out if there is none (services/push/postgres.py),
    so the values carry the code, not the category's id, and nothing is looked up here.
    """
    values = {
        "id": record_id,
        "unit_id": actor.unit_id,
        "reporter_id": actor.id,
        "status": "new",
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "client_time": client_time,
    }
    if kind == "idea":
        return {**values, **{f: data.get(f) for f in IDEA_FIELDS}, "deviation_id": None}, None
    values.update({f: data.get(f) for f in DEVIATION_FIELDS})
    if category_by_code:
        return {**values, "category": data["category"]}, SimpleNamespace(code=data["category"])
    category = _active_category(actor.unit_id, data["category"])
    return {**values, "category_id": category.id}, category


def add_new_record(actor, kind, record_id, data, client_time):
    """Build, add and flush a new report with its "created" event (check_new_record first)."""
    return _created(build_record(actor, kind, record_id, data, client_time), actor)


def build_record(actor, kind, record_id, data, client_time):
    """A new, numbered deviation or idea, not yet in the session (check_new_record first)."""
    if kind == "deviation":
        record = Deviation(id=record_id, unit_id=actor.unit_id, reporter=actor, status="new")
        record.category = _active_category(actor.unit_id, data["category"])
        _assign(record, data, DEVIATION_FIELDS)
    else:
        record = Idea(id=record_id, unit_id=actor.unit_id, reporter=actor, status="new")
        record.deviation_id = _linked_deviation(actor, data.get("deviation_id"))
        _assign(record, data, IDEA_FIELDS)
    record.client_time = client_time
    touch(record)
    record.created_at = record.updated_at
    return record


def update_idea(actor, idea, data) -> Idea:
    _check_can_edit(actor, idea)
    reject_personal_ids({f: data.get(f) for f in FREE_TEXT["idea"]})
    _assign(idea, data, IDEA_FIELDS)
    return _updated(idea, actor)


def _check_can_report(actor) -> None:
    if actor.unit_id is None:
        raise Forbidden(NO_UNIT)


def _check_can_edit(actor, record) -> None:
    if not is_own(actor, record):  # another person's, or left behind in a unit they moved from
        raise Forbidden(NOT_YOURS)
    if record.status != "new":
        raise Forbidden(NOT_NEW)


def _active_category(unit_id, code) -> Category:
    category = categories.active_category(unit_id, code)
    if category is None:
        raise Invalid(UNKNOWN_CATEGORY, {"category": [UNKNOWN_CATEGORY]})
    return category


def _linked_deviation(actor, deviation_id) -> str | None:
    if not deviation_id:
        return None
    deviation = db.session.get(Deviation, deviation_id)
    if deviation is None or not can_see(actor, deviation):
        raise Invalid(UNKNOWN_DEVIATION, {"deviation_id": [UNKNOWN_DEVIATION]})
    return deviation.id


def _assign(record, data, names) -> None:
    for name in names:
        if name in data:
            setattr(record, name, data[name])


def _created(record, actor):
    db.session.add(record)
    db.session.flush()
    # A new record has no history or measures yet: say so, instead of asking the database.
    set_committed_value(record, "events", [])
    if isinstance(record, Deviation):
        set_committed_value(record, "measures", [])
    add_event(record, actor, "created", to_status=record.status)
    return record


def _updated(record, actor):
    touch(record)
    db.session.flush()
    add_event(record, actor, "updated")
    return record
