"""The loop back to the reporter, and several tabs on one tablet."""

import json

import pytest

from app.models import Deviation, Idea
from tests.e2e.conftest import count_records, log_in, save_deviation, save_idea, unsent, wait_ready

pytestmark = pytest.mark.e2e


def leader_decides(login, idea_id: str, status: str, comment: str) -> None:
    leader = login("leder")
    response = leader.post(
        f"/api/v1/ideas/{idea_id}/status",
        json={"status": status, "comment": comment},
        headers={"X-CSRFToken": leader.csrf},
    )
    assert response.status_code == 200, response.text


def only_idea_id(app) -> str:
    from sqlalchemy import select

    from app.extensions import db

    with app.app_context():
        try:
            return db.session.scalars(select(Idea.id)).one()
        finally:
            db.session.remove()


def test_answers_reach_worker_marked_new_and_offline_edit_conflict_keeps_own_text(
    app, app_server, open_page, login
):
    page = open_page(app_server)
    log_in(page, "ansatt")
    save_idea(page, "Felles nøkkelskap", proposal="Ett skap per sone")
    unsent(page, 0).wait_for()
    idea_id = only_idea_id(app)

    page.context.set_offline(True)
    page.evaluate(f"location.hash = '#edit/{idea_id}'")
    page.get_by_label("Forslag", exact=True).fill("Ett skap per sone, med kodelås")
    page.get_by_role("button", name="Lagre").click()
    unsent(page, 1).wait_for()
    leader_decides(login, idea_id, "approved", "Godt forslag, vi prøver i januar")

    page.context.set_offline(False)
    unsent(page, 0).wait_for()
    page.evaluate("location.hash = '#mine'")
    item = page.locator(f".record-item[data-record-id='{idea_id}']")
    item.get_by_text("Nytt svar").wait_for()
    item.get_by_role("link").click()
    page.locator(".badge-status", has_text="Godkjent").first.wait_for()
    answer = page.get_by_role("region", name="Svar fra lederen din")
    answer.get_by_text("Godt forslag, vi prøver i januar").wait_for()
    page.get_by_role("heading", name="Din tekst").wait_for()
    page.locator(".problem").get_by_text("Ett skap per sone, med kodelås").wait_for()
    assert page.get_by_role("link", name="Endre").count() == 0
    page.evaluate("location.hash = '#mine'")
    item.locator(".badge-status", has_text="Godkjent").wait_for()
    assert item.get_by_text("Nytt svar").count() == 0
    with app.app_context():
        from app.extensions import db

        assert db.session.get(Idea, idea_id).proposal == "Ett skap per sone"
        db.session.remove()


def test_two_tabs_sending_together_send_each_mutation_once(app, app_server, open_page):
    first = open_page(app_server, service_workers="block")
    log_in(first, "ansatt")
    second = first.context.new_page()
    second.goto("/app#mine")
    wait_ready(second)
    first.context.set_offline(True)
    for n in range(4):
        save_deviation(first, f"Dobbelt trykk {n}")
    sent = []

    def spy(route):
        sent.extend(m["mutation_id"] for m in json.loads(route.request.post_data)["mutations"])
        route.continue_()

    first.context.route("**/api/v1/sync/push", spy)
    first.context.set_offline(False)
    for page in (first, second):
        page.evaluate("document.querySelector('.status-send').click()")
    for page in (first, second):
        unsent(page, 0).wait_for()
    assert count_records(app, Deviation) == 4
    assert len(sent) == len(set(sent)) == 4


def test_idea_made_from_a_deviation_is_linked_to_it(app, app_server, open_page):
    page = open_page(app_server)
    log_in(page, "ansatt")
    page.context.set_offline(True)
    save_deviation(page, "Medisinrommet var låst")
    page.locator(".record-item .record-link").first.click()
    page.get_by_role("link", name="Lag forbedringsforslag").click()
    assert page.get_by_label("Dagens situasjon").input_value() == "Medisinrommet var låst"
    page.get_by_label("Tittel").fill("Kodelås på medisinrommet")
    page.get_by_label("Forslag", exact=True).fill("Bytt til kodelås")
    page.get_by_role("button", name="Lagre").click()
    unsent(page, 2).wait_for()

    page.context.set_offline(False)
    unsent(page, 0).wait_for()
    with app.app_context():
        from sqlalchemy import select

        from app.extensions import db

        idea = db.session.scalars(select(Idea)).one()
        deviation = db.session.scalars(select(Deviation)).one()
        assert idea.deviation_id == deviation.id
        assert idea.title == "Kodelås på medisinrommet"
        db.session.remove()


def test_what_was_learnt_reaches_the_reporter_under_the_leaders_answer(
    app, app_server, open_page, login
):
    page = open_page(app_server)
    log_in(page, "ansatt")
    save_idea(page, "Lys i gangen", proposal="Bevegelsessensor ved inngangen")
    unsent(page, 0).wait_for()
    idea_id = only_idea_id(app)
    leader = login("leder")
    response = leader.post(
        f"/api/v1/ideas/{idea_id}/status",
        json={"status": "approved", "comment": "Vi prøver"},
        headers={"X-CSRFToken": leader.csrf},
    )
    assert response.status_code == 200, response.text
    with app.app_context():
        from app.extensions import db
        from app.services.ideas import decide_idea
        from app.services.users import find_user

        idea = db.session.get(Idea, idea_id)
        decide_idea(idea, find_user("leder"), "done", learning="Sensoren sparer tid om kvelden")
        db.session.commit()
        db.session.remove()

    page.get_by_role("button", name="Send nå").click()
    page.evaluate(f"location.hash = '#record/{idea_id}'")
    answer = page.get_by_role("region", name="Svar fra lederen din")
    answer.get_by_text("Sensoren sparer tid om kvelden").wait_for()
    assert answer.get_by_text("Hva ble gjort og lært").count() == 1
