"""The whole loop in real browsers: a worker reports offline, the leader answers
on the leader's pages, the worker's tablet shows the answer; another unit's
leader never sees the idea."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Idea
from app.services.demo import DEMO_PASSWORD
from tests.e2e.conftest import log_in, save_idea, unsent

pytestmark = pytest.mark.e2e

COMMENT = "Godt forslag – vi prøver det fra mandag."


def leader_log_in(page, username: str) -> None:
    page.goto("/login?next=/leader/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("heading", name="Innboks").wait_for()


def the_idea_id(app) -> str:
    with app.app_context():
        try:
            return db.session.scalars(select(Idea.id)).one()
        finally:
            db.session.remove()


def worker_reports_an_idea_offline(page) -> None:
    log_in(page, "ansatt")
    page.context.set_offline(True)
    save_idea(page, "Felles nøkkelskap", proposal="Ett skap med faste plasser")
    unsent(page, 1).wait_for()
    page.context.set_offline(False)
    unsent(page, 0).wait_for()


def leader_approves_in_the_browser(page) -> None:
    leader_log_in(page, "leder")
    page.get_by_role("link", name="Felles nøkkelskap").click()
    page.get_by_label("Kommentar til den som meldte").fill(COMMENT)
    page.get_by_role("button", name="Godkjenn").click()
    page.get_by_role("status").get_by_text("Felles nøkkelskap: Godkjent").wait_for()


def worker_syncs(page) -> None:
    page.get_by_role("button", name="Send nå").click()
    unsent(page, 0).wait_for()


def test_worker_idea_offline_leader_approves_worker_sees_answer(app, app_server, open_page):
    worker = open_page(app_server)
    worker_reports_an_idea_offline(worker)
    idea_id = the_idea_id(app)

    leader = open_page(app_server)
    leader_approves_in_the_browser(leader)
    # Back in the inbox: the approved idea is still open work, now marked "Godkjent".
    leader.locator(f"[data-id='{idea_id}'] .badge-status", has_text="Godkjent").wait_for()

    worker_syncs(worker)
    worker.evaluate(f"location.hash = '#record/{idea_id}'")
    worker.locator(".badge-status", has_text="Godkjent").first.wait_for()
    answer = worker.get_by_role("region", name="Svar fra lederen din")
    answer.get_by_text(COMMENT).wait_for()

    other = open_page(app_server)
    leader_log_in(other, "nav-leder")
    assert other.get_by_text("Felles nøkkelskap").count() == 0
    response = other.goto(f"/leader/ideas/{idea_id}")
    assert response.status == 404
    assert other.get_by_text("Felles nøkkelskap").count() == 0


def test_answer_is_marked_new_on_the_workers_tablet_until_opened(app, app_server, open_page):
    worker = open_page(app_server)
    worker_reports_an_idea_offline(worker)
    idea_id = the_idea_id(app)
    leader_approves_in_the_browser(open_page(app_server))

    worker_syncs(worker)
    worker.evaluate("location.hash = '#mine'")
    item = worker.locator(f".record-item[data-record-id='{idea_id}']")
    item.get_by_text("Nytt svar").wait_for(timeout=5_000)
    item.get_by_role("link").click()
    worker.get_by_role("region", name="Svar fra lederen din").get_by_text(COMMENT).wait_for()
    worker.evaluate("location.hash = '#mine'")
    item.get_by_text("Nytt svar").wait_for(state="hidden")
