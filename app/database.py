"""Engine settings that make SQLite behave under concurrent writers.

WAL lets readers run beside one writer; ``BEGIN IMMEDIATE`` takes the write
lock at the start of a transaction instead of failing half-way when a reader
tries to upgrade; the busy timeout queues writers instead of erroring. The
pysqlite driver's own transaction handling is switched off so these hold (and
so savepoints work). PostgreSQL needs none of this.

Writers also queue on a file lock: before ``BEGIN IMMEDIATE`` a connection
takes an exclusive ``flock`` on a file beside the database
(``<database>.writelock``) and lets go right after its COMMIT or ROLLBACK (or
when it is closed; the kernel releases it if the process dies). A waiter
retries every 0.2-2 ms, instead of sleeping in SQLite's busy handler, whose
growing sleeps (up to 100 ms) let late arrivals overtake and put a second-long
tail on latency under load. SQLite's own lock stays the guarantee; the file
lock only orders the queue. After the busy timeout a waiter stops waiting for
the file lock and leaves the decision to SQLite's busy handler (which then
fails with "database is locked" if the writer is still there).

A request that only reads (a pull) can say so with ``reading_only()``: its
transactions then begin DEFERRED and skip the queue, so on SQLite they run
beside a writer, on a snapshot (WAL). Such a transaction must not write: end
it (``end_read()``, or roll back) before anything is written. The session
check of every request reads this way (services/sessions.py ``check_session``);
services/transactions.py is how the services use both.

``init_app(app)`` registers the engine listeners (app/__init__.py).
"""

import fcntl
import os
import sqlite3
import time
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.engine import Engine

SQLITE_BUSY_TIMEOUT_MS = 15_000
_READING_ONLY = ContextVar("steg_reading_only", default=False)


@contextmanager
def reading_only():
    """Transactions begun inside only read (on SQLite: DEFERRED, beside writers)."""
    token = _READING_ONLY.set(True)
    try:
        yield
    finally:
        _READING_ONLY.reset(token)


def end_read(session) -> None:
    """End a read-only transaction on SQLite, keeping what it loaded (not expired).

    So a request's later writes begin a new, IMMEDIATE transaction instead of
    upgrading this DEFERRED one (which fails with SQLITE_BUSY rather than wait).
    PostgreSQL needs no such step: the transaction simply goes on.
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    expire, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire


class QueuedWriterConnection(sqlite3.Connection):
    """A pysqlite connection that holds the database's write-queue lock for each transaction."""

    def __init__(self, database, *args, **kwargs):
        super().__init__(database, *args, **kwargs)
        self._lock_path = _lock_path(database, kwargs.get("uri", False))
        self._lock_fd = None
        self._locked = False

    def acquire_write_lock(self) -> None:
        if self._lock_path is None or self._locked:
            return
        if self._lock_fd is None:
            self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline, pause = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000, 0.0002
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return  # SQLite's busy handler decides from here
                time.sleep(pause)
                pause = min(pause * 2, 0.002)
            else:
                self._locked = True
                return

    def release_write_lock(self) -> None:
        if self._locked:
            self._locked = False
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def commit(self):
        try:
            super().commit()
        finally:
            self.release_write_lock()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self.release_write_lock()

    def close(self):
        try:
            super().close()
        finally:
            self.release_write_lock()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None


def _lock_path(database, uri: bool) -> str | None:
    """The lock file beside a database file; None for an in-memory database."""
    name = os.fspath(database)
    if uri and name.startswith("file:"):
        name, _, query = name[5:].partition("?")
        if "mode=memory" in query:
            return None
    if name in ("", ":memory:"):
        return None
    return f"{name}.writelock"


def _queued_writers(dialect, _record, _cargs, cparams):
    if dialect.name == "sqlite" and dialect.driver == "pysqlite":
        cparams.setdefault("factory", QueuedWriterConnection)


def _utc_sessions(dialect, _record, _cargs, cparams):
    if dialect.name == "postgresql":
        cparams["options"] = f"{cparams.get('options', '')} -c TimeZone=UTC".lstrip()


def _configure_sqlite(dbapi_connection, _record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_immediate(connection):
    if connection.dialect.name != "sqlite":
        return
    if _READING_ONLY.get():
        connection.exec_driver_sql("BEGIN")
        return
    dbapi_connection = connection.connection.dbapi_connection
    queued = isinstance(dbapi_connection, QueuedWriterConnection)
    if queued:
        dbapi_connection.acquire_write_lock()
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except BaseException:
        if queued:
            dbapi_connection.release_write_lock()
        raise


_LISTENERS = (
    ("do_connect", _queued_writers),
    ("do_connect", _utc_sessions),
    ("connect", _configure_sqlite),
    ("begin", _begin_immediate),
)


def init_app(_app=None) -> None:
    """Register the engine listeners above (once per process; every engine, SQLite only acts)."""
    for name, listener in _LISTENERS:
        if not event.contains(Engine, name, listener):
            event.listen(Engine, name, listener)
