"""The audit log: who did what, when (UTC) and from where. Append-only.

``record(...)`` adds one entry to the current transaction. Views that only
read (opening a deviation) call ``record_view(...)``; the audit hook in
app/security/audit_hooks.py commits it when the response succeeds. Nothing
updates or deletes an entry (a mapper guard refuses it; docs/security.md).
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import g, has_request_context, request
from flask_login import current_user
from sqlalchemy import Select, select

from app.extensions import db
from app.models import AuditEntry, User
from app.models.base import utcnow

ACTIONS = (
    "login_succeeded",
    "login_failed",
    "login_throttled",
    "logout",
    "logout_everywhere",
    "password_changed",
    "reauthenticated",
    "access_denied",
    "decision",
    "record_viewed",
    # the coordinator's changes (services/admin.py)
    "unit_created",
    "unit_renamed",
    "unit_board_shows_reporter",
    "unit_phone_changed",
    "user_created",
    "user_updated",
    "user_deactivated",
    "user_reactivated",
    "password_reset",
    "category_added",
    "category_relabelled",
    "category_retired",
    "category_reactivated",
    "purge",
    "audit_exported",
    "records_exported",
    "review_opened",
    # the municipality's account (OpenID Connect; services/sso.py)
    "sso_login_succeeded",
    "sso_login_failed",
    "sso_group_mapped",
    "sso_group_unmapped",
)
PENDING_KEY = "audit_pending"
OSLO = ZoneInfo("Europe/Oslo")


def _remote_addr() -> str | None:
    return request.remote_addr if has_request_context() else None


def _current_actor() -> User | None:
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def record(
    action: str,
    actor: User | None = None,
    username: str | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    """Add an audit entry (flushes, never commits)."""
    actor = actor or _current_actor()
    entry = AuditEntry(
        at=utcnow(),
        actor_id=actor.id if actor else None,
        username=(username or (actor.username if actor else None) or "")[:80] or None,
        action=action,
        target_type=target_type,
        target_id=str(target_id) if target_id is not None else None,
        remote_addr=_remote_addr(),
        detail=detail,
    )
    db.session.add(entry)
    db.session.flush()
    if has_request_context():
        g.setdefault(PENDING_KEY, True)
    return entry


def record_view(record_obj, actor: User | None = None) -> AuditEntry:
    """One line for a view that opens a record: ``audit.record_view(deviation)``."""
    target_type = type(record_obj).__tablename__.rstrip("s")
    return record("record_viewed", actor, target_type=target_type, target_id=record_obj.id)


def record_access_denied(status: int, code: str) -> None:
    """Called by the error handlers: a separate, committed entry for a refused request."""
    db.session.rollback()
    detail = {"status": status, "code": code, "method": request.method, "path": request.path}
    record("access_denied", detail=detail)
    db.session.commit()


# --- reading (the coordinator's audit page and CSV export) -------------------


def entries_query(action: str = "", person: str = "", day_from=None, day_to=None) -> Select:
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action == action)
    if person:
        query = query.where(AuditEntry.username == person.strip().lower())
    if day_from:
        query = query.where(AuditEntry.at >= _start_of(day_from))
    if day_to:
        query = query.where(AuditEntry.at < _start_of(day_to + timedelta(days=1)))
    return query


def _start_of(day: date) -> datetime:
    """Midnight in Norway: the dates people filter by are local dates."""
    return datetime.combine(day, time.min, tzinfo=OSLO)
