"""Push: apply a batch of device mutations, each on its own (pull: services/pull.py).

Every mutation is checked in Python before the write lock is taken (schema,
national identity numbers, content hash, its category: ``_check_all``). Under
the lock, the new records of a batch go in together (services/push_batch.py);
every other mutation, and every new record whose keys turn out to be taken,
runs in its own savepoint.

An applied mutation is remembered in ``applied_mutations`` (mutation id as
primary key, content hash, stored result) in the same transaction as its
effect, so a replay is answered from there, and two racing requests cannot
both apply it: the second insert of the key fails and its savepoint rolls back.
"""

import hashlib
import json

from flask_babel import lazy_gettext as _l
from sqlalchemy import literal_column, select, union_all
from sqlalchemy.exc import IntegrityError

from app.database import end_read, reading_only
from app.extensions import db
from app.models import AppliedMutation, Deviation, Idea
from app.schemas.records import BOARD_OPS, INVALID, dump_record, load_record_data
from app.schemas.sync import RefusedMutation
from app.services import board, push_batch, reports
from app.services.access import is_own
from app.services.change_seq import reserve_change_seqs
from app.services.errors import DomainError, Forbidden, Invalid, NotFound

MODELS = {"deviation": Deviation, "idea": Idea}
UPDATE = {"deviation": reports.update_deviation, "idea": reports.update_idea}

REUSED = _l("This mutation id was already used for other content.")
CHANGED = _l("The record changed on the server. The server's copy is shown.")
NOT_YOURS = _l("This report belongs to someone else.")
OLD_UNIT = _l("This report stays with the unit you moved from. Ask its leader.")
UNKNOWN = _l("We could not find that report.")
BASE_VERSION = _l("An update needs the version it was based on.")


class MutationIdReused(DomainError):
    code = "mutation_id_reused"
    status = 422


def push_mutations(actor, mutations: list) -> list[dict]:
    """One result per mutation, in order (see docs/api.md); a RefusedMutation is rejected."""
    if not all(isinstance(m, dict) for m in mutations):
        return _with_refused(actor, mutations)
    if not mutations:
        return []
    checked = _check_all(actor, mutations)
    if push_batch.inserts_first(checked):
        return _insert_first(actor, checked)  # its insert takes the lock and the numbers
    reserve_change_seqs(len(mutations))  # the write lock, and a number for each item
    known = _prefetch(mutations)
    return _apply_all(actor, checked, known)


def _with_refused(actor, mutations: list) -> list[dict]:
    """The refused items answered where they stand; the others pushed as one batch."""
    good = [m for m in mutations if isinstance(m, dict)]
    applied = iter(push_mutations(actor, good))
    return [next(applied) if isinstance(m, dict) else _refused(m) for m in mutations]


def _refused(item: RefusedMutation) -> dict:
    return _rejected(item.mutation_id, Invalid(INVALID, item.fields))


def _check_all(actor, mutations: list[dict]) -> list:
    """Every item checked and built before the write lock is taken.

    Its look-ups (a report's category) read without taking it: on SQLite a
    snapshot beside the writers (app/database.py), ended before the push writes,
    so parsing and building twenty items never holds up another device's push.
    A caller already inside a transaction keeps it (PostgreSQL: the session check's).
    """
    if db.session().in_transaction():
        return [prepare(actor, mutation) for mutation in mutations]
    with reading_only():
        checked = [prepare(actor, mutation) for mutation in mutations]
    end_read(db.session())
    return checked


def _insert_first(actor, items: list) -> list[dict]:
    """PostgreSQL, a batch of new reports only: insert, then look up only what was skipped.

    ``ON CONFLICT DO NOTHING`` finds the stored keys itself (push_batch.py), so
    the common push needs no look-up first. A skipped item is most often a
    replay (a lost answer): its stored result answers it, from one look-up of
    the stored mutations; only the rest are applied on their own.
    """
    results, run = [None] * len(items), push_batch.Run(actor)
    for index, item in enumerate(items):
        run.add(index, item, {})
    left = []
    for index, item, result in run.finish():
        if result is None:
            left.append((index, item))
        else:
            results[index] = {"mutation_id": item.mutation_id, **result}
    if left:
        known = _stored_mutations({item.mutation_id for _index, item in left})
        for index, item in left:
            results[index] = apply_mutation(actor, item, known)
    return results


