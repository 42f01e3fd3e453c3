"""The app's work per device on the sync path, in CPU instructions (valgrind's callgrind).

Instructions do not depend on the machine's load, unlike wall or CPU time, so
two versions of the code can be compared on a busy shared machine. In one
process, through the Flask test client (so the client's own work is counted
too; PostgreSQL's server is another process and is not): a fresh database
(SQLite file, or a new PostgreSQL database beside ``--pg-url``'s) with the
demo units and N bench workers, each logged in through the login form; then
rounds of the storm's work (bench/sync_storm.py): every device pushes 20 new
deviations, every tenth device sends the same push again (a lost answer), and
every device pulls with the cursor its previous pull returned. Two rounds warm
up (caches, prepared statements, the compiled loads); the third is counted.

How it counts: run plainly, the script runs itself again under
``valgrind --tool=callgrind --instr-atstart=no``: everything runs uninstrumented
(about 5× slower, not 50×) until the counted round, which a tiny C helper
(compiled here with gcc from valgrind's ``callgrind.h``, called with ctypes)
switches on with ``CALLGRIND_START_INSTRUMENTATION`` and off again after. The
instruction total (``Ir``) of the output file over the devices is the figure.
Needs valgrind (with its headers) and gcc. Usage:

    .venv/bin/python bench/instructions.py [--db sqlite|postgres] [--devices 10]

About 1–2 minutes per database. ``--keep`` leaves the callgrind file (for
``callgrind_annotate``) and prints its path.
"""

import argparse
import ctypes
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.storm_server import PASSWORD, SECRET, _postgres_database, _seed  # noqa: E402
from bench.sync_storm import payload  # noqa: E402

INNER = "STEG_INSTRUCTIONS_INNER"
HELPER_C = """
#include <valgrind/callgrind.h>
void start(void) { CALLGRIND_START_INSTRUMENTATION; }
void stop(void) { CALLGRIND_STOP_INSTRUMENTATION; }
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    parser.add_argument("--devices", type=int, default=10)
    parser.add_argument("--mutations", type=int, default=20)
    parser.add_argument("--warm-up", type=int, default=2, help="rounds before the counted one")
    parser.add_argument("--keep", action="store_true", help="keep the callgrind output file")
    return parser.parse_args()


def main():
    args = parse_args()
    if os.environ.get(INNER):
        inner(args)
    else:
        outer(args)


def outer(args) -> None:
    """Run this script again under callgrind and print instructions per device."""
    folder = Path(tempfile.mkdtemp(prefix="steg-instr-"))
    helper = folder / "toggle.so"
    source = folder / "toggle.c"
    source.write_text(HELPER_C)
    subprocess.run(["gcc", "-O1", "-shared", "-fPIC", "-o", helper, source], check=True)
    out = folder / "callgrind.out"
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        f"--callgrind-out-file={out}",
        sys.executable,
        __file__,
        *sys.argv[1:],
    ]
    env = {**os.environ, INNER: str(helper)}
    done = subprocess.run(command, env=env, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        sys.exit(done.returncode)
    total = int(re.search(r"^totals:\s+(\d+)", out.read_text(), re.M).group(1))
    per_device = total / args.devices
    print(f"{args.db}: {total:,} instructions in the counted round, {args.devices} devices")
    print(f"{args.db}: {per_device / 1e6:.2f} M instructions per device")
    if args.keep:
        print(f"callgrind file: {out}")


def inner(args) -> None:
    toggle = ctypes.CDLL(os.environ[INNER])
    if args.db == "sqlite":
        folder = tempfile.mkdtemp(prefix="steg-instr-db-")
        url, cleanup = f"sqlite:///{folder}/bench.sqlite3", lambda: None
    else:
        url, cleanup = _postgres_database(args.pg_url)
    try:
        users = _seed(url, args.devices)
        run(url, users, args, toggle)
    finally:
        cleanup()


def run(url: str, users: list, args, toggle) -> None:
    from app import create_app

    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    devices = [Device(app, username, category) for username, category in users]
    for number in range(1, args.warm_up + 2):
        bodies = [payload(i, args.mutations, d.category, number) for i, d in enumerate(devices)]
        counted = number == args.warm_up + 1
        if counted:
            toggle.start()
        for index, (device, body) in enumerate(zip(devices, bodies, strict=True)):
            device.round(body, again=index % 10 == 0)
        if counted:
            toggle.stop()
        for device, body in zip(devices, bodies, strict=True):
            device.check(body)


class Device:
    """A logged-in tablet: its test client, CSRF token and pull cursor."""

    def __init__(self, app, username: str, category: str):
        self.client, self.category, self.cursor = app.test_client(), category, None
        page = self.client.get("/login").text
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        form = {"username": username, "password": PASSWORD, "csrf_token": token}
        assert self.client.post("/login", data=form).status_code == 302, username
        self.csrf = self.client.get("/api/v1/session").json["csrf_token"]
        self.answers = []

    def round(self, body: dict, again: bool) -> None:
        headers = {"X-CSRFToken": self.csrf}
        self.answers = []
        for _ in range(2 if again else 1):
            response = self.client.post("/api/v1/sync/push", json=body, headers=headers)
            self.answers.append(response)
        query = {"limit": 500, **({"cursor": self.cursor} if self.cursor else {})}
        self.page = self.client.get("/api/v1/sync/pull", query_string=query)

    def check(self, body: dict) -> None:
        """Outside the count: every push applied (then duplicate), the pull gives exactly them."""
        wanted = [m["record_id"] for m in body["mutations"]]
        for attempt, response in enumerate(self.answers):
            assert response.status_code == 200, response.text
            status = "applied" if attempt == 0 else "duplicate"
            assert [r["status"] for r in response.json["results"]] == [status] * len(wanted)
        assert self.page.status_code == 200, self.page.text
        assert [c["id"] for c in self.page.json["changes"]] == wanted
        self.cursor = self.page.json["cursor"]


if __name__ == "__main__":
    main()
