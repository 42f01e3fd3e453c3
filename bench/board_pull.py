"""A worker's first full sync of a unit whose board holds 5,000 ideas: pages, time, bytes.

Figures, not a test. Per database (SQLite, then PostgreSQL) it prepares a fresh
database (bench/storm_server.py: the demo units and one bench worker in home
care), writes N ideas into that unit by other people (Core inserts, each with
its "created" event; every tenth decided and supported by two colleagues, so
a page also reads supports and more events), starts gunicorn on it, logs the
worker in and pulls from no cursor, page by page as the tablet does
(``limit`` 200, static/js/sync/api.js), until ``has_more`` is false. It prints
the pages, each page's time and bytes, and the totals, and checks that every
idea came exactly once and that no page took longer than the pull budget
(500 ms, the storm's p99 limit). Usage:
``.venv/bin/python bench/board_pull.py [--ideas 5000] [--limit 200] [--db both]``.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.storm_server import SECRET, Server, prepare_database  # noqa: E402

BUDGET_S = 0.5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=5000)
    parser.add_argument("--limit", type=int, default=200, help="page size (the app asks 200)")
    parser.add_argument("--runs", type=int, default=3, help="full syncs per database")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    args = parser.parse_args()
    args.devices = 1
    return args


def fill_board(url: str, count: int) -> int:
    """``count`` ideas in home care by colleagues of the bench worker; returns the unit's id."""
    from sqlalchemy import insert, select, update

    from app import create_app
    from app.extensions import db
    from app.models import ChangeCounter, Event, Idea, IdeaSupport, Unit, User
    from app.services.demo import HOME_CARE

    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    with app.app_context():
        unit = db.session.scalar(select(Unit).where(Unit.name == HOME_CARE))
        people = [u.id for u in db.session.scalars(select(User).where(User.unit_id == unit.id))]
        leader = db.session.scalar(select(User.id).where(User.username == "leder"))
        start = datetime.now(UTC) - timedelta(days=120)
        ideas, events, supports = [], [], []
        for n in range(count):
            at = start + timedelta(minutes=30 * n)
            decided = n % 10 == 0
            idea_id = str(uuid.uuid4())
            ideas.append(
                {
                    "id": idea_id,
                    "unit_id": unit.id,
                    "reporter_id": people[n % len(people)],
                    "status": "approved" if decided else "new",
                    "version": 4 if decided else 1,
                    "change_seq": n + 1,
                    "created_at": at,
                    "updated_at": at,
                    "client_time": at,
                    "title": f"Forslag {n}: fast plass til nøkkelboksen",
                    "problem": "Vi leter etter nøklene hver morgen, og det tar tid fra brukerne.",
                    "proposal": "Merket krok ved døren, og en rutine for å henge dem der.",
                    "benefit": "Ti minutter spart per vakt.",
                    "responsible": "Kari Hansen" if decided else None,
                    "status_changed_at": at if decided else None,
                }
            )
            events.append(_event(idea_id, people[n % len(people)], at, "created", None, "new"))
            if decided:
                events.append(_event(idea_id, leader, at, "status_changed", "new", "approved"))
                for supporter in people[:2]:
                    supports.append({"idea_id": idea_id, "user_id": supporter, "created_at": at})
                    events.append(_event(idea_id, supporter, at, "supported"))
        for table, rows in ((Idea, ideas), (Event, events), (IdeaSupport, supports)):
            for first in range(0, len(rows), 1000):
                db.session.execute(insert(table), rows[first : first + 1000])
        db.session.execute(update(ChangeCounter).values(value=count))
        unit_id = unit.id
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
        return unit_id


def _event(idea_id, actor, at, action, from_status=None, to_status=None):
    return {
        "idea_id": idea_id,
        "deviation_id": None,
        "actor_id": actor,
        "at": at,
        "action": action,
        "from_status": from_status,
        "to_status": to_status,
        "comment": None,
    }


def full_sync(server: Server, cookies: dict, limit: int) -> tuple[list, set, int]:
    """Pull from no cursor to the end: [(seconds, bytes, changes)], the ids, duplicates."""
    session = requests.Session()
    session.cookies.update(cookies)
    pages, seen, repeats, cursor = [], set(), 0, None
    while True:
        params = {"limit": limit, "cursor": cursor}
        start = time.perf_counter()
        response = session.get(f"{server.url}/api/v1/sync/pull", params=params, timeout=60)
        elapsed = time.perf_counter() - start
        response.raise_for_status()
        page = response.json()
        ids = [change["id"] for change in page["changes"]]
        repeats += len(set(ids) & seen)
        seen.update(ids)
        pages.append((elapsed, len(response.content), len(ids)))
        cursor = page["cursor"]
        if not page["has_more"]:
            return pages, seen, repeats


def run(kind: str, args) -> bool:
    url, cleanup, users = prepare_database(kind, args)
    try:
        seeded = time.perf_counter()
        fill_board(url, args.ideas)
        print(f"\n{kind}: {args.ideas} ideas written in {time.perf_counter() - seeded:.1f} s")
        with Server("wsgi:app", url, 1) as server:
            cookies, _csrf, _category = server.log_in_all(users)[0]
            ok = True
            for number in range(1, args.runs + 1):
                began = time.perf_counter()
                pages, seen, repeats = full_sync(server, cookies, args.limit)
                total = time.perf_counter() - began
                ok &= _report(number, pages, seen, repeats, total, args.ideas)
            return ok
    finally:
        cleanup()


def _report(number, pages, seen, repeats, total, expected) -> bool:
    times = [seconds for seconds, _bytes, _n in pages]
    size = sum(b for _s, b, _n in pages)
    slowest = max(times)
    passed = len(seen) == expected and not repeats and slowest < BUDGET_S
    print(
        f"  run {number}: {len(pages)} pages, {len(seen)} ideas ({repeats} repeated), "
        f"{total:.2f} s in all, {size / 1024 / 1024:.1f} MiB "
        f"({size / max(len(seen), 1):.0f} B/idea); "
        f"page median {statistics.median(times) * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms, "
        f"largest {max(b for _s, b, _n in pages) / 1024:.0f} KiB -> {'PASS' if passed else 'FAIL'}"
    )
    return passed


def main() -> int:
    args = parse_args()
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    print(f"board pull: {args.ideas} ideas, pages of {args.limit}, budget {BUDGET_S * 1000:.0f} ms")
    results = [run(kind, args) for kind in kinds]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