def _apply_all(actor, items: list, known: dict) -> list[dict]:
    """Plain creates in runs of one savepoint each; anything else on its own, in order."""
    results, run, seen = [None] * len(items), push_batch.Run(actor), set()
    for index, item in enumerate(items):
        if push_batch.is_plain_create(item, known, seen):
            run.add(index, item, known)
        else:
            _end_run(actor, run, results)
            results[index] = apply_mutation(actor, item, known)
        seen.update((item.mutation_id, item.record_id))
    _end_run(actor, run, results)
    return results


def _end_run(actor, run, results: list) -> None:
    for index, item, result in run.finish():
        if result is None:  # the run's insert failed: this one alone, as a race is handled
            results[index] = apply_mutation(actor, item)
        else:
            results[index] = {"mutation_id": item.mutation_id, **result}


class Prepared:
    """A mutation with what could be worked out without the database."""

    __slots__ = ("mutation", "mutation_id", "record_id", "digest", "data", "error", "new")

    def __init__(self, mutation, data, error):
        self.mutation = mutation
        self.mutation_id = str(mutation["mutation_id"])
        self.record_id = str(mutation["record_id"])
        self.digest = content_hash(mutation)
        self.data, self.error, self.new = data, error, None


def prepare(actor, mutation: dict) -> Prepared:
    """Load the data and check a new report's rules; an error is raised later, in its turn."""
    kind, op = mutation["type"], mutation["op"]
    try:
        data = load_record_data(kind, op, mutation["data"])
        if op == "create":
            reports.check_new_record(actor, kind, data)
    except DomainError as error:
        return Prepared(mutation, None, error)
    item = Prepared(mutation, data, None)
    if push_batch.can_build(item):
        try:
            item.new = push_batch.build_new(actor, item)  # rows and answer, ready to insert
        except DomainError as error:
            item.data, item.error = None, error  # answered in its turn, after a replay check
    return item


def _prefetch(mutations: list[dict]) -> dict:
    """The batch's stored mutations and records, in one query for the keys instead of two per item.

    Read after the write lock, so this is the latest committed state. Only what
    is found is then loaded as objects, one query per table, and not the record
    of a stored mutation: a replay is answered from the stored result (that
    record is looked up later, should anything ask for it).
    """
    wanted = {("mutation", str(m["mutation_id"])) for m in mutations}
    wanted.update((m["type"], str(m["record_id"])) for m in mutations)
    found = {}
    for kind, key in db.session.execute(_stored_keys(wanted)):
        found.setdefault(kind, []).append(key)
    replayed = set(found.get("mutation", ()))
    skipped = {
        (m["type"], str(m["record_id"])) for m in mutations if str(m["mutation_id"]) in replayed
    }
    known = dict.fromkeys(wanted - skipped, None)
    for kind, keys in found.items():
        model = MODELS.get(kind, AppliedMutation)
        key_column = AppliedMutation.mutation_id if model is AppliedMutation else model.id
        keys = [key for key in keys if (kind, key) in known]
        if keys:
            rows = db.session.scalars(select(model).where(key_column.in_(keys)))
            known.update({(kind, getattr(row, key_column.key)): row for row in rows})
    return known


def _stored_mutations(mutation_ids: set) -> dict:
    """The prefetch's answer for these mutations only (records are looked up when needed)."""
    known = {("mutation", key): None for key in mutation_ids}
    query = select(AppliedMutation).where(AppliedMutation.mutation_id.in_(sorted(mutation_ids)))
    known.update({("mutation", row.mutation_id): row for row in db.session.scalars(query)})
    return known


def _stored_keys(wanted: set):
    """SELECT kind, key for every wanted key that is stored (one UNION ALL)."""
    columns = {"mutation": AppliedMutation.mutation_id, **{k: m.id for k, m in MODELS.items()}}
    parts = []
    for kind, column in columns.items():
        keys = sorted(key for wanted_kind, key in wanted if wanted_kind == kind)
        if keys:
            label = literal_column(f"'{kind}'").label("kind")
            parts.append(select(label, column.label("key")).where(column.in_(keys)))
    return union_all(*parts)


def apply_mutation(actor, mutation: dict | Prepared, known: dict | None = None) -> dict:
    """Apply one mutation in its own savepoint. ``known``: what _prefetch found (else look up)."""
    item = mutation if isinstance(mutation, Prepared) else prepare(actor, mutation)
    mutation_id, digest = item.mutation_id, item.digest
    try:
        stored = _lookup(known, "mutation", AppliedMutation, mutation_id)
        if stored is not None:
            return {"mutation_id": mutation_id, **_replay(actor, stored, digest)}
        try:
            result = _apply_in_savepoint(actor, item, known)
        except IntegrityError:
            # Someone applied this mutation (or created this record) just now.
            result = _after_race(actor, item)
    except DomainError as error:
        return _rejected(mutation_id, error)
    return {"mutation_id": mutation_id, **result}


