"""SQLite's write lock in the storm: how long each hold lasts, and how much of the storm it is held.

On SQLite every write waits for one lock (app/database.py), so the work done
while holding it limits every other device's push. For bench/sync_storm.py, on
SQLite, Steg's gunicorn runs with this file as its ``--config``: Steg's own
settings (gunicorn.conf.py) and, in each worker, a probe that times every hold
of the lock (from taking it to letting go: monotonic start, wall and CPU
seconds) and writes them to ``$STEG_BENCH_LOCK_DIR/<pid>`` when the worker
exits. The app's code is not changed; the probe wraps two methods of
``QueuedWriterConnection`` in the worker. ``lock_summary`` reads the files
after the phase and keeps the holds inside Steg's storms (their windows on the
same monotonic clock, which all processes share).
"""

import os
import runpy
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK_DIR = "STEG_BENCH_LOCK_DIR"

# Steg's own gunicorn settings: gunicorn reads them from the working directory when
# no --config is given, as for the bench's other servers.
globals().update(
    {
        name: value
        for name, value in runpy.run_path(str(ROOT / "gunicorn.conf.py")).items()
        if not name.startswith("__")
    }
)

_HOLDS = []  # (taken at, wall seconds, CPU seconds) in this worker


def post_fork(_server, _worker):
    """In the worker, before the app loads: time every hold of the write lock."""
    from app.database import QueuedWriterConnection

    acquire = QueuedWriterConnection.acquire_write_lock
    release = QueuedWriterConnection.release_write_lock

    def timed_acquire(self):
        held_before = self._locked
        acquire(self)
        if self._locked and not held_before:
            self._bench_taken = (time.monotonic(), time.process_time())

    def timed_release(self):
        held = self._locked
        release(self)
        if held:
            taken, cpu = self._bench_taken
            _HOLDS.append((taken, time.monotonic() - taken, time.process_time() - cpu))

    QueuedWriterConnection.acquire_write_lock = timed_acquire
    QueuedWriterConnection.release_write_lock = timed_release


def worker_exit(_server, _worker):
    lines = "".join(f"{taken:.6f} {wall:.6f} {cpu:.6f}\n" for taken, wall, cpu in _HOLDS)
    (Path(os.environ[LOCK_DIR]) / str(os.getpid())).write_text(lines)


class LockProbe:
    """The bench's side: Steg's server settings, the summary after the phase, the files gone."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="steg-bench-lock-"))
        self.settings = {"config": __file__, "env": {LOCK_DIR: str(self.folder)}}

    def summary(self, windows: list[tuple[float, float]], workers: int) -> str:
        return lock_summary(self.folder, windows, workers)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def lock_summary(folder: Path, windows: list[tuple[float, float]], workers: int) -> str:
    """One line: the share of Steg's storm time the lock was held, and a hold's median."""
    deadline = time.monotonic() + 10  # the workers write their files as they exit
    while len(list(folder.iterdir())) < workers and time.monotonic() < deadline:
        time.sleep(0.1)
    holds = [
        tuple(map(float, line.split()))
        for path in folder.iterdir()
        for line in path.read_text().splitlines()
    ]
    inside = [h for h in holds if any(start <= h[0] < end for start, end in windows)]
    if not inside:
        return "write lock: no holds recorded"
    storm_time = sum(end - start for start, end in windows)
    share = sum(wall for _, wall, _ in inside) / storm_time
    wall = statistics.median(wall for _, wall, _ in inside) * 1000
    cpu = statistics.median(cpu for _, _, cpu in inside) * 1000
    return (
        f"write lock held {share:.0%} of Steg's storm time; {len(inside)} holds, "
        f"median {wall:.1f} ms, of which the holder's own CPU {cpu:.1f} ms"
    )
