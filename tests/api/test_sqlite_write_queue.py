"""SQLite writers queue on a file lock (app/database.py) and let go on every way out."""

import fcntl
import os
import threading
import time

import pytest
from sqlalchemy import create_engine, event, text

from app import database
from app.database import reading_only
from app.extensions import db
from app.models import User
from app.services.pull import pull_changes, viewer
from tests.api.conftest import ON_POSTGRES
from tests.api.helpers import deviation_create

pytestmark = pytest.mark.skipif(ON_POSTGRES, reason="the write queue is for SQLite only")


@pytest.fixture
def engine(tmp_path):
    database.init_app()  # the engine listeners, as create_app registers them
    engine = create_engine(f"sqlite:///{tmp_path / 'queue.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (n INTEGER)"))
    yield engine
    engine.dispose()


def start_writer(engine, started: list) -> threading.Thread:
    def write():
        with engine.begin() as connection:
            started.append(time.monotonic())
            connection.execute(text("INSERT INTO t VALUES (2)"))

    thread = threading.Thread(target=write)
    thread.start()
    return thread


def queue_is_free(tmp_path) -> bool:
    fd = os.open(tmp_path / "queue.sqlite3.writelock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing lets go of a lock taken here
    return True


@pytest.mark.parametrize("ending", ["commit", "rollback", "close", "error"])
def test_second_writer_waits_for_the_first_and_starts_as_soon_as_it_ends(engine, tmp_path, ending):
    first = engine.connect()
    transaction = first.begin()
    first.execute(text("INSERT INTO t VALUES (1)"))
    assert not queue_is_free(tmp_path)
    started = []
    second = start_writer(engine, started)
    time.sleep(0.3)
    assert started == []  # queued, not failed and not running
    ended = time.monotonic()
    if ending == "commit":
        transaction.commit()
    elif ending == "rollback":
        transaction.rollback()
    elif ending == "error":
        with pytest.raises(Exception, match="no such table"):
            first.execute(text("INSERT INTO missing VALUES (1)"))
        transaction.rollback()
    first.close()
    second.join(5)
    assert started, "the second writer never ran"
    assert started[0] - ended < 0.2
    assert queue_is_free(tmp_path)
    with engine.connect() as connection:
        expected = 2 if ending == "commit" else 1
        assert connection.execute(text("SELECT count(*) FROM t")).scalar() == expected


def test_pull_reads_beside_a_writer_without_waiting_for_it(app, api, demo):
    api("ansatt").push_one(deviation_create())
    with app.app_context():
        worker = viewer(db.session.get(User, demo["ansatt"]))
        db.session.commit()
        writer = db.engine.connect()
        writer.begin()  # holds the write lock (and the queue) until it ends
        writer.execute(text("UPDATE change_counter SET value = value + 1"))
        try:
            started = time.monotonic()
            with reading_only():
                page = pull_changes(worker, None, 10)
                db.session.commit()
            assert time.monotonic() - started < 2  # did not wait for the writer
        finally:
            writer.rollback()
            writer.close()
    assert len(page["changes"]) == 1


def test_a_push_checks_its_items_beside_a_writer_and_waits_only_to_write(app, api, demo):
    """Parsing, checking and building a batch (with its category look-up) holds no lock."""
    worker = api("ansatt")
    looked_up = threading.Event()

    def spot(_conn, _cursor, statement, *_args):
        if "FROM categories" in statement:
            looked_up.set()

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", spot)
    writer = engine.connect()
    writer.begin()  # holds the write lock (and the queue) until it ends
    writer.execute(text("UPDATE change_counter SET value = value + 1"))
    answers = []
    pushing = threading.Thread(target=lambda: answers.append(worker.push(deviation_create())))
    try:
        pushing.start()
        assert looked_up.wait(5), "the push waited for the writer before checking its items"
        time.sleep(0.2)
        assert answers == []  # and waits for it to write
    finally:
        writer.rollback()
        writer.close()
        event.remove(engine, "before_cursor_execute", spot)
        pushing.join(10)
    assert answers[0]["results"][0]["status"] == "applied"


def test_a_push_of_new_reports_looks_nothing_up_while_it_holds_the_write_lock(app, api):
    """Under SQLite's one write lock only the batch's numbers and inserts run: every
    device's push waits behind it. A replay is found by its insert failing instead."""
    worker = api("ansatt")
    under_lock, holding = [], []

    def spot(_conn, _cursor, statement, *_args):
        if statement.startswith("BEGIN IMMEDIATE"):
            holding.append(True)
        elif holding:
            under_lock.append(statement.split()[0].upper())

    def ends(_conn):
        holding.clear()

    with app.app_context():
        engine = db.engine
    listeners = (("before_cursor_execute", spot), ("commit", ends), ("rollback", ends))
    for name, listener in listeners:
        event.listen(engine, name, listener)
    try:
        batch = [deviation_create() for _ in range(20)]
        first = worker.push(*batch)["results"]
        assert under_lock, "the push never took the write lock"
        assert set(under_lock) <= {"UPDATE", "SAVEPOINT", "INSERT", "RELEASE"}
        again = worker.push(*batch)["results"]  # the answer was lost: the same batch again
    finally:
        for name, listener in listeners:
            event.remove(engine, name, listener)
    assert [r["status"] for r in first] == ["applied"] * 20
    assert [r["status"] for r in again] == ["duplicate"] * 20
    assert [r["record"] for r in again] == [r["record"] for r in first]
