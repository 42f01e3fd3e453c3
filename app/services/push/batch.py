"""A push batch: every item checked first, then applied in order under the write lock.

Every mutation is checked in Python before the write lock is taken (schema,
national identity numbers, content hash, its category: ``_check_all``). Under
the lock, the new records of a batch go in together (new_rows.py, by the
database's strategy); every other mutation, and every new record whose keys
turn out to be taken, runs in its own savepoint (one_by_one.py).
"""

from app.extensions import db
from app.services.change_seq import reserve_change_seqs
from app.services.push import new_rows
from app.services.push.contract import prepare, refused
from app.services.push.one_by_one import apply_mutation, prefetch, stored_mutations
from app.services.transactions import read_apart, reading_only


def push_mutations(actor, mutations: list, strategy) -> list[dict]:
    """One result per mutation, in order (see docs/api.md); a RefusedMutation is rejected."""
    if not all(isinstance(m, dict) for m in mutations):
        return _with_refused(actor, mutations, strategy)
    if not mutations:
        return []
    checked = _check_all(actor, mutations, strategy)
    if new_rows.only_new(checked):
        return _insert_first(actor, checked, strategy)  # its insert takes the lock and numbers
    reserve_change_seqs(len(mutations))  # the write lock, and a number for each item
    known = prefetch(mutations)
    return _apply_all(actor, checked, known, strategy)


def _with_refused(actor, mutations: list, strategy) -> list[dict]:
    """The refused items answered where they stand; the others pushed as one batch."""
    good = [m for m in mutations if isinstance(m, dict)]
    applied = iter(push_mutations(actor, good, strategy))
    return [next(applied) if isinstance(m, dict) else refused(m) for m in mutations]


def _check_all(actor, mutations: list[dict], strategy) -> list:
    """Every item checked and built before the write lock is taken.

    Its look-ups (a report's category) read without taking it: on SQLite a
    snapshot beside the writers (app/database.py), ended before the push writes,
    so parsing and building twenty items never holds up another device's push.
    A caller already inside a transaction keeps it (PostgreSQL: the session check's).
    """
    if db.session().in_transaction():
        return [prepare(actor, mutation, strategy) for mutation in mutations]
    with reading_only():
        checked = [prepare(actor, mutation, strategy) for mutation in mutations]
    read_apart()
    return checked


def _insert_first(actor, items: list, strategy) -> list[dict]:
    """A batch of new reports only: insert, then look up only what was skipped.

    The insert finds taken keys itself (postgres.py skips them; on SQLite the
    run fails as a whole, in its savepoint), so the common push needs no
    look-up first, and on SQLite less is done while it holds the write lock.
    An item that did not go in is most often a replay (a lost answer): its
    stored result answers it, from one look-up of the stored mutations; only
    the rest are applied on their own.
    """
    results, run = [None] * len(items), new_rows.Run(actor, strategy)
    for index, item in enumerate(items):
        run.add(index, item, {})
    left = []
    for index, item, result in run.finish():
        if result is None:
            left.append((index, item))
        else:
            results[index] = {"mutation_id": item.mutation_id, **result}
    if left:
        known = stored_mutations({item.mutation_id for _index, item in left})
        for index, item in left:
            results[index] = apply_mutation(actor, item, known)
    return results


def _apply_all(actor, items: list, known: dict, strategy) -> list[dict]:
    """Plain creates in runs of one savepoint each; anything else on its own, in order."""
    results, run, seen = [None] * len(items), new_rows.Run(actor, strategy), set()
    for index, item in enumerate(items):
        if new_rows.is_plain_create(item, known, seen):
            run.add(index, item, known)
        else:
            _end_run(run, results)
            results[index] = apply_mutation(actor, item, known)
        seen.update((item.mutation_id, item.record_id))
    _end_run(run, results)
    return results


def _end_run(run, results: list) -> None:
    for index, item, result in run.finish():
        if result is None:  # the run's insert failed: this one alone, as a race is handled
            results[index] = apply_mutation(run.actor, item)
        else:
            results[index] = {"mutation_id": item.mutation_id, **result}
