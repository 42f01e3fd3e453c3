"""The push contract: what each mutation's answer is (docs/api.md, sync-protocol.md).

Outcomes: ``applied`` (done now), ``duplicate`` (done before: a replay is
answered from the stored result), ``rejected`` (a rule says no: the error
envelope) and ``conflict`` (the update was based on an old version: the
server's copy comes back). Idempotency: an applied mutation is remembered by
its mutation id with a hash of its content; the same id with the same content
is a replay, with other content it is refused (``mutation_id_reused``).

This module decides; it writes nothing itself. How a decision reaches the
database is the strategies' business (one_by_one.py for any mutation,
sqlite.py and postgres.py for a run of new reports).
"""

import hashlib
import json

import orjson
from flask_babel import lazy_gettext as _l

from app.models import AppliedMutation, Deviation, Idea
from app.schemas.records import BOARD_OPS, INVALID, dump_record, load_record_data
from app.schemas.sync import RefusedMutation
from app.services import board, records
from app.services.access import is_own
from app.services.errors import DomainError, Forbidden, Invalid, NotFound, body_of, error_body
from app.services.push import new_rows

MODELS = {"deviation": Deviation, "idea": Idea}
UPDATE = {"deviation": records.update_deviation, "idea": records.update_idea}

REUSED = _l("This mutation id was already used for other content.")
CHANGED = _l("The record changed on the server. The server's copy is shown.")
NOT_YOURS = _l("This report belongs to someone else.")
OLD_UNIT = _l("This report stays with the unit you moved from. Ask its leader.")
UNKNOWN = _l("We could not find that report.")
BASE_VERSION = _l("An update needs the version it was based on.")


# Content hashes: "2:" and 62 hex digits of the SHA-256 of the content as compact JSON,
# keys sorted, text as UTF-8 (orjson). Hashes stored before it (64 hex digits) were of
# json.dumps(sort_keys=True, separators=(",", ":"), default=str), text \u-escaped: a
# replay of such a mutation is compared in that form (``same_content``).
HASH_PREFIX = "2:"
_LEGACY = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=str)


class MutationIdReused(DomainError):
    code = "mutation_id_reused"
    status = 422


class Prepared:
    """A mutation with what could be worked out without the database."""

    __slots__ = ("mutation", "mutation_id", "record_id", "digest", "data", "error", "new")

    def __init__(self, mutation, data, error):
        self.mutation = mutation
        self.mutation_id = str(mutation["mutation_id"])
        self.record_id = str(mutation["record_id"])
        self.digest = content_hash(mutation)
        self.data, self.error, self.new = data, error, None


def prepare(actor, mutation: dict, strategy=None) -> Prepared:
    """Load the data and check a new report's rules; an error is raised later, in its turn.

    With a batch's ``strategy`` (sqlite.py, postgres.py), a new report's rows are built too.
    """
    kind, op = mutation["type"], mutation["op"]
    try:
        data = load_record_data(kind, op, mutation["data"])
        if op == "create":
            records.check_new_record(actor, kind, data)
    except DomainError as error:
        return Prepared(mutation, None, error)
    item = Prepared(mutation, data, None)
    if strategy is not None and new_rows.can_build(item):
        try:
            item.new = new_rows.build_new(actor, item, strategy)  # rows and answer, ready to insert
        except DomainError as error:
            item.data, item.error = None, error  # answered in its turn, after a replay check
    return item


def content_hash(mutation: dict) -> str:
    """A hash of what the mutation asks for; the same id with other content is refused."""
    canonical = _canonical(mutation)
    try:
        text = orjson.dumps(canonical, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # what orjson cannot write (a lone surrogate, an integer past 64 bits)
        return _legacy_hash(canonical)
    return HASH_PREFIX + hashlib.sha256(text).hexdigest()[: 64 - len(HASH_PREFIX)]


def same_content(stored_hash: str, item: Prepared) -> bool:
    """Whether a stored mutation's hash is of this item's content, in the stored hash's form."""
    if item.digest == stored_hash:
        return True
    if stored_hash.startswith(HASH_PREFIX):
        return False
    return _legacy_hash(_canonical(item.mutation)) == stored_hash


def _canonical(mutation: dict) -> dict:
    client_time = mutation.get("client_time")
    return {
        "type": mutation["type"],
        "op": mutation["op"],
        "record_id": str(mutation["record_id"]),
        "base_version": mutation.get("base_version"),
        "client_time": client_time.isoformat() if client_time else None,
        "data": mutation["data"],
    }


def _legacy_hash(canonical: dict) -> str:
    return hashlib.sha256(_LEGACY.encode(canonical).encode()).hexdigest()


def replay(actor, stored: AppliedMutation, item: Prepared) -> dict:
    """A stored mutation sent again: its stored answer, or refused if the content differs."""
    if stored.user_id != actor.id or not same_content(stored.content_hash, item):
        raise MutationIdReused(REUSED, {"mutation_id": [REUSED]})
    return {"status": "duplicate", "record": stored.result["record"]}


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


def rejected(mutation_id: str | None, error: DomainError) -> dict:
    return {"mutation_id": mutation_id, "status": "rejected", "error": body_of(error)}


def refused(item: RefusedMutation) -> dict:
    """An item whose own fields were wrong (schemas/sync.py): rejected where it stands."""
    return rejected(item.mutation_id, Invalid(INVALID, item.fields))


def decide(actor, item: Prepared, record) -> dict:
    """Apply one mutation to its record (None: not stored): the outcome, written in the session."""
    mutation = item.mutation
    if mutation["op"] == "create":
        return _create(actor, item, record)
    if mutation["op"] in BOARD_OPS:
        return _board_op(actor, item, record)
    return _update(actor, item, record)


def _board_op(actor, item, record) -> dict:
    """Support, comment, "bare gjør det", PDSA (services/board.py): no base_version needed."""
    idea = board.apply_op(actor, item.mutation["op"], record, _data(item))
    shown = board.shown_to(actor, dump_record(idea), board.shows_reporter(idea.unit_id))
    return {"status": "applied", "record": shown}


def _data(item: Prepared) -> dict:
    if item.error is not None:
        raise item.error
    return item.data


def _create(actor, item, record) -> dict:
    if record is not None:
        if not is_own(actor, record):
            raise _not_yours(actor, record)
        return {"status": "duplicate", "record": dump_record(record)}
    data = _data(item)
    kind = item.mutation["type"]
    record = records.add_new_record(actor, kind, item.record_id, data, item.mutation["client_time"])
    return {"status": "applied", "record": dump_record(record)}


def _update(actor, item, record) -> dict:
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
            "error": error_body("conflict", CHANGED),
        }
    UPDATE[mutation["type"]](actor, record, _data(item))
    return {"status": "applied", "record": dump_record(record)}


def _not_yours(actor, record) -> Forbidden:
    message = NOT_YOURS if record.reporter_id != actor.id else OLD_UNIT
    return Forbidden(message, {"record_id": [message]})
