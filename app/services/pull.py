"""Pull: every change a person may see after their cursor, in change-sequence order.

The cursor is opaque to the device: base64 of {"seq": n, "scope": s}, where s
is a hash of what the person may see (role, unit, user). When that changes (a
move to another unit, another role) the old cursor is answered 410
``cursor_expired`` and the device pulls from the start: that is how records
that left someone's view leave their device too. Purged records reach devices
as tombstones (``deleted: true``).

Every query is bounded by the committed counter value read first. Writers
hold the counter's row lock until they commit, so every number up to that
value is committed and visible: no later commit can land below the cursor.
(On SQLite the pull reads one WAL snapshot, which holds whole commits only, and
writers commit one at a time: the same holds. See app/database.py.)
"""

import base64
import binascii
import hashlib
import json
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import defaultload

from app.extensions import db
from app.models import Deviation, Event, Idea, Tombstone, User
from app.schemas.records import dump_record
from app.services.access import visible_clause
from app.services.change_seq import current_change_seq
from app.services.errors import DomainError

EXPIRED = _l("Your copy is out of date. The app fetches everything again.")


class CursorExpired(DomainError):
    code = "cursor_expired"
    status = 410


def viewer(user) -> SimpleNamespace:
    """Who is pulling, as much as a pull needs; still good after the transaction ends."""
    return SimpleNamespace(id=user.id, role=user.role, unit_id=user.unit_id)


def pull_changes(user, cursor: str | None, limit: int) -> dict:
    scope = scope_of(user)
    upper = current_change_seq()
    after = decode_cursor(cursor, scope, upper)
    rows = _records(user, Deviation, after, upper, limit)
    rows += _records(user, Idea, after, upper, limit)
    rows += _tombstones(user, after, upper, limit)
    rows.sort(key=lambda row: row.change_seq)
    page = rows[:limit]
    last = page[-1].change_seq if page else after
    return {
        "changes": [_change(row) for row in page],
        "cursor": encode_cursor(last, scope),
        "has_more": len(rows) > limit,
    }


def scope_of(user) -> str:
    text = f"{user.id}:{user.role}:{user.unit_id}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode_cursor(seq: int, scope: str) -> str:
    raw = json.dumps({"seq": seq, "scope": scope}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, scope: str, upper: int) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw)
        seq, cursor_scope = int(value["seq"]), str(value["scope"])
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        # Unreadable (another version's, or damaged): start again, as for an old one.
        raise CursorExpired(EXPIRED) from None
    if cursor_scope != scope or not 0 <= seq <= upper:
        raise CursorExpired(EXPIRED)
    return seq


def _records(user, model, after: int, upper: int, limit: int) -> list:
    query = (
        select(model)
        .where(visible_clause(user, model), model.change_seq > after, model.change_seq <= upper)
        .order_by(model.change_seq)
        .limit(limit + 1)
        .options(*_SHOWN_ONLY[model])
    )
    return list(db.session.scalars(query))


# A record is shown with its people's id and name only: not their unit and its categories.
_SHOWN_ONLY = {
    model: (
        defaultload(model.reporter).lazyload(User.unit),
        defaultload(model.events).defaultload(Event.actor).lazyload(User.unit),
    )
    for model in (Deviation, Idea)
}


def _tombstones(user, after: int, upper: int, limit: int) -> list:
    if user.role == "coordinator":
        visible = Tombstone.id.is_not(None)
    elif user.role == "leader":
        visible = Tombstone.unit_id == user.unit_id
    else:
        visible = Tombstone.reporter_id == user.id
    query = (
        select(Tombstone)
        .where(visible, Tombstone.change_seq > after, Tombstone.change_seq <= upper)
        .order_by(Tombstone.change_seq)
        .limit(limit + 1)
    )
    return list(db.session.scalars(query))


def _change(row) -> dict:
    if isinstance(row, Tombstone):
        return {
            "type": row.record_type,
            "id": row.record_id,
            "version": None,
            "deleted": True,
            "record": None,
        }
    record = dump_record(row)
    return {
        "type": record["type"],
        "id": row.id,
        "version": row.version,
        "deleted": False,
        "record": record,
    }
