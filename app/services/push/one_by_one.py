"""The ORM strategy: one mutation at a time, each in its own savepoint (any database).

Every mutation that is not part of a run of new reports goes this way, and so
does every new report whose run could not go in (a key someone else stored).
The applied-mutation row goes in with the mutation's effect, in the same
savepoint, so two racing requests cannot both apply it: the second insert of
the key fails, its savepoint rolls back, and it is answered as a replay.
"""

from sqlalchemy import literal_column, select, union_all
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import AppliedMutation
from app.services.errors import DomainError
from app.services.push.contract import (
    MODELS,
    Prepared,
    applied_row,
    decide,
    prepare,
    rejected,
    replay,
)
from app.services.sessions import user_of


def apply_mutation(actor, mutation: dict | Prepared, known: dict | None = None) -> dict:
    """Apply one mutation in its own savepoint (``known``: what ``prefetch`` found)."""
    item = mutation if isinstance(mutation, Prepared) else prepare(actor, mutation)
    mutation_id = item.mutation_id
    try:
        stored = _lookup(known, "mutation", AppliedMutation, mutation_id)
        if stored is not None:
            return {"mutation_id": mutation_id, **replay(actor, stored, item)}
        try:
            result = _apply_in_savepoint(actor, item, known)
        except IntegrityError:
            # Someone applied this mutation (or created this record) just now.
            result = _after_race(actor, item)
    except DomainError as error:
        return rejected(mutation_id, error)
    return {"mutation_id": mutation_id, **result}


def _lookup(known, kind, model, key):
    """From the prefetch the first time (None there means absent), else from the session."""
    if known is not None and (kind, key) in known:
        return known.pop((kind, key))
    return db.session.get(model, key, populate_existing=known is None)


def _apply_in_savepoint(actor, item: Prepared, known=None) -> dict:
    with db.session.begin_nested():
        kind = item.mutation["type"]
        result = decide(user_of(actor), item, _lookup(known, kind, MODELS[kind], item.record_id))
        if result["status"] != "conflict":
            db.session.add(applied_row(actor, item, result))
            db.session.flush()
    return result


def _after_race(actor, item: Prepared) -> dict:
    stored = db.session.get(AppliedMutation, item.mutation_id, populate_existing=True)
    if stored is not None:
        return replay(actor, stored, item)
    return _apply_in_savepoint(actor, item)


def prefetch(mutations: list[dict]) -> dict:
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


def stored_mutations(mutation_ids: set) -> dict:
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
