"""A PostgreSQL database for the figures: 300 units, 1,000,000 deviations, 200,000 ideas.

Figures, not a test. It creates (or, with ``--fresh``, recreates) the database
``steg_figures_bench`` next to ``--pg-url``, builds the schema and the demo
people (so ``leder`` and ``koordinator`` can log in: password demo-steg-2026),
then writes everything else with ``generate_series`` in a handful of INSERT ...
SELECT statements, inside PostgreSQL (no rows travel through Python):

- 298 more units (300 in all), each with the home-care category list and 20
  workers (6,000 in all; they cannot log in);
- 1,000,000 deviations spread evenly over the units and over the last two
  years, every severity and category; 70 % closed with a summary, 15 % being
  handled, 15 % new; the first response within 0–10 days, the closing 0–40
  days after it (the milestone columns the figures read);
- 200,000 ideas, likewise: a third done, the others in every status, with
  decision and done times; 40 % of the decided ones with an expected time gain
  (0.5–10 hours a week), and the done ones of those with a realised one;
- then ``VACUUM ANALYZE`` (autovacuum is off on the bench machine: the planner
  must know the tables' sizes, and index-only scans need the visibility map).

The history (events) of these records is not written: the figures never read
it (services/history.py keeps the milestones). About 2–4 minutes on the 2-core
bench machine. Usage:
``.venv/bin/python bench/figures_data.py [--fresh] [--pg-url URL]``; it prints the URL.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NAME = "steg_figures_bench"
UNITS, WORKERS = 300, 20
DEVIATIONS, IDEAS = 1_000_000, 200_000

STEPS = [
    (
        "units",
        """
        INSERT INTO units (name, created_at, board_shows_reporter)
        SELECT 'Benk-enhet ' || n, now() - interval '3 years', true
        FROM generate_series((SELECT count(*) FROM units) + 1, :units) AS n
        """,
    ),
    (
        "categories",
        """
        INSERT INTO categories (unit_id, code, label_nb, label_en, active)
        SELECT u.id, c.code, c.label_nb, c.label_en, true
        FROM units u CROSS JOIN (SELECT DISTINCT code, label_nb, label_en FROM categories
                                 WHERE unit_id = (SELECT min(id) FROM units)) c
        WHERE NOT EXISTS (SELECT 1 FROM categories x WHERE x.unit_id = u.id)
        """,
    ),
    (
        "workers",
        """
        INSERT INTO users (username, display_name, role, unit_id, active, password_hash,
                           must_change_password, scope_version, role_from_groups, created_at)
        SELECT 'benk-' || u.id || '-' || k, 'Benk ' || u.id || '-' || k, 'worker', u.id, true,
               '!', false, 0, false, now() - interval '3 years'
        FROM units u CROSS JOIN generate_series(1, :workers) AS k
        """,
    ),
    (
        "numbering",
        """
        CREATE TEMP TABLE bench_units AS
        SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM units;
        CREATE TEMP TABLE bench_workers AS
        SELECT id, unit_id, row_number() OVER (PARTITION BY unit_id ORDER BY id) - 1 AS k
        FROM users WHERE role = 'worker';
        CREATE TEMP TABLE bench_categories AS
        SELECT id, unit_id, row_number() OVER (PARTITION BY unit_id ORDER BY id) - 1 AS k,
               count(*) OVER (PARTITION BY unit_id) AS n
        FROM categories;
        CREATE INDEX ON bench_workers (unit_id, k);
        CREATE INDEX ON bench_categories (unit_id, k);
        ANALYZE bench_units; ANALYZE bench_workers; ANALYZE bench_categories;
        """,
    ),
    (
        "deviations",
        """
        INSERT INTO deviations (id, status, version, change_seq, created_at, client_time,
            updated_at, unit_id, reporter_id, category_id, severity, occurred_at, location,
            description, immediate_action, closing_summary, first_response_at, closed_at)
        SELECT md5('d' || g.i)::uuid::text,
               CASE WHEN g.r < 0.70 THEN 'closed' WHEN g.r < 0.85 THEN 'in_progress' ELSE 'new' END,
               CASE WHEN g.r < 0.85 THEN 3 ELSE 1 END,
               (SELECT coalesce(max(change_seq), 0) FROM deviations) + g.i,
               g.created, g.created, g.created, bu.id, bw.id, bc.id,
               (ARRAY['low', 'moderate', 'high', 'critical'])
                   [1 + (g.i * 7 % 10) / 4 + (g.i % 10 = 9)::int],
               g.created - interval '2 hours', NULL, 'Benk: hva skjedde', NULL,
               CASE WHEN g.r < 0.70 THEN 'Lukket med oppsummering' END,
               CASE WHEN g.r < 0.85 THEN least(g.created + g.wait, now()) END,
               CASE WHEN g.r < 0.70 THEN least(g.created + g.wait + g.work, now()) END
        FROM (
            SELECT i, random() AS r,
                   now() - random() * interval '730 days' AS created,
                   random() * interval '10 days' AS wait,
                   random() * interval '40 days' AS work
            FROM generate_series(1, :deviations) AS i
        ) g
        JOIN bench_units bu ON bu.n = g.i % :units
        JOIN bench_workers bw ON bw.unit_id = bu.id AND bw.k = (g.i / :units) % :workers
        JOIN bench_categories bc ON bc.unit_id = bu.id AND bc.k = (g.i / 7) % bc.n
        """,
    ),
    (
        "ideas",
        """
        INSERT INTO ideas (id, status, version, change_seq, created_at, client_time, updated_at,
            unit_id, reporter_id, title, problem, proposal, benefit, decided_at, done_at,
            status_changed_at)
        SELECT md5('i' || g.i)::uuid::text, g.status,
               CASE WHEN g.status = 'new' THEN 1 ELSE 3 END,
               (SELECT max(change_seq) FROM deviations) + g.i,
               g.created, g.created, g.created, bu.id, bw.id,
               'Benk-forslag', 'Dagens situasjon', 'Forslaget', NULL,
               CASE WHEN g.status <> 'new' THEN least(g.created + g.wait, now()) END,
               CASE WHEN g.status = 'done' THEN least(g.created + g.wait + g.work, now()) END,
               CASE WHEN g.status <> 'new' THEN least(g.created + g.wait, now()) END
        FROM (
            SELECT i,
                   (ARRAY['done', 'done', 'done', 'new', 'under_review', 'approved',
                          'in_progress', 'rejected', 'parked'])[1 + (i * 5 % 9)] AS status,
                   now() - random() * interval '730 days' AS created,
                   random() * interval '21 days' AS wait,
                   random() * interval '60 days' AS work
            FROM generate_series(1, :ideas) AS i
        ) g
        JOIN bench_units bu ON bu.n = g.i % :units
        JOIN bench_workers bw ON bw.unit_id = bu.id AND bw.k = (g.i / :units) % :workers
        """,
    ),
    (
        "gains",
        """
        INSERT INTO idea_gains (idea_id, stage, kind, minutes_per_week, kroner_per_year, note,
                                recorded_by_id, recorded_at)
        SELECT i.id, 'expected', 'time', 30 + (abs(hashtext(i.id)) % 20) * 30, NULL, NULL,
               (SELECT min(id) FROM users), i.decided_at
        FROM ideas i
        WHERE i.decided_at IS NOT NULL AND i.status NOT IN ('rejected', 'parked')
          AND abs(hashtext(i.id)) % 10 < 4;
        INSERT INTO idea_gains (idea_id, stage, kind, minutes_per_week, kroner_per_year, note,
                                recorded_by_id, recorded_at)
        SELECT g.idea_id, 'realised', 'time',
               g.minutes_per_week * (abs(hashtext(g.idea_id)) % 5) / 4,
               NULL, 'Benk', g.recorded_by_id, i.done_at
        FROM idea_gains g JOIN ideas i ON i.id = g.idea_id
        WHERE g.stage = 'expected' AND i.status = 'done'
        """,
    ),
    (
        "counter",
        "UPDATE change_counter SET value = (SELECT max(change_seq) FROM ideas) WHERE id = 1",
    ),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    return parser.parse_args()


def bench_url(base_url: str) -> str:
    plain = base_url.replace("postgresql+psycopg://", "postgresql://")
    return f"{plain.rsplit('/', 1)[0]}/{NAME}"


def create_database(base_url: str, fresh: bool) -> bool:
    """True when the database was made now (it needs filling)."""
    import psycopg

    plain = base_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (NAME,)).fetchone()
        if exists and not fresh:
            return False
        conn.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{NAME}"')
    return True


def fill(url: str) -> None:
    from flask_migrate import upgrade
    from sqlalchemy import text

    from app import ROOT as APP_ROOT
    from app import create_app
    from app.extensions import db
    from app.services.demo import seed_demo

    sa_url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": sa_url})
    params = {
        "units": UNITS,
        "workers": WORKERS,
        "deviations": DEVIATIONS,
        "ideas": IDEAS,
    }
    with app.app_context():
        upgrade(directory=str(APP_ROOT / "migrations"))
        seed_demo()
        db.session.commit()
        with db.engine.begin() as conn:
            conn.execute(text("SELECT setseed(0.42)"))
            for name, sql in STEPS:
                started = time.perf_counter()
                for statement in filter(str.strip, sql.split(";")):
                    conn.execute(text(statement), params)
                print(f"{name}: {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        print(f"vacuum analyze: {time.perf_counter() - started:.1f} s", flush=True)
        db.engine.dispose()


def main() -> None:
    args = parse_args()
    url = bench_url(args.pg_url)
    if create_database(args.pg_url, args.fresh):
        started = time.perf_counter()
        fill(url)
        print(f"filled in {time.perf_counter() - started:.0f} s")
    else:
        print("kept the database that was there (--fresh to make it again)")
    print(url)


if __name__ == "__main__":
    main()
