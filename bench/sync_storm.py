"""Sync storm: D devices push M mutations each and pull, in sliced rounds against an echo baseline.

Figures, not a test. Per database (SQLite, then PostgreSQL) it prepares a fresh
database and starts two gunicorn servers with the same settings, kept running
for the whole phase: the real app, and an endpoint-free Flask app that only
parses and echoes the same payloads (bench/echo_app.py). Every device logs in
once, before any clock starts. Then come R rounds on fresh payloads (new
mutation and record ids). The machine may be shared, with CPU steal that comes
and goes within seconds, so a round is cut into S slices that pair the two
servers tightly: the devices fall into S groups (device i in group i % S, so
every group has its share of retrying devices), and for each group an echo
storm over that group's payloads runs, then right after it the group's Steg
storm, C devices at a time in each. A round's throughput per side is the
records of all its slices over the sum of its slice wall times, and so each
round gives one ratio of Steg's throughput to echo's; the verdict takes the
median of those ratios.

In a Steg storm each device pushes its M mutations in one request; a share of
the devices sends the same push again (a lost response), and every item of it
must come back ``duplicate``. Then the device pulls with the cursor its previous
round's pull returned (none in round 1) and must get exactly the M records it
pushed in this round. (The devices push deviations only: a worker also pulls
every idea of their unit, the board, but deviations stay with their reporter,
so the check stays exact; bench/board_pull.py measures the board's pull.)
Afterwards the database must hold D × M × R records and no duplicates. CPU per
device is measured per round from /proc: the app's (the gunicorn processes of
the server stormed) and, on PostgreSQL, the server's own (the backends connected
to the bench database, sampled around every Steg slice from a separate
connection; "n/a" when /proc does not show them). On SQLite it also prints how
much of Steg's storm time the write lock was held, and a hold's median with the
holder's own CPU (bench/sqlite_lock.py). Per database:
PASS with no errors, no duplicates, a p99 below 500 ms over all Steg requests of
all rounds, and a median ratio of at least 10 %. Usage: ``make bench`` or
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sqlite_lock import LockProbe  # noqa: E402
from bench.storm_report import summarise, summarise_database  # noqa: E402
from bench.storm_server import (  # noqa: E402
    PostgresBackends,
    Server,
    count_duplicates,
    prepare_database,
)

PULL_LIMIT = 500  # the API's largest page: more than one round's M records


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", "-d", type=int, default=400)
    parser.add_argument("--mutations", "-m", type=int, default=20)
    parser.add_argument("--concurrency", "-c", type=int, default=20)
    parser.add_argument("--rounds", "-r", type=int, default=5, help="rounds per database")
    parser.add_argument(
        "--slices", "-s", type=int, default=4, help="device groups per round: echo, then Steg"
    )
    parser.add_argument("--workers", "-w", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--client-processes", type=int, default=4)
    parser.add_argument("--retry-share", type=float, default=0.1)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    args = parser.parse_args()
    if args.rounds < 1 or not 0 < args.mutations < PULL_LIMIT:
        parser.error(f"need --rounds >= 1 and 0 < --mutations < {PULL_LIMIT}")
    if not 1 <= args.slices <= args.devices:
        parser.error("need 1 <= --slices <= --devices")
    return args


def payload(device: int, mutations: int, category: str, round_number: int) -> dict:
    """Fresh ids every call; the description names device, round and mutation (see duplicates)."""
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
                    "description": (
                        f"Avvik {i} fra nettbrett {device} (runde {round_number}): "
                        "bruker skled på badegulvet."
                    ),
                    "immediate_action": "Hjalp bruker opp og sjekket for skader.",
                },
            }
            for i in range(mutations)
        ],
    }


class Job(NamedTuple):
    """One device's part in one storm (sent to a client process)."""

    device: int
    base: str
    body: dict
    cookies: dict | None = None
    csrf: str = ""
    retry: bool = False
    echo: bool = False
    cursor: str | None = None


