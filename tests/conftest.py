"""Shared fixtures: a real database per test run, the app, clients and people.

``TEST_DATABASE_URL`` (a PostgreSQL URL) runs the suite against a fresh
database created for this run and dropped afterwards; without it, a SQLite
file in a temporary folder. Every test starts from empty tables.
"""

import os
import re
import secrets
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app import create_app
from app.extensions import db
from app.models import AuditEntry
from app.services.demo import DEMO_PASSWORD, seed_demo
from app.services.demo_history import seed_demo_history

pytest_plugins = ["tests.fixtures.servers", "tests.fixtures.browser"]

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
AUDIT_LOG = AuditEntry.__tablename__
HISTORY_NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # where `demo_history` ends
BROWSER_FIXTURE = "playwright_instance"  # every Chromium fixture stands on it (fixtures/browser.py)


def pytest_collection_modifyitems(items):
    """A test that drives Chromium is an e2e test, marked or not: `make test-fast`
    (``-m "not e2e"``) leaves every browser test out."""
    for item in items:
        if BROWSER_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


def _postgres_database(base_url: str):
    """Create a uniquely named database for this run; return its URL and a dropper."""
    import psycopg

    name = f"steg_test_{os.getpid()}_{secrets.token_hex(3)}"
    plain = base_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        # A throwaway database need not outlive a crash of the machine: commits do not
        # wait for the disk (about 1 ms each here). Nothing else changes: a commit is
        # as atomic and as visible to the next statement as before.
        conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')

    def drop():
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    prefix = base_url.rsplit("/", 1)[0]
    url = f"{prefix}/{name}".replace("postgresql://", "postgresql+psycopg://", 1)
    return url, drop


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'steg-test.sqlite3'}"
        return
    url, drop = _postgres_database(base)
    yield url
    drop()


@pytest.fixture
def empty_database_url(tmp_path):
    """Another, empty database of the same kind, for tests that build their own schema."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    url, drop = _postgres_database(base)
    yield url
    drop()


@pytest.fixture(scope="session")
def app(database_url):
    application = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url})
    with application.app_context():
        db.create_all()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Empty every table after each test that used the app."""
    yield
    if "app" not in request.fixturenames:
        return
    empty_tables(request.getfixturevalue("app"))


def empty_tables(application, attempts: int = 5) -> None:
    """Every table empty, as at the start of a test (the change counter back at 0).

    A browser test's last request may still be running in the shared server when
    the test ends: the clean-up waits for it, and should PostgreSQL still pick the
    TRUNCATE as a deadlock's victim, it is tried again."""
    with application.app_context():
        db.session.remove()
        for attempt in range(1, attempts + 1):
            try:
                _wait_for_other_transactions()
                _empty(list(reversed(db.metadata.sorted_tables)))
                return
            except OperationalError:
                if attempt == attempts:
                    raise
                time.sleep(0.5 * attempt)


BUSY = text(
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
    " AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
)


def _wait_for_other_transactions(seconds: float = 5.0) -> None:
    """On PostgreSQL, let a request still running in a server finish first, so
    that what it writes does not land in the next test."""
    if db.engine.dialect.name != "postgresql":
        return
    deadline = time.monotonic() + seconds
    with db.engine.connect() as conn:
        while conn.execute(BUSY).scalar() and time.monotonic() < deadline:
            conn.rollback()
            time.sleep(0.05)


def _empty(tables) -> None:
    """DELETE, not TRUNCATE: a test leaves a few rows, and on PostgreSQL a TRUNCATE of
    every table costs about 150 ms (new files for each), a DELETE of them a few. The
    audit log refuses DELETE on PostgreSQL (app/security/audit_hooks.py, a trigger):
    as a superuser (as on the development machine and in CI) the clean-up runs with
    triggers off, which also spares the foreign-key checks of rows that all go;
    otherwise the audit log is truncated, when it has rows."""
    with db.engine.begin() as conn:
        postgres = conn.dialect.name == "postgresql"
        triggers_off = postgres and conn.execute(text("SHOW is_superuser")).scalar() == "on"
        if triggers_off:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        for table in tables:
            if table.name != AUDIT_LOG or not postgres or triggers_off:
                conn.execute(table.delete())
            elif conn.execute(text(f"SELECT EXISTS (SELECT 1 FROM {AUDIT_LOG})")).scalar():
                conn.execute(text(f"TRUNCATE {AUDIT_LOG}"))
        _set_sequences(conn, tables, "1, false")  # the next id is 1 again
        # The change counter's one row is part of the schema (after_create), not data.
        conn.execute(text("INSERT INTO change_counter (id, value) VALUES (1, 0)"))


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture(scope="session")
def demo_rows(app):
    """The demo data as rows, table by table (seed_demo, once a run)."""
    return _rows_seeded_once(app, seed_demo)[0]