def _rejected(mutation_id: str, error: DomainError) -> dict:
    return {"mutation_id": mutation_id, "status": "rejected", "error": error_body(error)}


def _lookup(known, kind, model, key):
    """From the prefetch the first time (None there means absent), else from the session."""
    if known is not None and (kind, key) in known:
        return known.pop((kind, key))
    return db.session.get(model, key, populate_existing=known is None)


def _apply_in_savepoint(actor, item: Prepared, known=None) -> dict:
    with db.session.begin_nested():
        result = _apply(actor, item, known)
        if result["status"] != "conflict":
            db.session.add(applied_row(actor, item, result))
            db.session.flush()
    return result


def _after_race(actor, item: Prepared) -> dict:
    stored = db.session.get(AppliedMutation, item.mutation_id, populate_existing=True)
    if stored is not None:
        return _replay(actor, stored, item.digest)
    return _apply_in_savepoint(actor, item)


def applied_row(actor, item: Prepared, result: dict) -> AppliedMutation:
    """What remembers an applied mutation (its key stops a second, racing apply)."""
    return AppliedMutation(
        mutation_id=item.mutation_id,
        user_id=actor.id,
        content_hash=item.digest,
        record_type=item.mutation["type"],
        record_id=item.record_id,
        result=result,
    )


def _replay(actor, stored: AppliedMutation, digest: str) -> dict:
    if stored.user_id != actor.id or stored.content_hash != digest:
        raise MutationIdReused(REUSED, {"mutation_id": [REUSED]})
    return {"status": "duplicate", "record": stored.result["record"]}


def _apply(actor, item: Prepared, known: dict | None) -> dict:
    mutation = item.mutation
    kind = mutation["type"]
    record = _lookup(known, kind, MODELS[kind], item.record_id)
    if mutation["op"] == "create":
        return _create(actor, item, kind, record)
    if mutation["op"] in BOARD_OPS:
        return _board_op(actor, item, record)
    return _update(actor, item, kind, record)


def _board_op(actor, item, record) -> dict:
    """Support, comment, "bare gjør det", PDSA (services/board.py): no base_version needed."""
    idea = board.apply_op(actor, item.mutation["op"], record, _data(item))
    shown = board.shown_to(actor, dump_record(idea), board.shows_reporter(idea.unit_id))
    return {"status": "applied", "record": shown}


def _data(item: Prepared) -> dict:
    if item.error is not None:
        raise item.error
    return item.data


def _create(actor, item, kind, record) -> dict:
    if record is not None:
        if not is_own(actor, record):
            raise _not_yours(actor, record)
        return {"status": "duplicate", "record": dump_record(record)}
    data = _data(item)
    record = reports.add_new_record(actor, kind, item.record_id, data, item.mutation["client_time"])
    return {"status": "applied", "record": dump_record(record)}


def _update(actor, item, kind, record) -> dict:
    mutation = item.mutation
    if record is None:
        raise NotFound(UNKNOWN, {"record_id": [UNKNOWN]})
    if not is_own(actor, record):  # another person's, or left in a unit they moved from
        raise _not_yours(actor, record)
    if mutation["base_version"] is None:
        raise Invalid(BASE_VERSION, {"base_version": [BASE_VERSION]})
    if mutation["base_version"] != record.version:
        return {
            "status": "conflict",
            "record": dump_record(record),
            "error": {"code": "conflict", "message": str(CHANGED)},
        }
    UPDATE[kind](actor, record, _data(item))
    return {"status": "applied", "record": dump_record(record)}


def _not_yours(actor, record) -> Forbidden:
    message = NOT_YOURS if record.reporter_id != actor.id else OLD_UNIT
    return Forbidden(message, {"record_id": [message]})


def content_hash(mutation: dict) -> str:
    """A hash of what the mutation asks for; the same id with other content is refused."""
    client_time = mutation.get("client_time")
    canonical = {
        "type": mutation["type"],
        "op": mutation["op"],
        "record_id": str(mutation["record_id"]),
        "base_version": mutation.get("base_version"),
        "client_time": client_time.isoformat() if client_time else None,
        "data": mutation["data"],
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def error_body(error: DomainError) -> dict:
    body = {"code": error.code, "message": str(error.message)}
    if error.fields:
        body["fields"] = {k: [str(m) for m in v] for k, v in error.fields.items()}
    return body
