"""Transactions, owned by the service layer: views say what they do, not how it locks.

- ``@writes``: a request that changes records. The write lock is taken before
  anything is read (services/change_seq.py ``lock_for_write``: on PostgreSQL
  the counter's row lock, so every writer waits in one order and reads the
  latest committed state; SQLite locks at ``BEGIN IMMEDIATE``), and what the
  function did is committed when it returns. An exception is left to the error
  handlers (app/errors.py), which roll back.
- ``@reads``: a function that only reads (on SQLite: DEFERRED, on a snapshot
  beside the writers, app/database.py ``reading_only``). It commits nothing.
- ``read_apart()``: end a read-only transaction, keeping what it loaded, so the
  next statement begins afresh (app/database.py ``end_read``).
"""

from functools import wraps

from app.database import end_read, reading_only
from app.extensions import db
from app.services.change_seq import lock_for_write


def writes(function):
    """Take the write lock, run, commit (see the module's docstring)."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        lock_for_write()
        result = function(*args, **kwargs)
        db.session.commit()
        return result

    return wrapper


def reads(function):
    """Run with every transaction begun inside only reading."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        with reading_only():
            return function(*args, **kwargs)

    return wrapper


def read_apart() -> None:
    """End the current read-only transaction (SQLite), keeping what it loaded."""
    end_read(db.session())


__all__ = ["read_apart", "reading_only", "reads", "writes"]
