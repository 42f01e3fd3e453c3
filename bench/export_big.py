"""A unit's exports with 100,000 deviations and 100,000 ideas: time and memory.

Figures, not a test. Per database (SQLite, then PostgreSQL) it makes a fresh
database with the demo people, writes N deviations (every fifth with a
measure) and N ideas into the home-care unit (Core inserts), logs the leader
in through the real form and downloads the year's deviations and ideas as CSV
(read as a stream, chunk by chunk) and as Excel (an Excel file holds at most
``exports.XLSX_MAX_ROWS`` rows: the year is refused with the count, so Excel is
measured on the first 69 days, 19,788 rows of each). It prints, per file, the rows,
the bytes, the wall time, and the peak of Python memory while it was written
(tracemalloc, in a second run, since tracing slows the first). Usage:
``.venv/bin/python bench/export_big.py [--rows 100000] [--db both]``.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.storm_server import _postgres_database  # noqa: E402

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
START = datetime(2026, 1, 1, 6, tzinfo=UTC)


def fill(app, rows: int) -> int:
    from sqlalchemy import insert, select, update

    from app.extensions import db
    from app.models import Category, ChangeCounter, Deviation, Idea, Measure, Unit, User
    from app.services.demo import HOME_CARE, seed_demo

    with app.app_context():
        db.create_all()
        seed_demo()
        db.session.commit()
        unit = db.session.scalar(select(Unit).where(Unit.name == HOME_CARE))
        people = [u.id for u in db.session.scalars(select(User).where(User.unit_id == unit.id))]
        in_unit = Category.unit_id == unit.id
        categories = list(db.session.scalars(select(Category.id).where(in_unit)))
        step = timedelta(minutes=5)  # 100,000 rows fill the year's first 347 days
        seq = 0
        for first in range(0, rows, 2000):
            deviations, ideas, measures = [], [], []
            for n in range(first, min(first + 2000, rows)):
                at = START + step * n
                seq += 2
                common = {
                    "unit_id": unit.id,
                    "reporter_id": people[n % len(people)],
                    "version": 1,
                    "created_at": at,
                    "updated_at": at,
                    "client_time": at,
                }
                deviation_id = str(uuid.uuid4())
                deviations.append(
                    {
                        **common,
                        "id": deviation_id,
                        "status": ("new", "in_progress", "closed")[n % 3],
                        "change_seq": seq - 1,
                        "category_id": categories[n % len(categories)],
                        "severity": ("low", "moderate", "high", "critical")[n % 4],
                        "occurred_at": at,
                        "location": "Bad",
                        "description": "Bruker falt på badet da matta gled. " * 3,
                        "immediate_action": "Hjalp bruker opp, sjekket for skader.",
                        "closing_summary": "Sklimatte lagt ut." if n % 3 == 2 else None,
                    }
                )
                if n % 5 == 0:
                    measures.append(
                        {
                            "id": str(uuid.uuid4()),
                            "deviation_id": deviation_id,
                            "text": "Sklimatte på alle bad",
                            "done": n % 10 == 0,
                            "created_by_id": people[0],
                            "created_at": at,
                        }
                    )
                ideas.append(
                    {
                        **common,
                        "id": str(uuid.uuid4()),
                        "status": ("new", "approved", "done", "rejected")[n % 4],
                        "change_seq": seq,
                        "title": f"Forslag {n}: fast plass til nøkkelboksen",
                        "problem": "Vi leter etter nøklene hver morgen.",
                        "proposal": "Merket krok ved døren.",
                        "benefit": "Ti minutter spart per vakt.",
                    }
                )
            db.session.execute(insert(Deviation), deviations)
            db.session.execute(insert(Idea), ideas)
            if measures:
                db.session.execute(insert(Measure), measures)
        db.session.execute(update(ChangeCounter).values(value=seq))
        db.session.commit()
        return unit.id


def download(client, path: str, status: int = 200) -> tuple[int, int, float, float]:
    """(bytes, lines, seconds, CPU seconds): the body read chunk by chunk, as a browser would.

    The CPU seconds are this process's (the app and the database driver; SQLite runs in
    it, PostgreSQL does not): on a shared machine they say more than the wall clock.
    """
    start, cpu = time.perf_counter(), time.process_time()
    response = client.get(path, buffered=False)
    assert response.status_code == status, response.status_code
    size = lines = 0
    for chunk in response.response:
        data = chunk if isinstance(chunk, bytes) else chunk.encode()
        size += len(data)
        lines += data.count(b"\n")
    response.close()
    return size, lines, time.perf_counter() - start, time.process_time() - cpu


def run(kind: str, args) -> None:
    from app import create_app
    from app.services.demo import DEMO_PASSWORD

    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="steg-bench-export-")
        url = f"sqlite:///{folder}/b.sqlite3"

        def cleanup():
            shutil.rmtree(folder, ignore_errors=True)
    else:
        url, cleanup = _postgres_database(args.pg_url)
    try:
        app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
        began = time.perf_counter()
        unit = fill(app, args.rows)
        print(
            f"[{kind}] {args.rows} deviations + {args.rows} ideas written in "
            f"{time.perf_counter() - began:.0f} s"
        )
        client = app.test_client()
        token = CSRF_FIELD.search(client.get("/login").text).group(1)
        login = {"username": "leder", "password": DEMO_PASSWORD, "csrf_token": token}
        assert client.post("/login", data=login).status_code == 302
        for what in ("deviations", "ideas"):
            year = f"/units/{unit}/exports/{what}.xlsx?day_from=2026-01-01&day_to=2026-12-31"
            _size, _lines, seconds, _cpu = download(client, year, status=422)
            print(f"[{kind}] {what}.xlsx of the year: refused with the count in {seconds:.2f} s")
            for fmt, last in (("csv", "2026-12-31"), ("xlsx", "2026-03-10")):
                path = f"/units/{unit}/exports/{what}.{fmt}?day_from=2026-01-01&day_to={last}"
                size, lines, seconds, cpu = download(client, path)
                tracemalloc.start()
                download(client, path)
                _current, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                rows = f"{lines - 1} rows, " if fmt == "csv" else "19,788 rows, "
                print(
                    f"[{kind}] {what}.{fmt}: {rows}{size / 1e6:.1f} MB in {seconds:.1f} s "
                    f"(CPU {cpu:.1f} s), peak Python memory {peak / 1e6:.1f} MB"
                )
        with app.app_context():
            from app.extensions import db

            db.engine.dispose()
    finally:
        if cleanup:
            cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("PG_TEST_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    args = parser.parse_args()
    for kind in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        run(kind, args)


if __name__ == "__main__":
    main()