@pytest.fixture
def demo(app, demo_rows):
    """The demo units and people (seed_demo's rows, the same ids in every test);
    returns {username: user id}. Copying the rows in costs a few inserts, where
    seeding through the services costs dozens of statements a test."""
    _copy_in(app, demo_rows)
    users = next(table_rows for table, table_rows in demo_rows if table.name == "users")
    return {user["username"]: user["id"] for user in users}


@pytest.fixture(scope="session")
def demo_history_rows(app):
    """The demo data and 13 weeks of the demo's history up to HISTORY_NOW, as rows
    (seed_demo_history's 2,600 writes through the services, once a run), with what
    seed_demo_history returned."""

    def seed():
        seed_demo()
        return seed_demo_history(weeks=13, now=HISTORY_NOW)

    return _rows_seeded_once(app, seed)


@pytest.fixture
def demo_history(app, demo_history_rows):
    """The demo units, people and their 13 weeks of history up to HISTORY_NOW (as
    `flask seed-demo` makes them); returns seed_demo_history's {unit name: Ledger}.
    Not together with `demo` (these rows hold the demo people already)."""
    rows, ledgers = demo_history_rows
    _copy_in(app, rows)
    return ledgers


def _rows_seeded_once(app, seed) -> tuple[list, object]:
    """Run seed() through the services on the empty tables, read every table back and
    empty them again: ([(table, rows)], what seed returned). The first test that asks
    for the rows must not have written anything before (its rows would be copied too)."""
    with app.app_context():
        assert not any(_rows_in(table) for table in db.metadata.sorted_tables), (
            "a fixture wrote rows before `demo` or `demo_history`: ask for it first"
        )
        returned = seed()
        db.session.commit()
        with db.engine.connect() as conn:
            rows = [
                (table, [row._asdict() for row in conn.execute(table.select())])
                for table in db.metadata.sorted_tables
            ]
    empty_tables(app)
    return [(table, table_rows) for table, table_rows in rows if table_rows], returned


def _copy_in(app, rows) -> None:
    """Insert rows read by _rows_seeded_once, with their ids."""
    with app.app_context(), db.engine.begin() as conn:
        for table, table_rows in rows:
            if table.name == "change_counter":  # its one row is there already
                conn.execute(table.update().values(value=table_rows[0]["value"]))
                continue
            conn.execute(table.insert(), table_rows)
            # Rows inserted with their ids leave a PostgreSQL sequence behind: past them.
            _set_sequences(conn, [table], "(SELECT max({column}) FROM {table})")


def _rows_in(table) -> int:
    if table.name == "change_counter":
        return 0
    return db.session.scalar(db.select(db.func.count()).select_from(table))


def _set_sequences(conn, tables, value: str) -> None:
    """On PostgreSQL, set the id sequence of each table that has one: ``setval(sequence,
    value)``, where value may name {table} and {column}. (SQLite needs nothing: a
    table's next id follows from its rows.)"""
    if conn.dialect.name != "postgresql":
        return
    calls = [
        f"setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
        + value.format(table=f'"{table.name}"', column=f'"{column.name}"')
        + ")"
        for table in tables
        if (column := table.autoincrement_column) is not None
    ]
    if calls:
        conn.execute(text("SELECT " + ", ".join(calls)))


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_from(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def log_in(client, username: str, password: str = DEMO_PASSWORD):
    """Log in through the real form; return the response of the POST."""
    page = client.get("/login")
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_from(page.text)},
    )


@pytest.fixture
def login(app, demo):
    """login("leder") -> a test client logged in as that demo person, with .csrf set."""

    def _login(username: str):
        logged_in = app.test_client()
        response = log_in(logged_in, username)
        assert response.status_code == 302, f"login as {username} failed"
        logged_in.csrf = csrf_from(logged_in.get("/").text)
        return logged_in

    return _login
