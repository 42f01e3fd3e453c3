"""The worker app when things go wrong: logging out with something only the tablet
holds, an old record whose category was retired, a tablet that only saw the start
page before going offline, and a push the server refuses as forbidden."""

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.models import Category, Deviation, Idea
from app.services.demo import DEMO_PASSWORD
from tests.e2e.conftest import (
    count_records,
    log_in,
    save_deviation,
    save_idea,
    unsent,
    wait_ready,
)

pytestmark = pytest.mark.e2e


def retire(app, code: str) -> None:
    with app.app_context():
        db.session.execute(update(Category).where(Category.code == code).values(active=False))
        db.session.commit()
        db.session.remove()


def only_idea_id(app) -> str:
    with app.app_context():
        try:
            return db.session.scalars(select(Idea.id)).one()
        finally:
            db.session.remove()


def leader_approves(login, idea_id: str) -> None:
    leader = login("leder")
    response = leader.post(
        f"/api/v1/ideas/{idea_id}/status",
        json={"status": "approved", "comment": "Vi prøver det"},
        headers={"X-CSRFToken": leader.csrf},
    )
    assert response.status_code == 200, response.text


def database_names(page) -> list[str]:
    return page.evaluate("indexedDB.databases().then(dbs => dbs.map(d => d.name))")


def wait_shell_cached(page) -> None:
    """The service worker controls the page and holds the app shell (polled from
    Python: wait_for_function would take the async predicate's promise as truthy)."""
    for _ in range(150):
        if page.evaluate(
            """async () => Boolean(navigator.serviceWorker.controller)
                 && Boolean(await caches.match('/app'))"""
        ):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the service worker never cached the app shell")


def wait_idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('.status-send').disabled")


def log_in_at_start_page(page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("heading", name="Hei,").wait_for()


def test_logout_with_kept_text_and_an_item_to_correct_keeps_them_and_says_what(
    app, app_server, open_page, login, demo
):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    save_idea(page, "Felles nøkkelskap", proposal="Ett skap per sone")
    unsent(page, 0).wait_for()
    idea_id = only_idea_id(app)

    page.context.set_offline(True)
    page.evaluate(f"location.hash = '#edit/{idea_id}'")
    page.get_by_label("Forslag", exact=True).fill("Ett skap per sone, med kodelås")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Lagret på nettbrettet").wait_for()
    save_deviation(page, "Feil medisin gitt", category="Legemiddel")
    unsent(page, 2).wait_for()
    leader_approves(login, idea_id)  # the leader decides before the edit arrives
    retire(app, "medication")  # and the new deviation's category is retired meanwhile
    page.context.set_offline(False)
    unsent(page, 0).wait_for()
    page.locator("#status-problems").get_by_text("Må rettes (2)").wait_for()

    page.get_by_role("button", name="Logg ut").click()
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_text("Må rettes (1)").wait_for()
    dialog.get_by_text("Din tekst (1)").wait_for()
    text = dialog.inner_text()
    assert "Felles nøkkelskap" in text
    assert "Avvik: Legemiddel" in text
    assert "Ikke sendt" not in text
    assert "sendes neste gang" not in text  # an item to correct is not sent by itself
    assert page.evaluate("document.activeElement.textContent") == "Bli innlogget"
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    assert "/app" in page.url

    page.get_by_role("button", name="Logg ut").click()
    with page.expect_response(lambda r: r.url.endswith("/logout")) as logout:
        dialog.get_by_role("button", name="Logg ut likevel").click()
    page.wait_for_url("**/login**")
    assert f"steg-user-{demo['ansatt']}" in database_names(page), "kept text must survive"
    assert "clear-site-data" not in logout.value.all_headers()

    log_in(page, "ansatt")
    page.evaluate(f"location.hash = '#record/{idea_id}'")
    page.get_by_role("heading", name="Din tekst").wait_for()
    page.locator(".problem").get_by_text("Ett skap per sone, med kodelås").wait_for()


def test_logout_dialog_fits_a_phone_and_escape_keeps_the_person_logged_in(app_server, open_page):
    page = open_page(app_server, service_workers="block")
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "ansatt")
    page.route("**/api/v1/sync/push", lambda route: route.abort())
    save_deviation(page, "Venter på nett")
    unsent(page, 1).wait_for()
    page.get_by_role("button", name="Logg ut").click()
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_text("Ikke sendt (1)").wait_for()
    dialog.get_by_text("sendes neste gang du logger inn her").wait_for()
    box = dialog.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    for button in dialog.get_by_role("button").all():
        assert button.bounding_box()["height"] >= 44
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert "/app" in page.url
    unsent(page, 1).wait_for()


def test_logout_tapped_before_the_start_page_is_ready_is_guarded_all_the_same(
    app_server, open_page
):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    page.route("**/api/v1/sync/push", lambda route: route.abort())
    save_deviation(page, "Venter på nett")
    unsent(page, 1).wait_for()
    held = []
    page.route("**/app/i18n/*", lambda route: held.append(route))  # a slow set-up
    page.goto("/")
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_timeout(500)
    assert "/login" not in page.url
    held[0].continue_()
    page.get_by_role("alertdialog").get_by_text("Ikke sendt (1)").wait_for()


