"""The worker app's numbers: shell size, offline cold start, save time.

Run: .venv/bin/python bench/app_shell.py [--runs 10]

Starts gunicorn on a fresh SQLite database with the demo data, logs in as
`ansatt` in headless Chromium (the system one), lets the service worker
precache the shell, then measures:
- the app shell's size: every precached file plus the shell page, raw and gzip -9;
- offline cold start: a new tab with the network off, from navigation to the
  first view drawn (body[data-app-ready]), served by the service worker;
- save: the IndexedDB transaction that writes a record and its outbox mutation,
  and the whole click on "Lagre" until "Lagret på nettbrettet" shows.
"""

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.services.demo import DEMO_PASSWORD, seed_demo  # noqa: E402
from tests.fixtures.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.fixtures.servers import LiveServer  # noqa: E402

SAVE_IN_IDB = """async () => {
  const records = await import('/static/js/store/records.js');
  const start = performance.now();
  await records.saveRecord({ type: 'deviation', id: crypto.randomUUID(), fields: {
    category: 'fall', severity: 'low', occurred_at: new Date().toISOString(), location: '',
    description: 'Målt lagring', immediate_action: '' } });
  return performance.now() - start;
}"""


def prepare_database() -> str:
    url = f"sqlite:///{tempfile.mkdtemp(prefix='steg-bench-shell-')}/bench.sqlite3"
    application = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with application.app_context():
        db.create_all()
        seed_demo()
        db.session.commit()
    return url


def shell_size(page) -> tuple[int, int, int]:
    """(files, raw bytes, gzip bytes) of the precache list plus the shell page."""
    listed = json.loads(
        page.evaluate("fetch('/sw.js').then(r => r.text())")
        .splitlines()[0]
        .removeprefix("self.STEG_PRECACHE = ")
        .rstrip(";")
    )
    raw = gz = 0
    for url in [*listed["urls"], "/app", "/sw.js", "/static/sw/cache.js"]:
        body = page.request.get(url).body()
        raw += len(body)
        gz += len(gzip.compress(body, 9))
    return len(listed["urls"]) + 3, raw, gz


def cold_start_ms(context) -> tuple[float, float]:
    """(as the test driver sees it, as the page measures it from navigation start)."""
    page = context.new_page()
    start = time.perf_counter()
    page.goto("/app#mine")
    page.wait_for_selector("body[data-app-ready='true']")
    elapsed = (time.perf_counter() - start) * 1000
    in_page = page.evaluate("performance.getEntriesByName('steg-app-ready')[0].startTime")
    page.close()
    return elapsed, in_page


def click_save_ms(page) -> float:
    page.evaluate("location.hash = '#new-deviation'")
    page.get_by_label("Kategori").select_option("fall")
    page.get_by_label("Alvorlighet").select_option("low")
    page.get_by_label("Hva skjedde?").fill("Målt lagring fra skjema")
    start = time.perf_counter()
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Lagret på nettbrettet").wait_for()
    return (time.perf_counter() - start) * 1000


def measure(browser_type, server, runs: int) -> dict:
    profile = tempfile.mkdtemp(prefix="steg-bench-profile-")
    context = browser_type.launch_persistent_context(
        profile,
        executable_path=chromium_path(),
        headless=True,
        args=CHROMIUM_ARGS,
        base_url=server.url,
        locale="nb-NO",
    )
    page = context.new_page()
    page.goto("/login?next=/app")
    page.get_by_label("Brukernavn").fill("ansatt")
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_selector("body[data-app-ready='true']")
    page.wait_for_function(
        "async () => Boolean(navigator.serviceWorker.controller && await caches.match('/app'))"
    )
    files, raw, gz = shell_size(page)
    context.set_offline(True)
    starts = [cold_start_ms(context) for _ in range(runs)]
    idb = [page.evaluate(SAVE_IN_IDB) for _ in range(runs)]
    clicks = [click_save_ms(page) for _ in range(runs)]
    context.close()
    return {
        "files": files,
        "raw": raw,
        "gzip": gz,
        "starts": [driver for driver, _ in starts],
        "ready": [in_page for _, in_page in starts],
        "idb": idb,
        "clicks": clicks,
    }


def report(result: dict) -> None:
    def line(name, values):
        print(f"{name:<40} median {statistics.median(values):7.1f} ms   max {max(values):7.1f} ms")

    print(
        f"app shell: {result['files']} files, {result['raw'] / 1024:.1f} KiB raw, "
        f"{result['gzip'] / 1024:.1f} KiB gzip -9"
    )
    line("offline cold start (new tab, driver)", result["starts"])
    line("offline cold start (navigation->ready)", result["ready"])
    line("save: IndexedDB transaction", result["idb"])
    line("save: click Lagre -> 'Lagret'", result["clicks"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = LiveServer(prepare_database(), workers=1).start()
    try:
        with sync_playwright() as playwright:
            report(measure(playwright.chromium, server, args.runs))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
