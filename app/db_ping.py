"""A pooled database connection is checked before use only after it sat idle.

SQLAlchemy's ``pool_pre_ping`` sends a ``SELECT 1`` on every checkout: one
round trip more on every request (docs/performance.md). A connection that
was in use a moment ago is as good as a ping says; one that sat in the pool
for a while may have been closed by the server, a restart or a firewall. So
only those are pinged; a dead one is replaced before the request sees it. If
the database restarts while a connection is busy, the first statement on it
fails once (an error answer, which a device retries), and SQLAlchemy then
replaces every older connection of the pool.
SQLite connections are files, never stale: they are not pinged.
"""

import sqlite3
import time

from sqlalchemy import event, exc
from sqlalchemy.pool import Pool

PING_AFTER_IDLE_SECONDS = 10.0
_IDLE_SINCE = "steg_idle_since"


def _note_idle(_dbapi_connection, record) -> None:
    if record is not None:
        record.info[_IDLE_SINCE] = time.monotonic()


def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        return
    idle_since = record.info.get(_IDLE_SINCE)
    if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
        return  # new, or in use a moment ago
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        dbapi_connection.rollback()
    except Exception as error:  # noqa: BLE001  (any failure: the pool replaces it)
        raise exc.DisconnectionError("stale pooled connection") from error


def init_app(_app=None) -> None:
    """Register the pool listeners above (once per process)."""
    for name, listener in (("checkin", _note_idle), ("checkout", _ping_if_idle)):
        if not event.contains(Pool, name, listener):
            event.listen(Pool, name, listener)
