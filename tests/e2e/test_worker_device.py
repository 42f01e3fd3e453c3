"""What stays on the tablet: identity numbers never leave it, a shared tablet
shows each person only their own records, and a reload loses nothing."""

import json
from pathlib import Path

import pytest

from app.models import Deviation
from tests.e2e.conftest import (
    count_records,
    fill_deviation,
    log_in,
    save_deviation,
    unsent,
    wait_ready,
)

pytestmark = pytest.mark.e2e

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "personal_id.json"


def local_record_count(page) -> int:
    return page.evaluate(
        """() => import('/static/js/store/records.js').then(m => m.listRecords())
              .then(records => records.length)"""
    )


def test_identity_number_in_what_happened_is_refused_on_the_device(app, app_server, open_page):
    page = open_page(app_server)
    log_in(page, "ansatt")
    fill_deviation(page, "Bruker 241285 10180 falt i trappen")
    description = page.get_by_label("Hva skjedde?")
    assert description.get_attribute("aria-invalid") == "true"
    page.get_by_text("Dette ser ut som et fødselsnummer").first.wait_for()

    page.get_by_role("button", name="Lagre").click()
    page.get_by_role("alert").get_by_text("Ikke lagret").wait_for()
    assert page.get_by_text("Lagret på nettbrettet").count() == 0
    assert local_record_count(page) == 0
    unsent(page, 0).wait_for()
    assert count_records(app, Deviation) == 0

    description.fill("Bruker falt i trappen")
    assert description.get_attribute("aria-invalid") is None
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Lagret på nettbrettet").wait_for()


def test_browser_rule_agrees_with_the_shared_vectors(app_server, open_page, demo):
    page = open_page(app_server)
    log_in(page, "ansatt")
    vectors = json.loads(VECTORS.read_text())
    found = page.evaluate(
        """texts => import('/static/js/lib/personal-id.js')
              .then(m => texts.map(t => m.findPersonalId(t) !== null))""",
        vectors["contains"] + vectors["clean"],
    )
    expected = [True] * len(vectors["contains"]) + [False] * len(vectors["clean"])
    assert found == expected


def database_names(page) -> list[str]:
    return page.evaluate("indexedDB.databases().then(dbs => dbs.map(d => d.name))")


def wait_database_gone(page, name: str) -> None:
    page.wait_for_function(
        "name => indexedDB.databases().then(dbs => !dbs.some(d => d.name === name))", arg=name
    )


def test_shared_tablet_next_person_sees_nothing_and_unsent_logout_warns(
    app, app_server, open_page, demo
):
    page = open_page(app_server)
    log_in(page, "ansatt")
    save_deviation(page, "Kari sitt avvik om fall")
    unsent(page, 0).wait_for()
    with page.expect_response(lambda r: r.url.endswith("/logout")) as logout:
        page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/login**")
    wait_database_gone(page, f"steg-user-{demo['ansatt']}")
    # Nobody's data is left on the tablet, so the server may wipe the site's storage.
    assert logout.value.all_headers().get("clear-site-data") == '"cache", "storage"'

    log_in(page, "nav-ansatt")
    page.evaluate("location.hash = '#mine'")
    page.get_by_text("Du har ingen avvik ennå.").wait_for()
    assert page.get_by_text("Kari sitt avvik om fall").count() == 0
    assert local_record_count(page) == 0

    page.context.set_offline(True)
    page.get_by_role("button", name="Logg ut").click()
    page.get_by_role("alertdialog").get_by_text("Du må ha nett for å logge ut").wait_for()
    page.get_by_role("button", name="OK", exact=True).click()
    page.context.set_offline(False)

    server_answers = []
    page.context.route(
        "**/api/v1/sync/push",
        lambda route: route.continue_() if server_answers else route.abort(),
    )
    save_deviation(page, "Tolk kom ikke", category="Tolk")
    unsent(page, 1).wait_for()
    page.get_by_role("button", name="Logg ut").click()
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_text("Ikke sendt (1)").wait_for()
    dialog.get_by_role("button", name="Bli innlogget").click()
    assert "/app" in page.url
    unsent(page, 1).wait_for()

    page.get_by_role("button", name="Logg ut").click()
    server_answers.append(True)
    page.get_by_role("alertdialog").get_by_role("button", name="Send nå").click()
    unsent(page, 0).wait_for()
    assert count_records(app, Deviation, description="Tolk kom ikke") == 1
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/login**")
    wait_database_gone(page, f"steg-user-{demo['nav-ansatt']}")


def test_reload_during_sync_keeps_outbox_and_sends_each_record_once(app, app_server, open_page):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    page.context.set_offline(True)
    for n in range(3):
        save_deviation(page, f"Avvik nummer {n}")
    held = []

    def commit_then_hang(route):
        if held:
            route.continue_()
            return
        route.fetch()  # the server applies the batch; the page never hears back
        held.append(route)

    page.route("**/api/v1/sync/push", commit_then_hang)
    page.context.set_offline(False)
    while not held:
        page.wait_for_timeout(50)
    assert count_records(app, Deviation) == 3
    page.reload()
    wait_ready(page)
    unsent(page, 0).wait_for()
    assert count_records(app, Deviation) == 3
    page.evaluate("location.hash = '#mine'")
    page.locator("[data-where='sent']").nth(2).wait_for()


def test_draft_survives_closing_the_app(app_server, open_page):
    page = open_page(app_server)
    log_in(page, "ansatt")
    fill_deviation(page, "Halvferdig tekst om et fall")
    page.wait_for_timeout(400)  # drafts are kept a moment after typing stops
    page.close()

    page = open_page.last_context.new_page()
    page.goto("/app#new-deviation")
    wait_ready(page)
    assert page.get_by_label("Hva skjedde?").input_value() == "Halvferdig tekst om et fall"
    page.get_by_text("Utkastet ditt er hentet fram igjen.").wait_for()


def test_logout_from_start_page_warns_and_unsent_items_wait_for_the_next_login(
    app, app_server, open_page, demo
):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    page.context.route("**/api/v1/sync/push", lambda route: route.abort())
    save_deviation(page, "Venter til neste innlogging")
    unsent(page, 1).wait_for()
    page.goto("/")
    page.get_by_role("button", name="Logg ut").click()
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_text("Ikke sendt (1)").wait_for()
    with page.expect_response(lambda r: r.url.endswith("/logout")) as logout:
        dialog.get_by_role("button", name="Logg ut likevel").click()
    page.wait_for_url("**/login**")
    assert f"steg-user-{demo['ansatt']}" in database_names(page)
    assert "clear-site-data" not in logout.value.all_headers(), "unsent items must survive logout"

    page.context.unroute("**/api/v1/sync/push")
    log_in(page, "ansatt")
    unsent(page, 0).wait_for()
    assert count_records(app, Deviation, description="Venter til neste innlogging") == 1


def test_full_storage_says_so_and_never_claims_saved(app_server, open_page):
    page = open_page(app_server)
    log_in(page, "ansatt")
    page.evaluate(
        """() => { IDBObjectStore.prototype.add = function () {
             throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; }"""
    )
    fill_deviation(page, "Dette får ikke plass")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_role("alert").get_by_text("lagringsplassen på nettbrettet er full").wait_for()
    assert page.get_by_text("Lagret på nettbrettet").count() == 0
    assert local_record_count(page) == 0
    assert page.get_by_label("Hva skjedde?").input_value() == "Dette får ikke plass"
