"""Sync storm: D devices each push M mutations in one request, then pull; figures, not a test.

Starts the real app with gunicorn on SQLite and on PostgreSQL, logs every
device in before the clock starts, then lets C devices at a time push and pull.
In the same run and with the same gunicorn settings it drives an endpoint-free
Flask app that only parses and echoes the same payloads, and prints the ratio.
A share of devices sends its push twice (a lost response): those must come
back ``duplicate`` and create nothing. Usage: ``make bench`` or
``.venv/bin/python bench/sync_storm.py --help``.
"""

import argparse
import os
import platform
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.storm_server import Server, count_duplicates, prepare_database  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", "-d", type=int, default=400)
    parser.add_argument("--mutations", "-m", type=int, default=20)
    parser.add_argument("--concurrency", "-c", type=int, default=20)
    parser.add_argument("--workers", "-w", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--client-processes", type=int, default=4)
    parser.add_argument("--retry-share", type=float, default=0.1)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    return parser.parse_args()


def payload(device: int, mutations: int, category: str) -> dict:
    return {
        "device_id": f"bench-{device}",
        "mutations": [
            {
                "mutation_id": str(uuid.uuid4()),
                "type": "deviation",
                "op": "create",
                "record_id": str(uuid.uuid4()),
                "base_version": None,
                "client_time": "2026-11-27T14:03:00+01:00",
                "data": {
                    "category": category,
                    "severity": "moderate",
                    "occurred_at": "2026-11-27T13:50:00+01:00",
                    "location": "Bad",
                    "description": f"Avvik {i} fra nettbrett {device}: bruker skled på badegulvet.",
                    "immediate_action": "Hjalp bruker opp og sjekket for skader.",
                },
            }
            for i in range(mutations)
        ],
    }


def run_device(job) -> list[tuple[str, float, str]]:
    """One device: push (twice when it 'lost the response'), then pull. (kind, seconds, error)."""
    base, cookies, csrf, body, retry, echo = job
    session = requests.Session()
    session.cookies.update(cookies)
    session.headers["X-CSRFToken"] = csrf
    out = []
    sends = 2 if retry else 1
    for attempt in range(sends):
        url = f"{base}/echo" if echo else f"{base}/api/v1/sync/push"
        start = time.perf_counter()
        response = session.post(url, json=body, timeout=60)
        out.append(("push", time.perf_counter() - start, _push_error(response, echo, attempt)))
    if not echo:
        start = time.perf_counter()
        response = session.get(f"{base}/api/v1/sync/pull", params={"limit": 500}, timeout=60)
        error = (
            ""
            if response.ok and len(response.json()["changes"]) >= 1
            else str(response.status_code)
        )
        out.append(("pull", time.perf_counter() - start, error))
    return out


def _push_error(response, echo: bool, attempt: int) -> str:
    if response.status_code != 200:
        return f"http {response.status_code}"
    if echo:
        return ""
    expected = "applied" if attempt == 0 else "duplicate"
    bad = [r["status"] for r in response.json()["results"] if r["status"] != expected]
    return f"{len(bad)} not {expected}" if bad else ""


def run_slice(jobs_and_threads):
    jobs, threads = jobs_and_threads
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [item for result in pool.map(run_device, jobs) for item in result]


def storm(jobs: list, concurrency: int, processes: int) -> tuple[float, list]:
    processes = max(1, min(processes, concurrency))
    slices = [(jobs[i::processes], concurrency // processes) for i in range(processes)]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=processes) as pool:
        samples = [s for part in pool.map(run_slice, slices) for s in part]
    return time.perf_counter() - start, samples


def percentile(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summarise(name, wall, samples, records):
    latencies = [s[1] * 1000 for s in samples]
    errors = [s[2] for s in samples if s[2]]
    row = {
        "name": name,
        "records_per_s": records / wall,
        "requests": len(samples),
        "wall_s": wall,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "push_p99": percentile([s[1] * 1000 for s in samples if s[0] == "push"], 99),
        "pull_p99": percentile([s[1] * 1000 for s in samples if s[0] == "pull"], 99),
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
    }
    print(
        f"{name:<22} {row['records_per_s']:>9.0f} rec/s  "
        f"{row['requests']:>5} req in {wall:6.1f} s  "
        f"p50 {row['p50']:6.1f}  p95 {row['p95']:6.1f}  p99 {row['p99']:6.1f} ms  "
        f"errors {row['errors']} {row['first_error']}",
        flush=True,
    )
    return row


def run_database(kind, args):
    """Steg on this database, then the echo app right after it (the machine may be shared)."""
    url, cleanup, users = prepare_database(kind, args)
    rows = []
    try:
        with Server("wsgi:app", url, args.workers) as server:
            sessions = server.log_in_all(users)
            jobs = [
                (server.url, cookies, csrf, payload(i, args.mutations, category),
                 i < args.devices * args.retry_share, False)
                for i, (cookies, csrf, category) in enumerate(sessions)
            ]  # fmt: skip
            cpu = server.cpu_seconds()
            wall, samples = storm(jobs, args.concurrency, args.client_processes)
            row = summarise(f"steg {kind}", wall, samples, args.devices * args.mutations)
            row["cpu_ms"] = _cpu_per_device(server, cpu, args.devices)
            row["duplicates"] = count_duplicates(url, args.devices * args.mutations)
            print(f"{'':<22} duplicates in the database afterwards: {row['duplicates']}")
            rows.append(row)
        with Server("bench.echo_app:app", url, args.workers) as echo_server:
            echo_jobs = [(echo_server.url, {}, "", job[3], False, True) for job in jobs]
            cpu = echo_server.cpu_seconds()
            wall, samples = storm(echo_jobs, args.concurrency, args.client_processes)
            rows[-1]["echo"] = summarise(
                "echo baseline", wall, samples, args.devices * args.mutations
            )
            rows[-1]["echo"]["cpu_ms"] = _cpu_per_device(echo_server, cpu, args.devices)
    finally:
        cleanup()
    return rows


def _cpu_per_device(server, before: float, devices: int) -> float:
    """The app's own CPU time (gunicorn processes; not the database, not the clients)."""
    ms = (server.cpu_seconds() - before) * 1000 / devices
    print(f"{'':<22} app CPU per device (push, retry, pull): {ms:.1f} ms")
    return ms


def main():
    args = parse_args()
    cpu = _cpu_model()
    print(
        f"machine: {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}; "
        f"D={args.devices} M={args.mutations} C={args.concurrency} "
        f"gunicorn workers={args.workers} (sync); retry share {args.retry_share:.0%}",
        flush=True,
    )
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    rows = []
    for kind in kinds:
        rows += run_database(kind, args)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    for row in rows:
        ratio = row["records_per_s"] / row["echo"]["records_per_s"]
        verdict = (
            "PASS" if row["errors"] == 0 and row["duplicates"] == 0 and row["p99"] < 500
            and ratio >= 0.10 else "FAIL"
        )  # fmt: skip
        cpu_ratio = row["echo"]["cpu_ms"] / row["cpu_ms"] if row["cpu_ms"] else 0.0
        print(
            f"{row['name']:<22} ratio to echo {ratio:6.1%}   {verdict}   "
            f"(app CPU per device: echo/steg {cpu_ratio:.1%})"
        )
    return 0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    tempfile.tempdir = tempfile.gettempdir()
    sys.exit(main())
