"""Pull: every change a person may see after their cursor, in change-sequence order.

What a person sees is services/access.py's one rule (``visible_clause``), for
records and tombstones alike. The cursor is opaque to the device: base64 of
{"seq": n, "scope": s}, where s is a hash of what the person may see (user,
role, unit, and ``scope_version``, which every change of role or unit raises,
so a move there and back again expires a cursor too). When that changes the
old cursor, however recent, is answered 410 ``cursor_expired`` and the device
drops its synced copies and pulls from the start: that is how records that
left someone's view (a worker's old unit's reports after a move) leave their
device. Purged records reach devices as tombstones (``deleted: true``).

Every query is bounded by the committed counter value read first (in the
same statement that asks which tables have changes for the person, so the
tables without any are not read; records are read as plain rows, not ORM
objects, in one statement with their events, and their measures in one more
only when a deviation changed after it was made). Writers
hold the counter's row lock until they commit, so every number up to that
value is committed and visible: no later commit can land below the cursor.
(On SQLite the pull reads one WAL snapshot, which holds whole commits only, and
writers commit one at a time: the same holds. See app/database.py.)
"""

import base64
import binascii
import functools
import hashlib
import json
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import (
    ROLES,
    Category,
    ChangeCounter,
    Deviation,
    Event,
    Idea,
    IdeaGain,
    IdeaSupport,
    Measure,
    Tombstone,
    User,
)
from app.schemas.records import dump_record
from app.services.access import visible_clause
from app.services.board import shown_to, shows_reporter
from app.services.errors import DomainError
from app.services.transactions import read_apart, reading_only

EXPIRED = _l("Your copy is out of date. The app fetches everything again.")


MAX_SEQ = 2**63 - 1  # the change sequence is a BIGINT


class CursorExpired(DomainError):
    code = "cursor_expired"
    status = 410


def viewer(user) -> SimpleNamespace:
    """Who is pulling, as much as a pull needs; still good after the transaction ends."""
    return SimpleNamespace(
        id=user.id, role=user.role, unit_id=user.unit_id, scope_version=user.scope_version
    )


def pull(user, cursor: str | None, limit: int) -> dict:
    """A page of changes for the person: read on its own snapshot, beside the writers."""
    who = viewer(user)
    read_apart()  # on SQLite, what follows reads on its own (DEFERRED) snapshot
    with reading_only():
        page = pull_changes(who, cursor, limit)
        db.session.commit()
    return page


def pull_changes(user, cursor: str | None, limit: int) -> dict:
    scope = scope_of(user)
    after = decode_cursor(cursor, scope)
    upper, *changed = db.session.execute(
        _changes_query(user.role), {"user_id": user.id, "unit_id": user.unit_id, "after": after}
    ).one()
    if after > upper:  # a cursor from before the database was reset
        raise CursorExpired(EXPIRED)
    rows = []
    if changed[0]:
        rows += _records(user, Deviation, after, upper, limit)
    if changed[1]:
        rows += _records(user, Idea, after, upper, limit)
    if changed[2]:
        rows += _tombstones(user, after, upper, limit)
    rows.sort(key=lambda row: row.change_seq)
    page = rows[:limit]
    last = page[-1].change_seq if page else after
    # A worker's colleagues' ideas, as the unit agreed to show them (services/board.py).
    shows = user.role != "worker" or not changed[1] or shows_reporter(user.unit_id)
    return {
        "changes": [_change(row, user, shows) for row in page],
        "cursor": encode_cursor(last, scope),
        "has_more": len(rows) > limit,
    }


