"""How fast the figures pages answer on the bench database (bench/figures_data.py).

Figures, not a test. Starts gunicorn (2 sync workers, as ``make run``) on the
PostgreSQL database ``steg_figures_bench``, logs in ``leder`` (a unit of the
300, with about 3,300 deviations and 670 ideas over two years) and
``koordinator`` (all 300 units), and asks each page ``--runs`` times per period
(last 4, 12 and 52 weeks), printing the median and the spread. The machine is
shared, so medians of several requests are what count. The coordinator's page
is measured twice: as visitors meet it (the snapshot computed ahead by
``flask refresh-figures``, as cron would) and cold (every snapshot deleted
before each request: the figures counted from the million rows there and then).
Usage: ``.venv/bin/python bench/figures_pages.py [--runs 7] [--pg-url URL]``.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures_data import bench_url  # noqa: E402
from bench.storm_server import SECRET, Server  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    return parser.parse_args()


def logged_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/login")
    token = CSRF.search(page.text).group(1)
    answer = session.post(
        f"{base}/login",
        data={"username": username, "password": "demo-steg-2026", "csrf_token": token},
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:300]
    return session


def timed(session, url: str, before=None) -> float:
    if before:
        before()
    started = time.perf_counter()
    answer = session.get(url)
    elapsed = time.perf_counter() - started
    assert answer.status_code == 200, answer.text[:300]
    return elapsed


def report(name: str, times: list[float]) -> None:
    ms = sorted(round(t * 1000) for t in times)
    print(f"{name:<42} median {statistics.median(ms):>6.0f} ms   min {ms[0]} max {ms[-1]}")


def main() -> None:
    args = parse_args()
    url = bench_url(args.pg_url).replace("postgresql://", "postgresql+psycopg://", 1)
    env = {**os.environ, "STEG_ENV": "development", "DATABASE_URL": url, "SECRET_KEY": SECRET}
    flask = [str(Path(sys.executable).with_name("flask")), "--app", "wsgi"]
    subprocess.run([*flask, "refresh-figures"], cwd=ROOT, env=env, check=True)

    def forget_snapshots():
        subprocess.run(
            ["psql", bench_url(args.pg_url), "-qc", "DELETE FROM figure_snapshots"],
            check=True,
        )

    with Server("wsgi:app", url, 2) as server:
        leader, coordinator = logged_in(server.url, "leder"), logged_in(server.url, "koordinator")
        for period in ("4w", "12w", "52w"):
            page = f"{server.url}/figures/?period={period}"
            timed(leader, page)  # warm the worker
            report(f"leader, own unit, {period}", [timed(leader, page) for _ in range(args.runs)])
        subprocess.run([*flask, "refresh-figures"], cwd=ROOT, env=env, check=True)
        for period in ("4w", "12w", "52w"):
            page = f"{server.url}/figures/?period={period}"
            times = [timed(coordinator, page) for _ in range(args.runs)]
            report(f"coordinator, 300 units, {period} (snapshot)", times)
        for period in ("4w", "12w", "52w"):
            page = f"{server.url}/figures/?period={period}"
            times = [timed(coordinator, page, forget_snapshots) for _ in range(3)]
            report(f"coordinator, 300 units, {period} (cold)", times)
        subprocess.run([*flask, "refresh-figures"], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