def run_device(job: Job) -> tuple[int, list[tuple[str, float, str]], str | None]:
    """Push (twice when the device 'lost the response'), then pull from the device's cursor.

    Returns the device, its samples (kind, seconds, error) and its cursor for the next round.
    """
    session = requests.Session()
    session.cookies.update(job.cookies or {})
    session.headers["X-CSRFToken"] = job.csrf
    url = f"{job.base}/echo" if job.echo else f"{job.base}/api/v1/sync/push"
    samples = []
    for attempt in range(2 if job.retry else 1):
        start = time.perf_counter()
        response = session.post(url, json=job.body, timeout=60)
        elapsed = time.perf_counter() - start
        samples.append(("push", elapsed, _push_error(response, job.echo, attempt)))
    if job.echo:
        return job.device, samples, job.cursor
    params = {"limit": PULL_LIMIT, "cursor": job.cursor}  # requests leaves out a None cursor
    start = time.perf_counter()
    response = session.get(f"{job.base}/api/v1/sync/pull", params=params, timeout=60)
    elapsed = time.perf_counter() - start
    page = response.json() if response.ok else None
    samples.append(("pull", elapsed, _pull_error(response.status_code, page, job.body)))
    return job.device, samples, page["cursor"] if page else job.cursor


def _push_error(response, echo: bool, attempt: int) -> str:
    if response.status_code != 200:
        return f"push http {response.status_code}"
    if echo:
        return ""
    expected = "applied" if attempt == 0 else "duplicate"
    bad = [r["status"] for r in response.json()["results"] if r["status"] != expected]
    return f"{len(bad)} not {expected}" if bad else ""


def _pull_error(status: int, page: dict | None, body: dict) -> str:
    """Exactly this round's records: the cursor is past every earlier one."""
    if page is None:
        return f"pull http {status}"
    pushed = {mutation["record_id"] for mutation in body["mutations"]}
    pulled = [change["id"] for change in page["changes"]]
    if len(pulled) == len(pushed) and set(pulled) == pushed:
        return ""
    return f"pull: {len(pulled)} changes, {len(pushed & set(pulled))} of the {len(pushed)} pushed"


def run_slice(jobs_and_threads):
    jobs, threads = jobs_and_threads
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(run_device, jobs))


def client_processes(args) -> int:
    return max(1, min(args.client_processes, args.concurrency))


def storm(pool: ProcessPoolExecutor, jobs: list[Job], args) -> tuple[float, list]:
    """C devices at a time, spread over the client processes: (wall seconds, run_device's)."""
    processes = client_processes(args)
    threads = args.concurrency // processes
    slices = [(jobs[i::processes], threads) for i in range(processes)]
    start = time.perf_counter()
    results = [result for part in pool.map(run_slice, slices) for result in part]
    return time.perf_counter() - start, results


@dataclass
class Phase:
    """One database's two servers, client processes, logged-in devices and their cursors."""

    kind: str
    args: argparse.Namespace
    steg: Server
    echo: Server
    pool: ProcessPoolExecutor
    sessions: list  # (cookies, csrf token, category) per device
    backends: PostgresBackends | None = None  # PostgreSQL's own CPU; None on SQLite
    cursors: dict = field(default_factory=dict)  # device -> cursor of its last pull
    steg_windows: list = field(default_factory=list)  # (start, end) of each Steg storm, monotonic


@dataclass
class Tally:
    """One side's storms in one round (its S slices), summed."""

    wall: float = 0.0
    samples: list = field(default_factory=list)  # (kind, seconds, error) per request
    devices: int = 0
    app_cpu: float = 0.0  # seconds, the server's gunicorn processes
    db_cpu: float = 0.0  # seconds, the PostgreSQL backends (Steg storms only)