def scope_of(user) -> str:
    text = f"{user.id}:{user.role}:{user.unit_id}"
    if user.scope_version:  # (none yet: the cursors made before it existed stay good)
        text += f":{user.scope_version}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode_cursor(seq: int, scope: str) -> str:
    raw = json.dumps({"seq": seq, "scope": scope}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, scope: str) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw)
        seq, cursor_scope = value["seq"], value["scope"]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        # Unreadable (another version's, or damaged): start again, as for an old one.
        raise CursorExpired(EXPIRED) from None
    if type(seq) is not int or not 0 <= seq <= MAX_SEQ or cursor_scope != scope:
        raise CursorExpired(EXPIRED)  # a float, Infinity or a number no database holds too
    return seq


@functools.cache
def _changes_query(role: str):
    """The committed counter value, and whether each table has changes up to it the person sees.

    One statement, so one snapshot: every number up to the value is committed
    (writers hold the counter's row lock until they commit) and seen here.
    """
    who, upper = _ANYONE.get(role, _ANYONE["worker"]), _counter.c.value

    def any_change(model, visible):
        seq = model.change_seq
        return exists().where(visible, seq > bindparam("after"), seq <= upper)

    return select(
        upper,
        any_change(Deviation, visible_clause(who, Deviation)),
        any_change(Idea, visible_clause(who, Idea)),
        any_change(Tombstone, visible_clause(who, Tombstone)),
    ).where(_counter.c.id == 1)


def _records(user, model, after: int, upper: int, limit: int) -> list:
    """The page's records as plain rows (Core, no ORM objects), with what a dump reads.

    One statement gives the page and each record's history (a row per event,
    the record's columns on each): one round trip less than a query each. It
    runs on the session's connection (the same transaction): its columns are
    the models', which would otherwise send its rows through the ORM's loading.
    """
    kind = _KIND[model]
    params = {"user_id": user.id, "unit_id": user.unit_id, "after": after, "upper": upper}
    query, connection = _records_query(model, user.role), db.session.connection()
    rows = connection.execute(query, {**params, "limit": limit + 1})
    records, record = [], None
    for row in rows.mappings():
        if record is None or row["id"] != record.id:
            record = _shown(kind, row)
            records.append(record)
        if row["event_at"] is not None:
            record.events.append(_event(row))
    # Every server change (a measure, a support too) raises the version: at 1, there are none.
    if any(record.version > 1 for record in records):
        (_attach_measures if kind == "deviation" else _attach_supporters)(records)
    return records


_KIND = {Deviation: "deviation", Idea: "idea"}
_counter = ChangeCounter.__table__
# The people a rule is written for, as bound parameters: one statement per (model, role).
_ANYONE = {
    role: SimpleNamespace(role=role, id=bindparam("user_id"), unit_id=bindparam("unit_id"))
    for role in ROLES
}
_OWNER = {Deviation: Event.deviation_id, Idea: Event.idea_id}
_EVENT_COLUMNS = ("at", "action", "from_status", "to_status", "comment", "actor_id")


@functools.cache
def _records_query(model, role: str):
    """The statement for a model and a role, built once (its values are bound parameters).

    The page (its records, ``limit`` at most) with each record's events, oldest
    first, on rows of their own: ``event_*`` columns, none for a record without any.
    """
    table = model.__table__
    query = select(*table.c, User.display_name.label("reporter_name")).join(
        User, User.id == model.reporter_id
    )
    if model is Deviation:
        query = query.add_columns(Category.code.label("category_code")).join(
            Category, Category.id == model.category_id
        )
    page = (
        query.where(visible_clause(_ANYONE.get(role, _ANYONE["worker"]), model))
        .where(model.change_seq > bindparam("after"), model.change_seq <= bindparam("upper"))
        .order_by(model.change_seq)
        .limit(bindparam("limit"))
        .subquery("page")
    )
    actor = aliased(User, name="event_actor")
    return (
        select(page, *(getattr(Event, name).label(f"event_{name}") for name in _EVENT_COLUMNS))
        .add_columns(actor.display_name.label("event_actor_name"))
        .outerjoin(Event, _OWNER[model] == page.c.id)
        .outerjoin(actor, actor.id == Event.actor_id)
        .order_by(page.c.change_seq, Event.id)
    )


