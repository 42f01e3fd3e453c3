"""The "Nytt" list of a server start page: a person's unread notifications."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from werkzeug.routing import BuildError

from app.extensions import db
from app.labels import NOTIFICATION_KIND, RECORD_TYPE, SEVERITY
from app.models import Deviation, Notification
from app.models.base import utcnow
from app.services.errors import NotFound

LIST_SIZE = 20
UNKNOWN = _l("We could not find that notification.")
LEADING_ROLES = ("leader", "coordinator")
HMS_DEVIATION_PAGE = "hms.deviation"  # the safety representative's reading page


def unread(user) -> list[dict]:
    """Newest first, with words only: the kind, the record's type, category and severity."""
    query = select(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    notes = list(db.session.scalars(query.order_by(Notification.id.desc()).limit(LIST_SIZE)))
    deviations = _deviations({n.record_id for n in notes if n.record_type == "deviation"})
    return [_item(note, deviations.get(note.record_id), user) for note in notes]


def _deviations(ids: set) -> dict:
    if not ids:
        return {}
    return {d.id: d for d in db.session.scalars(select(Deviation).where(Deviation.id.in_(ids)))}


def _item(note, deviation, user) -> dict:
    detail = str(RECORD_TYPE[note.record_type])
    if deviation is not None:
        category = deviation.category.label(user.locale or "nb")
        detail = f"{category} · {SEVERITY.get(deviation.severity, deviation.severity)}"
    return {
        "id": note.id,
        "kind": str(NOTIFICATION_KIND[note.kind]),
        "detail": detail,
        "created_at": note.created_at,
        "url": url_for("notifications.open_notification", notification_id=note.id),
    }


def open_notification(user, notification_id: int) -> str:
    """Mark it (and the person's others about the same record) read; where it leads."""
    note = db.session.get(Notification, notification_id)
    if note is None or note.user_id != user.id:
        raise NotFound(UNKNOWN)
    mark_read(user, note.record_id)
    return target(note, user)


def mark_read(user, record_id: str) -> None:
    """The person opened the record (from the list, a push, or its page): nothing new there."""
    db.session.execute(
        update(Notification)
        .where(
            Notification.user_id == user.id,
            Notification.record_id == record_id,
            Notification.read_at.is_(None),
        )
        .values(read_at=utcnow())
    )


def target(note, user) -> str:
    if note.kind == "answer" and user.role not in LEADING_ROLES:
        return f"/app#record/{note.record_id}"
    if user.role in LEADING_ROLES:
        if note.record_type == "idea":
            return url_for("leader.idea", idea_id=note.record_id)
        return url_for("leader.deviation", deviation_id=note.record_id)
    return _safety_rep_target(note)


def _safety_rep_target(note) -> str:
    """The safety representative's page for an HMS deviation (app/web/hms.py)."""
    try:
        return url_for(HMS_DEVIATION_PAGE, deviation_id=note.record_id)
    except BuildError:
        return url_for("home.index")
