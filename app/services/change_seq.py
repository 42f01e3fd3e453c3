"""The global change sequence: a number handed out inside the writing transaction.

``next_change_seq()`` increments the one row of ``change_counter`` with
``UPDATE ... RETURNING``. The row lock it takes is held until the transaction
ends, so on PostgreSQL writers that take a number commit in number order: a
pull that has seen number N can never later find a committed N-1. (SQLite
serialises writers with ``BEGIN IMMEDIATE`` already; see app/database.py.)

A writing request takes ``lock_for_write()`` before it reads what it
will change (services/transactions.py ``@writes``): then every writer waits
for the counter first (one lock order, so no deadlocks) and reads the latest
committed state of its records.
"""

from sqlalchemy import inspect, select, update

from app.extensions import db
from app.models import ChangeCounter
from app.models.base import utcnow

_counter = ChangeCounter.__table__
_RESERVED = "steg_reserved_change_seqs"


def lock_for_write() -> None:
    """Take the counter's row lock now (no-op on SQLite, which locks at BEGIN)."""
    db.session.execute(
        select(_counter.c.value).where(_counter.c.id == 1).with_for_update()
    ).scalar_one()


def next_change_seq() -> int:
    """The next number: from this transaction's reservation if it has one, else one more."""
    if has_reservation():
        number = next(db.session.info[_RESERVED][1], None)
        if number is not None:
            return number
    return _increment(1)


def has_reservation() -> bool:
    """Whether this transaction reserved numbers with ``reserve_change_seqs``."""
    reserved = db.session.info.get(_RESERVED)
    return reserved is not None and reserved[0] is db.session().get_transaction()


def reserve_change_seqs(count: int) -> None:
    """Take the counter lock and ``count`` numbers with one statement (a push batch).

    Numbers a batch does not use (rejected items) are simply skipped: gaps do
    not matter to a pull, order does.
    """
    last = _increment(count)
    db.session.info[_RESERVED] = (
        db.session().get_transaction(),
        iter(range(last - count + 1, last + 1)),
    )


def _increment(count: int) -> int:
    return db.session.execute(
        update(_counter)
        .where(_counter.c.id == 1)
        .values(value=_counter.c.value + count)
        .returning(_counter.c.value)
    ).scalar_one()


def current_change_seq() -> int:
    """The last number handed out and committed (as this transaction sees it)."""
    return db.session.execute(select(_counter.c.value).where(_counter.c.id == 1)).scalar_one()


def touch(record) -> None:
    """Mark a server change of a deviation or idea: version, change_seq, updated_at."""
    if inspect(record).persistent:
        # An SQL expression, so a concurrent increment is never lost.
        record.version = type(record).version + 1
    else:
        record.version = 1
    record.change_seq = next_change_seq()
    record.updated_at = utcnow()
