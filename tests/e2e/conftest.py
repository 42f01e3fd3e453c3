"""Fixtures for the worker app's browser tests: a dedicated server that can be
stopped, browser profiles that survive a restart (service worker and IndexedDB),
and small steps a worker takes (log in, open the app, fill a form)."""

import contextlib
import tempfile
import time

import pytest
from playwright.sync_api import expect

from app.services.demo import DEMO_PASSWORD
from tests.fixtures.browser import CHROMIUM_ARGS, chromium_path, needs_full_chromium

TIMEOUT_MS = 15_000
REGISTRATION_WRITE_S = 2.5  # see Profile.reopen
expect.set_options(timeout=TIMEOUT_MS)  # a loaded CI machine is slow, as waits are


@pytest.fixture
def app_server(live_server, demo):
    """The run's server (a gunicorn started once: each test's tables are emptied after
    it, and the app keeps no state of its own); demo people seeded."""
    return live_server


@pytest.fixture
def own_server(start_server, demo):
    """A server of this test's own, for a test that stops and starts it (one worker
    keeps restarts quick); demo people seeded."""
    return start_server(workers=1)


@pytest.fixture
def profiles(request, playwright_instance):
    """profiles(server) -> a persistent browser context; reopen it with .reopen()."""
    opened = []
    executable = chromium_path(full=needs_full_chromium(request))

    class Profile:
        def __init__(self, server, locale="nb-NO", width=1024):
            self.dir = tempfile.mkdtemp(prefix="steg-profile-")
            self.server = server
            self.options = {"locale": locale, "viewport": {"width": width, "height": 900}}
            self.context = None

        def open(self, offline: bool = False):
            self.context = playwright_instance.chromium.launch_persistent_context(
                self.dir,
                executable_path=executable,
                headless=True,
                args=CHROMIUM_ARGS,
                base_url=self.server.url,
                offline=offline,
                **self.options,
            )
            self.context.set_default_timeout(TIMEOUT_MS)
            opened.append(self.context)
            return self.context

        def reopen(self, offline: bool = False, keep_session: bool = True):
            """Restart the browser on the same profile (a real restart: the login cookie
            survives it because it is persistent). keep_session=False is the "session
            lost" case: the cookies are gone when the browser comes back."""
            # Chromium writes a new service worker's registration to the profile a
            # moment after activation; closing the browser at once would lose it.
            time.sleep(REGISTRATION_WRITE_S)
            self.context.close()
            context = self.open(offline=offline)
            if not keep_session:
                context.clear_cookies()
            return context

        def page(self):
            pages = self.context.pages
            return pages[0] if pages else self.context.new_page()

    def _profile(server, **kwargs) -> Profile:
        profile = Profile(server, **kwargs)
        profile.open()
        return profile

    yield _profile
    for context in opened:
        with contextlib.suppress(Exception):  # already closed by the test
            context.close()


def log_in(page, username: str, next_path: str = "/app") -> None:
    page.goto(f"/login?next={next_path}")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    wait_ready(page)


def wait_ready(page) -> None:
    page.wait_for_selector("body[data-app-ready='true']")


def wait_offline_ready(page, timeout_s: float = 30) -> None:
    """The service worker controls the page and has stored the shell."""
    # Polled from here: wait_for_function would take the async check's Promise as true.
    deadline = time.monotonic() + timeout_s
    check = """async () => Boolean(navigator.serviceWorker.controller)
        && Boolean(await caches.match('/app'))"""
    while not page.evaluate(check):
        assert time.monotonic() < deadline, "the service worker never stored the app"
        page.wait_for_timeout(200)


def unsent(page, n: int):
    return page.locator("#status-unsent").get_by_text(f"Ikke sendt ({n})", exact=True)


def fill_deviation(page, description: str, category: str = "Fall") -> None:
    page.goto("/app#new-deviation") if "/app" not in page.url else page.evaluate(
        "location.hash = '#new-deviation'"
    )
    page.get_by_label("Kategori").select_option(label=category)
    page.get_by_label("Alvorlighet").select_option(label="Moderat")
    page.get_by_label("Sted (valgfritt)").fill("Bad")
    page.get_by_label("Hva skjedde?").fill(description)


def save_deviation(page, description: str, **kwargs) -> None:
    fill_deviation(page, description, **kwargs)
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Lagret på nettbrettet").wait_for()


def save_idea(page, title: str, proposal: str = "Bruke sjekkliste ved levering") -> None:
    page.evaluate("location.hash = '#new-idea'")
    page.get_by_label("Tittel").fill(title)
    page.get_by_label("Dagens situasjon").fill("Vi glemmer ofte å sjekke medisinlisten")
    page.get_by_label("Forslag", exact=True).fill(proposal)
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Lagret på nettbrettet").wait_for()


def last_synced_at(page) -> str:
    return page.locator("#status-last").get_attribute("data-at") or ""


def wait_synced_after(page, before: str, timeout_ms: float = TIMEOUT_MS) -> None:
    """Wait until "Sist synkronisert" shows a successful sync later than `before`."""
    page.wait_for_function(
        "before => (document.querySelector('#status-last').dataset.at || '') > before",
        arg=before,
        timeout=timeout_ms,
    )


@pytest.fixture
def open_page(browser):
    """open_page(server, **context_options) -> a page in a fresh browser context."""
    contexts = []

    def _open(server, **options):
        context = browser.new_context(
            base_url=server.url, locale="nb-NO", viewport={"width": 1024, "height": 900}, **options
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        _open.last_context = context
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def count_records(app, model, **filters) -> int:
    """How many records of this kind the server's database holds."""
    from sqlalchemy import func, select

    from app.extensions import db

    with app.app_context():
        query = select(func.count()).select_from(model).filter_by(**filters)
        try:
            return db.session.scalar(query)
        finally:
            db.session.remove()


def status_message(page):
    return page.locator("#status-message")