def test_old_record_with_a_retired_category_can_be_edited_without_changing_it(
    app, app_server, open_page
):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    save_deviation(page, "Feil dose gitt", category="Legemiddel")
    unsent(page, 0).wait_for()
    page.get_by_role("button", name="Logg ut").click()  # nothing unsent: the tablet forgets it
    page.wait_for_url("**/login**")
    retire(app, "medication")

    log_in(page, "ansatt")  # this tablet never saw "Legemiddel" as a label now
    page.evaluate("location.hash = '#mine'")
    item = page.locator(".record-item", has_text="Legemiddel")
    item.get_by_role("link").click()
    page.get_by_role("link", name="Endre").click()
    category = page.get_by_label("Kategori")
    assert category.input_value() == "medication"
    assert category.evaluate("s => s.selectedOptions[0].textContent") == "Legemiddel (utgått)"
    page.get_by_text("Kategorien til denne saken er utgått.").wait_for()
    page.get_by_label("Sted (valgfritt)").fill("Medisinrommet")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Lagret på nettbrettet").wait_for()
    unsent(page, 0).wait_for()
    wait_idle(page)
    assert page.locator("#status-problems").is_hidden()
    assert count_records(app, Deviation, location="Medisinrommet") == 1

    page.evaluate("location.hash = '#new-deviation'")  # a new record cannot pick it
    options = page.get_by_label("Kategori").evaluate("s => [...s.options].map(o => o.textContent)")
    assert not any("Legemiddel" in option for option in options)


def test_start_page_alone_makes_the_app_work_offline(app, own_server, open_page):
    page = open_page(own_server)
    log_in_at_start_page(page, "ansatt")
    assert page.url.rstrip("/") == own_server.url.rstrip("/")
    wait_shell_cached(page)

    own_server.stop()  # really offline: no server, and no network either
    page.context.set_offline(True)
    page.goto("/app#new-deviation")
    wait_ready(page)
    assert page.locator("#status-net").inner_text() == "Frakoblet"
    save_deviation(page, "Lagret uten å ha åpnet appen før")
    unsent(page, 1).wait_for()


def test_next_person_on_a_shared_tablet_gets_the_app_offline_from_the_start_page(
    app_server, open_page, demo
):
    page = open_page(app_server)
    log_in(page, "ansatt")
    wait_shell_cached(page)
    page.route("**/api/v1/sync/push", lambda route: route.abort())
    save_deviation(page, "Venter på Kari")
    page.get_by_role("button", name="Logg ut").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Logg ut likevel").click()
    page.wait_for_url("**/login**")  # the service worker stays, Kari's shell page is gone
    assert not page.evaluate("caches.match('/app').then(Boolean)")

    log_in_at_start_page(page, "nav-ansatt")
    wait_shell_cached(page)
    page.context.set_offline(True)
    page.goto("/app#mine")
    wait_ready(page)
    assert page.locator("#steg-app").get_attribute("data-user-id") == str(demo["nav-ansatt"])
    page.get_by_text("Du har ingen avvik ennå.").wait_for()
    save_deviation(page, "Lagret av neste person uten nett", category="Tolk")
    unsent(page, 1).wait_for()


def test_forbidden_push_needs_attention_and_is_not_taken_for_a_csrf_failure(
    app, app_server, open_page
):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    unsent(page, 0).wait_for()
    wait_idle(page)
    calls = []
    page.on(
        "request",
        lambda r: calls.append("session") if r.url.endswith("/api/v1/session") else None,
    )

    def forbid(route):
        calls.append("push")
        body = {"error": {"code": "forbidden", "message": "Du har ikke tilgang til dette."}}
        route.fulfill(status=403, json=body)

    page.route("**/api/v1/sync/push", forbid)
    save_deviation(page, "Stoppet av serveren")
    page.locator("#status-problems").get_by_text("Må rettes (1)").wait_for()
    unsent(page, 0).wait_for()
    wait_idle(page)
    assert calls == ["session", "push"]  # no new token, no second push

    page.get_by_role("button", name="Send nå").click()
    page.wait_for_timeout(300)
    wait_idle(page)
    assert calls.count("push") == 1, "a refused item is not pushed again until corrected"
    page.evaluate("location.hash = '#mine'")
    item = page.locator(".record-item", has_text="Fall")
    assert item.locator("[data-where='problem']").inner_text() == "Må rettes"
    item.get_by_role("link").click()
    page.get_by_role("alert").get_by_text("Du har ikke tilgang til dette.").wait_for()
    assert count_records(app, Deviation) == 0


def test_csrf_failure_fetches_a_new_token_then_pushes_again(app, app_server, open_page):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    unsent(page, 0).wait_for()
    wait_idle(page)
    calls = []
    page.on(
        "request",
        lambda r: calls.append("session") if r.url.endswith("/api/v1/session") else None,
    )

    def refuse_once(route):
        calls.append("push")
        if calls.count("push") > 1:
            route.continue_()
            return
        body = {"error": {"code": "csrf_failed", "message": "Skjemaet er utløpt."}}
        route.fulfill(status=403, json=body)

    page.route("**/api/v1/sync/push", refuse_once)
    save_deviation(page, "Sendt etter nytt token")
    unsent(page, 0).wait_for()
    wait_idle(page)
    assert calls == ["session", "push", "session", "push"]
    assert page.locator("#status-problems").is_hidden()
    assert count_records(app, Deviation, description="Sendt etter nytt token") == 1
