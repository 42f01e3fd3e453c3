"""Sync when things go wrong: lost answers, a server that is down, an expired
session, and an item the server refuses."""

import pytest
from sqlalchemy import update

from app.extensions import db
from app.models import Category, Deviation, UserSession
from tests.e2e.conftest import (
    count_records,
    last_synced_at,
    log_in,
    save_deviation,
    status_message,
    unsent,
    wait_synced_after,
)

pytestmark = pytest.mark.e2e

SERVER_DOWN = "Fikk ikke kontakt med serveren"


def test_lost_push_answer_is_not_sent_twice(app, app_server, open_page):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    answers = []

    def lose_first_answer(route):
        if answers:
            route.continue_()
            return
        answers.append(route.fetch().status)  # the server has committed by now
        route.abort("connectionreset")

    page.route("**/api/v1/sync/push", lose_first_answer)
    save_deviation(page, "Medisin levert til feil tid")
    status_message(page).get_by_text(SERVER_DOWN).wait_for()
    assert answers == [200]
    assert count_records(app, Deviation) == 1
    unsent(page, 1).wait_for()

    page.get_by_role("button", name="Send nå").click()
    unsent(page, 0).wait_for()
    assert count_records(app, Deviation, description="Medisin levert til feil tid") == 1
    page.locator("[data-where='sent']").first.wait_for()


def test_server_down_during_send_keeps_everything_and_sends_later(app, own_server, open_page):
    page = open_page(own_server)
    log_in(page, "ansatt")
    page.locator("#status-last[data-at^='20']").wait_for()
    synced = last_synced_at(page)
    own_server.stop()
    save_deviation(page, "Rullator var ødelagt")
    page.get_by_role("button", name="Send nå").click()
    status_message(page).get_by_text(SERVER_DOWN).wait_for()
    unsent(page, 1).wait_for()
    assert last_synced_at(page) == synced, "a failed attempt is not a sync"
    assert page.locator("[data-where='local']").count() == 1

    own_server.start()  # no click: the app retries by itself (backoff with jitter)
    unsent(page, 0).wait_for(timeout=60_000)
    assert count_records(app, Deviation, description="Rullator var ødelagt") == 1
    wait_synced_after(page, synced)


def test_session_expired_offline_asks_for_login_and_then_sends(app, app_server, open_page):
    page = open_page(app_server)
    log_in(page, "ansatt")
    page.context.set_offline(True)
    save_deviation(page, "Nøkkelboks virket ikke")
    with app.app_context():
        db.session.execute(update(UserSession).values(ended_at=db.func.now()))
        db.session.commit()

    page.context.set_offline(False)
    login = status_message(page).get_by_role("link", name="Logg inn")
    login.wait_for()
    unsent(page, 1).wait_for()
    assert count_records(app, Deviation) == 0

    login.click()
    page.get_by_label("Brukernavn").fill("ansatt")
    page.get_by_label("Passord").fill("demo-steg-2026")
    page.get_by_role("button", name="Logg inn").click()
    unsent(page, 0).wait_for()
    assert count_records(app, Deviation, description="Nøkkelboks virket ikke") == 1


def test_rejected_item_needs_attention_others_are_sent_and_fix_sends_it(app, app_server, open_page):
    page = open_page(app_server)
    log_in(page, "ansatt")
    page.context.set_offline(True)
    save_deviation(page, "Første fall", category="Fall")
    save_deviation(page, "Feil medisin gitt", category="Legemiddel")
    save_deviation(page, "Andre fall", category="Fall")
    with app.app_context():  # the coordinator retires a category meanwhile
        db.session.execute(
            update(Category).where(Category.code == "medication").values(active=False)
        )
        db.session.commit()

    page.context.set_offline(False)
    unsent(page, 0).wait_for()
    page.get_by_text("Må rettes (1)").wait_for()
    assert count_records(app, Deviation) == 2
    item = page.locator(".record-item", has_text="Legemiddel")
    assert item.locator("[data-where='problem']").inner_text() == "Må rettes"

    item.get_by_role("link").click()
    page.get_by_role("heading", name="Må rettes").wait_for()
    page.get_by_role("link", name="Rett og send på nytt").click()
    assert page.get_by_label("Hva skjedde?").input_value() == "Feil medisin gitt"
    page.get_by_label("Kategori").select_option(label="Annet")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Lagret på nettbrettet").wait_for()
    unsent(page, 0).wait_for()
    page.get_by_text("Må rettes (1)").wait_for(state="hidden")
    assert count_records(app, Deviation, description="Feil medisin gitt") == 1


def test_expired_cursor_pulls_again_from_the_start_and_keeps_records(app, app_server, open_page):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    save_deviation(page, "Sendt før markøren gikk ut")
    unsent(page, 0).wait_for()
    pulls = []

    def expire_once(route):
        pulls.append(route.request.url)
        if len(pulls) == 1:
            body = {"error": {"code": "cursor_expired", "message": "Utløpt"}}
            route.fulfill(status=410, json=body)
        else:
            route.continue_()

    page.route("**/api/v1/sync/pull*", expire_once)
    page.get_by_role("button", name="Send nå").click()
    page.wait_for_function("() => !document.querySelector('.status-send').disabled")
    unsent(page, 0).wait_for()
    assert "cursor=" in pulls[0]
    assert "cursor=" not in pulls[1]
    page.evaluate("location.hash = '#mine'")
    page.locator("[data-where='sent']").first.wait_for()
    descriptions = page.evaluate(
        """() => import('/static/js/store/records.js')
              .then(m => m.listRecords()).then(rs => rs.map(r => r.fields.description))"""
    )
    assert descriptions == ["Sendt før markøren gikk ut"]
    assert status_message(page).inner_text() == ""


def test_stale_csrf_token_is_renewed_and_the_push_goes_through(app, app_server, open_page):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    refused = []

    def refuse_once(route):
        if refused:
            route.continue_()
            return
        refused.append(True)
        body = {"error": {"code": "csrf_failed", "message": "Utløpt skjema"}}
        route.fulfill(status=403, json=body)

    page.route("**/api/v1/sync/push", refuse_once)
    save_deviation(page, "Sendt med nytt token")
    unsent(page, 0).wait_for()
    assert refused == [True]
    assert count_records(app, Deviation, description="Sendt med nytt token") == 1
