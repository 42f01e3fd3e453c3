"""National storm, on paper and in small: 60,000 tablets each push 10 reports and pull.

Figures, not a test. The whole of Norway's home care cannot be replayed on a
2-core box, so a scaled sample is: S devices (default 480) log in before any
clock starts, then arrive at a fixed rate (an open loop: device i starts at
i / rate seconds, whether or not the server keeps up) and each pushes M new
deviations (default 10) in one request and pulls from no cursor, which must
give exactly its M records. The rate is one this box can hold: the run says
HELD when the server kept up (the last device finished within a second of
its planned start plus the p99, no errors, p99 under the budget).

From the sample it then works out, on paper, the minutes the national storm
(N devices, default 60,000) would take:

- on one 2-core box like this one (app, PostgreSQL and the clients sharing
  it, as in the sample): N / the rate held;
- on A app boxes of 2 cores each with one PostgreSQL server of P cores: the
  app's CPU per device and the database's CPU per device measured in the
  sample (the clients' own CPU is left out: real tablets bring their own),
  each side's capacity (cores / CPU per device) and the smaller of the two,
  capped by the counter lock that serialises pushes (``--lock-ms`` per push,
  an assumption printed with the figures; every push holds it from its
  counter update to its commit).

Usage: ``.venv/bin/python bench/national_storm.py`` (PostgreSQL at
``$BENCH_PG_URL``; ``--db sqlite`` for the one-box figure only); ``--help``.
"""

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.storm_report import percentile  # noqa: E402
from bench.storm_server import PostgresBackends, Server, prepare_database  # noqa: E402
from bench.sync_storm import Job, payload, run_device  # noqa: E402

P99_BUDGET_MS = 500


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national-devices", "-n", type=int, default=60_000)
    parser.add_argument("--sample", "-s", type=int, default=480, help="devices replayed here")
    parser.add_argument("--mutations", "-m", type=int, default=10)
    parser.add_argument("--rate", "-r", type=float, default=8.0, help="devices started per s")
    parser.add_argument("--workers", "-w", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--client-processes", type=int, default=4)
    parser.add_argument("--threads", type=int, default=32, help="per client process")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    parser.add_argument(
        "--lock-ms",
        type=float,
        default=2.0,
        help="assumed counter-lock hold per push on a dedicated database server (ms)",
    )
    return parser.parse_args()


def _paced(job_and_start):
    """Wait for the device's planned start, then run it: (planned, actual start, run_device's)."""
    job, planned = job_and_start
    delay = planned - time.time()
    if delay > 0:
        time.sleep(delay)
    started = time.time()
    return planned, started, run_device(job), time.time()


def _client(jobs_and_threads):
    jobs, threads = jobs_and_threads
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(_paced, jobs))


def replay(args) -> dict:
    """The sample at the fixed rate: latencies, errors, lateness, app and database CPU."""
    url, cleanup, users = prepare_database(
        args.db, argparse.Namespace(**vars(args), devices=args.sample)
    )
    backends = None
    try:
        with (
            Server("wsgi:app", url, args.workers) as steg,
            ProcessPoolExecutor(max_workers=args.client_processes) as pool,
        ):
            sessions = steg.log_in_all(users)
            pool.submit(os.getpid).result()
            if args.db == "postgres":
                backends = PostgresBackends(url)
                backends.refresh_statistics()
            jobs = []
            for device, (cookies, csrf, category) in enumerate(sessions):
                body = payload(device, args.mutations, category, 1)
                jobs.append(Job(device, steg.url, body, cookies, csrf))
            begin = time.time() + 1.0
            planned = [(job, begin + i / args.rate) for i, job in enumerate(jobs)]
            parts = [
                (planned[i :: args.client_processes], args.threads)
                for i in range(args.client_processes)
            ]
            db_before = backends.sample() if backends else {}
            cpu_before = steg.cpu_seconds()
            results = [r for part in pool.map(_client, parts) for r in part]
            app_cpu = steg.cpu_seconds() - cpu_before
            db_cpu = backends.seconds_between(db_before, backends.sample()) if backends else 0.0
    finally:
        if backends:
            backends.close()
        cleanup()
    samples = [s for _, _, (_, device_samples, _), _ in results for s in device_samples]
    latencies = [seconds * 1000 for _, seconds, _ in samples]
    errors = [error for _, _, error in samples if error]
    late = max(started - planned for planned, started, _, _ in results)
    wall = max(done for *_, done in results) - begin
    return {
        "wall": wall,
        "rate_done": args.sample / wall,
        "late_s": late,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "errors": errors,
        "app_ms": app_cpu * 1000 / args.sample,
        "db_ms": db_cpu * 1000 / args.sample,
    }


def on_paper(args, run: dict) -> None:
    national = args.national_devices
    print(
        f"\nOn paper: {national:,} devices x {args.mutations} reports + a pull "
        f"(from the sample: app CPU {run['app_ms']:.1f} ms, database CPU "
        f"{run['db_ms']:.1f} ms per device; counter lock assumed {args.lock_ms} ms per push)"
    )
    one_box = national / run["rate_done"] / 60
    print(f"  one 2-core box like this (app + database + clients): {one_box:6.1f} min")
    if not run["db_ms"]:
        return
    lock_cap = 1000 / args.lock_ms
    header = ("app boxes (2 cores)", "PostgreSQL cores", "devices/s", "minutes")
    print("  {:>20} {:>17} {:>10} {:>8}  limit".format(*header))
    for db_cores in (4, 8):
        for boxes in (1, 2, 4, 8):
            app_cap = boxes * 2 * 1000 / run["app_ms"]
            db_cap = db_cores * 1000 / run["db_ms"]
            rate = min(app_cap, db_cap, lock_cap)
            limit = (
                "app" if rate == app_cap else "database CPU" if rate == db_cap else "counter lock"
            )
            print(
                f"  {boxes:>20} {db_cores:>17} {rate:>10.0f} {national / rate / 60:>8.1f}  {limit}"
            )


def main():
    args = parse_args()
    print(
        f"national storm in small: {args.sample} devices at {args.rate:g}/s, "
        f"{args.mutations} reports each + a pull, {args.db}, gunicorn workers={args.workers}",
        flush=True,
    )
    load_before = os.getloadavg()[0]
    run = replay(args)
    held = (
        not run["errors"]
        and run["p99"] < P99_BUDGET_MS
        and run["late_s"] < 1.0
        and run["rate_done"] >= 0.9 * args.rate
    )
    print(
        f"sample: {args.sample} devices in {run['wall']:.1f} s ({run['rate_done']:.1f} devices/s), "
        f"p50 {run['p50']:.0f} ms, p99 {run['p99']:.0f} ms, "
        f"latest start {run['late_s'] * 1000:.0f} ms behind plan, "
        f"errors {len(run['errors'])} {run['errors'][:1]}; "
        f"load {load_before:.1f} -> {os.getloadavg()[0]:.1f}: {'HELD' if held else 'NOT HELD'}"
    )
    on_paper(args, run)
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
