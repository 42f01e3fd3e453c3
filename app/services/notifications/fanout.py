"""Who gets a notification: the reporter, the unit's leaders, the unit's safety reps."""

import logging

from sqlalchemy import or_, select

from app.database import end_read, reading_only
from app.extensions import db
from app.models import Category, Deviation, Notification, User
from app.models.base import _clock
from app.services import access, categories
from app.services.notifications import after_commit

log = logging.getLogger("steg.notifications")

# History events that are a leader's answer to the reporter (decision, comment, measure).
ANSWER_ACTIONS = frozenset(
    {
        "status_changed",
        "reopened",
        "measure_added",
        "commented",
        "just_done",
        "idea_created_from_deviation",
    }
)
ANSWERING_ROLES = frozenset({"leader", "coordinator"})
SERIOUS = ("high", "critical")


def on_event(record, actor, event) -> None:
    """A leader's decision or comment on someone else's record: tell the reporter."""
    if event.action not in ANSWER_ACTIONS or actor.role not in ANSWERING_ROLES:
        return
    if record.reporter_id == actor.id or _seeding():
        return
    kind = "deviation" if isinstance(record, Deviation) else "idea"
    key = ("answer", record.reporter_id, record.id)
    if key in after_commit.pending_keys(db.session):
        return  # one answer per record and transaction (closing adds a measure, ...)
    note = Notification(
        user_id=record.reporter_id, kind="answer", record_type=kind, record_id=record.id
    )
    db.session.add(note)
    after_commit.send_after_commit(db.session, key, note)


def after_push(actor, results: list[dict]) -> None:
    """After a push batch's commit: notify about the new serious and HSE deviations in it.

    The look-up only reads (on SQLite beside the writers, no write lock); a write
    follows only when someone is to be told. A failure here is logged and never
    touches the batch, which is already stored.
    """
    ids = [r["record"]["id"] for r in results if _new_deviation(r) and _may_tell(r)]
    if not ids:  # the common push: nothing serious and no HMS category, so no look-up
        return
    try:
        with reading_only():
            plans = [plan for d in _worth_telling(ids) for plan in _who_is_told(d, actor)]
        end_read(db.session())
        for user_id, kind, deviation_id in plans:
            _add(user_id, kind, deviation_id)
        db.session.commit()
    except Exception:  # noqa: BLE001  (never let notifying break the push's answer)
        db.session.rollback()
        log.exception("notifications for pushed deviations failed: %s", ids)


def _worth_telling(ids: list[str]):
    """The new deviations that are serious, or in an HMS category."""
    query = (
        select(Deviation)
        .join(Category, Category.id == Deviation.category_id)
        .where(Deviation.id.in_(ids), or_(Deviation.severity.in_(SERIOUS), Category.hms))
    )
    return list(db.session.scalars(query))


def _may_tell(result: dict) -> bool:
    """Serious, or its category may be HMS (as the push saw it: services/categories.py).

    Only narrows what ``_worth_telling`` reads: that query decides.
    """
    record = result["record"]
    if record["severity"] in SERIOUS:
        return True
    return categories.seen_hms(record["unit_id"], record["category"]) is not False


def _new_deviation(result: dict) -> bool:
    record = result.get("record") or {}
    return (
        result.get("status") == "applied"
        and record.get("type") == "deviation"
        and record.get("version") == 1
    )


def _who_is_told(deviation, actor) -> list[tuple]:
    plans = []
    if deviation.severity in SERIOUS:
        for user_id in _unit_leaders(deviation.unit_id, actor.id):
            plans.append((user_id, "critical_deviation", deviation.id))
    for reader in access.hms_readers(deviation):  # none unless its category is HMS
        if reader.id != actor.id:
            plans.append((reader.id, "hms_case", deviation.id))
    return plans


def _unit_leaders(unit_id: int, actor_id: int) -> list[int]:
    query = select(User.id).where(
        User.unit_id == unit_id, User.role == "leader", User.active.is_(True), User.id != actor_id
    )
    return list(db.session.scalars(query))


def _add(user_id: int, kind: str, deviation_id: str) -> None:
    note = Notification(user_id=user_id, kind=kind, record_type="deviation", record_id=deviation_id)
    db.session.add(note)
    after_commit.send_after_commit(db.session, (kind, user_id, deviation_id), note)


def _seeding() -> bool:
    """The demo seed writes a made-up past (``clock_at``): nobody is told about it."""
    return _clock.get() is not None