def run_database(kind: str, args) -> dict:
    """Both servers up for the whole phase; R rounds of S slices of echo, then Steg; the summary."""
    load_before = os.getloadavg()[0]
    url, cleanup, users = prepare_database(kind, args)
    backends, lock = None, LockProbe() if kind == "sqlite" else None
    try:
        with (
            Server("wsgi:app", url, args.workers, **(lock.settings if lock else {})) as steg,
            Server("bench.echo_app:app", url, args.workers) as echo,
            ProcessPoolExecutor(max_workers=client_processes(args)) as pool,
        ):
            sessions = steg.log_in_all(users)
            pool.submit(os.getpid).result()  # forks the client processes before any clock
            if kind == "postgres":
                backends = PostgresBackends(url)
            phase = Phase(kind, args, steg, echo, pool, sessions, backends)
            rounds = [run_round(phase, number) for number in range(1, args.rounds + 1)]
        duplicates = count_duplicates(url, args.devices * args.mutations * args.rounds)
        if lock:
            print(f"{kind}: {lock.summary(phase.steg_windows, args.workers)}", flush=True)
    finally:
        if backends:
            backends.close()
        if lock:
            lock.close()
        cleanup()
    db_cpu = "n/a" if backends and not backends.available else None
    load_after = os.getloadavg()[0]
    return summarise_database(kind, rounds, duplicates, load_before, load_after, db_cpu)


def run_round(phase: Phase, number: int) -> tuple[dict, dict]:
    """S slices on this round's fresh payloads: each an echo storm, then a Steg storm."""
    args = phase.args
    bodies = [
        payload(device, args.mutations, category, number)
        for device, (_, _, category) in enumerate(phase.sessions)
    ]
    if phase.backends and phase.backends.refresh_statistics() and number == 1:
        print(
            f"{phase.kind}: autovacuum is off here: before every round, ANALYZE what it would have"
        )
    echo, steg = Tally(), Tally()
    for group in range(args.slices):
        devices = range(group, args.devices, args.slices)
        echo_jobs = [Job(device, phase.echo.url, bodies[device], echo=True) for device in devices]
        measure(phase.echo, echo_jobs, phase, echo)
        steg_jobs = [steg_job(phase, device, bodies[device]) for device in devices]
        phase.cursors.update(measure(phase.steg, steg_jobs, phase, steg, phase.backends))
    name = f"{phase.kind} round {number}"
    return summarise(f"{name} echo", echo, args), summarise(f"{name} steg", steg, args)


def steg_job(phase: Phase, device: int, body: dict) -> Job:
    """The device's session, its retry share, and the cursor its last pull returned."""
    cookies, csrf, _ = phase.sessions[device]
    retry = device < phase.args.devices * phase.args.retry_share
    cursor = phase.cursors.get(device)
    return Job(device, phase.steg.url, body, cookies, csrf, retry=retry, cursor=cursor)


def measure(server: Server, jobs: list[Job], phase: Phase, tally: Tally, backends=None) -> dict:
    """One slice's storm against ``server``, added to ``tally``: each device's new cursor."""
    db_before = backends.sample() if backends else {}
    cpu = server.cpu_seconds()
    started = time.monotonic()
    wall, results = storm(phase.pool, jobs, phase.args)
    if server is phase.steg:
        phase.steg_windows.append((started, time.monotonic()))
    # The app's own CPU time (gunicorn processes; not the database, not the clients).
    tally.app_cpu += server.cpu_seconds() - cpu
    if backends:
        tally.db_cpu += backends.seconds_between(db_before, backends.sample())
    tally.wall += wall
    tally.devices += len(jobs)
    tally.samples += [sample for _, device_samples, _ in results for sample in device_samples]
    return {device: cursor for device, _, cursor in results}


def main():
    args = parse_args()
    print(
        f"machine: {os.cpu_count()} CPUs ({_cpu_model()}), Python {platform.python_version()}; "
        f"D={args.devices} M={args.mutations} C={args.concurrency} R={args.rounds} rounds "
        f"of S={args.slices} slices (a round's wall: its slices' summed); "
        f"gunicorn workers={args.workers} (sync); retry share {args.retry_share:.0%}",
        flush=True,
    )
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    for kind in kinds:
        run_database(kind, args)
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