def _shown(kind: str, row) -> SimpleNamespace:
    record = SimpleNamespace(**{name: row[name] for name in _RECORD_KEYS[kind]}, kind=kind)
    record.events = []
    record.reporter = SimpleNamespace(id=row["reporter_id"], display_name=row["reporter_name"])
    if kind == "deviation":
        record.category, record.measures = SimpleNamespace(code=row["category_code"]), []
    else:
        record.supporter_ids, record.gains = [], []
    return record


def _event(row) -> SimpleNamespace:
    return SimpleNamespace(
        at=row["event_at"],
        actor=SimpleNamespace(id=row["event_actor_id"], display_name=row["event_actor_name"]),
        action=row["event_action"],
        from_status=row["event_from_status"],
        to_status=row["event_to_status"],
        comment=row["event_comment"],
    )


# A record's own columns in the statement's rows (the rest are its events').
_RECORD_KEYS = {
    _KIND[model]: (
        *(column.name for column in model.__table__.c),
        "reporter_name",
        *(("category_code",) if model is Deviation else ()),
    )
    for model in _KIND
}


def _attach_measures(records: list) -> None:
    """Each deviation's measures in the order the model gives them (``created_at``)."""
    by_id = {record.id: record for record in records}
    for row in db.session.execute(_MEASURES, {"ids": list(by_id)}):
        by_id[row.deviation_id].measures.append(SimpleNamespace(**row._mapping))


_MEASURES = (
    select(Measure.deviation_id, Measure.id, Measure.text, Measure.responsible)
    .add_columns(Measure.due_date, Measure.done)
    .where(Measure.deviation_id.in_(bindparam("ids", expanding=True)))
    .order_by(Measure.created_at)
)


def _attach_supporters(records: list) -> None:
    """Each idea's supporters (user ids), first supporter first, and its gains: a query each."""
    by_id = {record.id: record for record in records}
    for idea_id, user_id in db.session.execute(_SUPPORTERS, {"ids": list(by_id)}):
        by_id[idea_id].supporter_ids.append(user_id)
    # Gains come with a decision, which raises the version too (services/gains.py).
    for row in db.session.execute(_GAINS, {"ids": list(by_id)}):
        minutes = row.minutes_per_week
        hours = None if minutes is None else round(minutes / 60, 2)
        by_id[row.idea_id].gains.append(SimpleNamespace(**row._mapping, hours_per_week=hours))


_SUPPORTERS = (
    select(IdeaSupport.idea_id, IdeaSupport.user_id)
    .where(IdeaSupport.idea_id.in_(bindparam("ids", expanding=True)))
    .order_by(IdeaSupport.created_at, IdeaSupport.user_id)
)


_GAINS = (
    select(IdeaGain.idea_id, IdeaGain.stage, IdeaGain.kind, IdeaGain.minutes_per_week)
    .add_columns(IdeaGain.kroner_per_year, IdeaGain.note)
    .where(IdeaGain.idea_id.in_(bindparam("ids", expanding=True)))
    .order_by(IdeaGain.stage)
)


def _tombstones(user, after: int, upper: int, limit: int) -> list:
    query = (
        select(Tombstone)
        .where(visible_clause(user, Tombstone), Tombstone.change_seq > after)
        .where(Tombstone.change_seq <= upper)
        .order_by(Tombstone.change_seq)
        .limit(limit + 1)
    )
    return list(db.session.scalars(query))


def _change(row, user, shows: bool) -> dict:
    if isinstance(row, Tombstone):
        return {
            "type": row.record_type,
            "id": row.record_id,
            "version": None,
            "deleted": True,
            "record": None,
        }
    record = shown_to(user, dump_record(row, row.kind), shows)
    return {
        "type": record["type"],
        "id": row.id,
        "version": row.version,
        "deleted": False,
        "record": record,
    }
