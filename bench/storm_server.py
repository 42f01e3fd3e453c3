"""bench/sync_storm.py's helpers: a fresh database with D devices' people, gunicorn, logins."""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from werkzeug.security import generate_password_hash

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-password-2026"
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SECRET = secrets.token_hex(32)


def prepare_database(kind: str, args):
    """A fresh database with the demo units and one worker per device."""
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="steg-bench-")
        url = f"sqlite:///{folder}/bench.sqlite3"

        def cleanup():
            shutil.rmtree(folder, ignore_errors=True)
    else:
        url, cleanup = _postgres_database(args.pg_url)
    users = _seed(url, args.devices)
    return url, cleanup, users


def _postgres_database(base_url: str):
    import psycopg

    name = f"steg_bench_{os.getpid()}_{secrets.token_hex(3)}"
    plain = base_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def cleanup():
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    url = f"{plain.rsplit('/', 1)[0]}/{name}".replace("postgresql://", "postgresql+psycopg://", 1)
    return url, cleanup


def _seed(url: str, devices: int) -> list[tuple[str, str]]:
    from app import create_app
    from app.extensions import db
    from app.models import User
    from app.services.demo import seed_demo

    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    with app.app_context():
        db.create_all()
        seed_demo()
        units = sorted({u.unit for u in db.session.scalars(db.select(User)) if u.unit}, key=id)
        units.sort(key=lambda u: u.id)
        # One cheap hash for every bench person: logins happen before the clock starts.
        password_hash = generate_password_hash(PASSWORD, "pbkdf2:sha256:1000")
        users = []
        for i in range(devices):
            unit = units[i % len(units)]
            username = f"bench-{i:04d}"
            db.session.add(
                User(
                    username=username,
                    display_name=f"Nettbrett {i}",
                    role="worker",
                    unit=unit,
                    password_hash=password_hash,
                )
            )
            users.append((username, "fall" if unit.id == units[0].id else "housing"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return users


def count_duplicates(url: str, expected: int) -> int:
    """Records beyond one per pushed mutation, over all rounds (``expected`` = D × M × R).

    Each pushed description names its device, round and mutation, so a mutation
    applied twice (under another record id too) shows as two rows with one description.
    """
    engine = create_engine(url)
    with engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM deviations")).scalar_one()
        distinct = conn.execute(
            text("SELECT count(DISTINCT description || ':' || reporter_id) FROM deviations")
        ).scalar_one()
    engine.dispose()
    if total != expected:
        print(f"  note: {total} records in the database, {expected} expected")
    return total - distinct


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn (sync workers) serving ``target`` on a free port."""

    def __init__(self, target: str, database_url: str, workers: int, **settings):
        """``settings``: ``config`` (a gunicorn config file) and ``env`` (more variables)."""
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = ["--config", settings["config"]] if settings.get("config") else []
        self.command = [
            str(Path(sys.executable).with_name("gunicorn")), *config,
            "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
            "--log-level", "warning", "--backlog", "2048", target,
        ]  # fmt: skip
        self.env = {
            **os.environ,
            "STEG_ENV": "development",
            "DATABASE_URL": database_url,
            "SECRET_KEY": SECRET,
            **settings.get("env", {}),
        }
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, start_new_session=True
        )
        deadline = time.monotonic() + 120  # a loaded machine starts slowly
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/login", timeout=2).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"{self.command[-1]} did not start")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(15)

    def cpu_seconds(self) -> float:
        """User + system CPU time of the gunicorn master and workers so far (Linux /proc)."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            if int(fields[2]) == self.process.pid:  # process group: this server's processes
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def log_in_all(self, users) -> list[tuple[dict, str, str]]:
        with ThreadPoolExecutor(max_workers=8) as pool:
            return list(pool.map(self._log_in, users))

    def _log_in(self, user) -> tuple[dict, str, str]:
        username, category = user
        session = requests.Session()
        page = session.get(f"{self.url}/login", timeout=30)
        token = CSRF_FIELD.search(page.text).group(1)
        form = {"username": username, "password": PASSWORD, "csrf_token": token}
        response = session.post(f"{self.url}/login", data=form, timeout=30, allow_redirects=False)
        assert response.status_code == 302, f"login of {username} failed: {response.status_code}"
        csrf = session.get(f"{self.url}/api/v1/session", timeout=30).json()["csrf_token"]
        return session.cookies.get_dict(), csrf, category


def _process_ticks(pid: int) -> tuple[str, int] | None:
    """(command name, utime + stime in clock ticks) from /proc/<pid>/stat; None if unreadable."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = stat[stat.find("(") + 1 : stat.rfind(")")]
    fields = stat.rsplit(")", 1)[1].split()
    return name, int(fields[11]) + int(fields[12])


# Tables autovacuum's analyze rule would pick now (never analyzed counts as size 0).
ANALYZE_DUE = """
SELECT format('%I.%I', s.schemaname, s.relname)
FROM pg_stat_user_tables AS s JOIN pg_class AS c ON c.oid = s.relid
WHERE s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::integer
    + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0)
"""


class PostgresBackends:
    """CPU time of the PostgreSQL backends connected to one database, from a connection of its own.

    Backends are listed with pg_stat_activity and read from /proc, so this works
    when the server runs on this machine and its processes are readable: else
    ``available`` is False. Server-wide processes (WAL writer, checkpointer) are
    not counted, nor is this monitor's own backend.
    """

    def __init__(self, database_url: str):
        import psycopg

        plain = database_url.replace("postgresql+psycopg://", "postgresql://", 1)
        self.conn = psycopg.connect(plain, autocommit=True)
        own = self.conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        # Our own backend is surely alive: if /proc shows it as postgres, it shows the others.
        seen = _process_ticks(own)
        self.available = seen is not None and seen[0].startswith("postgres")

    def close(self):
        self.conn.close()

    def refresh_statistics(self) -> bool:
        """ANALYZE what autovacuum would have by now, when it is off; True if it is off.

        In production autovacuum (on by default) keeps the planner's statistics
        current as tables grow. A server with it off plans against tables it
        believes are empty, and reads whole tables where an index would do: the
        bench does what autovacuum would, before every round, by its own rule
        (a table changed by more than ``autovacuum_analyze_threshold`` rows plus
        ``autovacuum_analyze_scale_factor`` of its size). So, as in production,
        a table nothing was written to is not analyzed while empty: analyzed
        empty, the planner would trust that, and the foreign-key checks cached
        on that belief would read the whole table as it grows.
        """
        if self.conn.execute("SHOW autovacuum").fetchone()[0] == "on":
            return False
        due = self.conn.execute(ANALYZE_DUE).fetchall()
        for (table,) in due:
            self.conn.execute(f"ANALYZE {table}")
        return True

    def sample(self) -> dict[int, int]:
        """Clock ticks so far per backend pid (a backend gone meanwhile is left out)."""
        if not self.available:
            return {}
        rows = self.conn.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
        ticks = {}
        for (pid,) in rows:
            seen = _process_ticks(pid)
            if seen is not None:
                ticks[pid] = seen[1]
        return ticks

    @staticmethod
    def seconds_between(before: dict[int, int], after: dict[int, int]) -> float:
        """CPU seconds spent between two samples; a backend new since ``before`` counts from 0."""
        # A pid whose count went down is a new backend with a reused pid: all of it is new.
        ticks = sum(
            now - before.get(pid, 0) if now >= before.get(pid, 0) else now
            for pid, now in after.items()
        )
        return ticks / os.sysconf("SC_CLK_TCK")
