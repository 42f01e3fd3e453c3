"""The tablet's "Slå på varsler" as far as headless Chromium goes without a push service:
nothing is asked when the app opens, the permission prompt comes only after the tap, the
button's states are shown in words; and the service worker shows a pushed message (a push
delivered through the DevTools protocol) with the payload's words only."""

import json

import pytest

from tests.e2e.conftest import log_in, wait_offline_ready
from tests.fixtures.servers import module_server
from tests.notify.conftest import VAPID_PEM

# The headless shell has no Notification or PushManager: these run in the full Chromium.
pytestmark = [pytest.mark.e2e, pytest.mark.full_chromium]

COUNT_PROMPTS = """
window.__prompts = 0;
if (window.Notification) {
  const original = Notification.requestPermission.bind(Notification);
  Notification.requestPermission = (...args) => {
    window.__prompts += 1;
    return original(...args);
  };
}
"""


SHOWN = """async () => {
    const list = await (await navigator.serviceWorker.ready).getNotifications();
    const n = list[0];
    return n ? {title: n.title, body: n.body, url: n.data.url} : null;
}"""


vapid_server = module_server(workers=1, extra_env={"STEG_VAPID_PRIVATE_KEY": VAPID_PEM})


@pytest.fixture
def push_server(vapid_server, demo):
    return vapid_server


def _panel(page):
    return page.locator("#notify-panel")


def test_permission_is_asked_only_after_the_tap(push_server, open_page):
    page = open_page(push_server)
    page.context.add_init_script(COUNT_PROMPTS)
    log_in(page, "ansatt")
    button = page.get_by_role("button", name="Slå på varsler")
    button.wait_for()
    assert _panel(page).get_attribute("data-state") == "off"
    assert "Få varsel på denne enheten" in _panel(page).inner_text()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__prompts") == 0

    button.click()
    # Headless Chromium answers the prompt itself (no person to ask): "denied" here.
    page.locator("#notify-panel[data-state='blocked']").wait_for()
    assert page.evaluate("window.__prompts") == 1
    assert "Varsler er blokkert for Steg i denne nettleseren" in _panel(page).inner_text()


def test_with_permission_but_no_push_service_the_failure_is_said(push_server, open_page):
    page = open_page(push_server)
    page.context.grant_permissions(["notifications"], origin=push_server.url)
    log_in(page, "ansatt")
    page.get_by_role("button", name="Slå på varsler").click()
    # No network to a push service here: subscribe() fails, and the person is told so.
    page.locator("#notify-panel[data-state='failed']").wait_for()
    assert "Varsler kunne ikke slås på. Prøv igjen senere." in _panel(page).inner_text()
    assert page.get_by_role("button", name="Slå på varsler").is_visible()


def test_offline_the_button_says_it_needs_a_network(push_server, profiles):
    profile = profiles(push_server)
    page = profile.page()
    log_in(page, "ansatt")
    wait_offline_ready(page)
    profile.context.set_offline(True)
    page.get_by_role("button", name="Slå på varsler").click()
    page.locator("#notify-panel[data-state='failed']").wait_for()
    assert "Du trenger nett for å slå på varsler" in _panel(page).inner_text()


def test_a_leader_turns_notifications_on_from_the_account_page(push_server, open_page):
    page = open_page(push_server)
    page.context.add_init_script(COUNT_PROMPTS)
    page.goto("/login?next=/account")
    page.get_by_label("Brukernavn").fill("leder")
    page.get_by_label("Passord").fill("demo-steg-2026")
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("button", name="Slå på varsler").wait_for()
    assert page.evaluate("window.__prompts") == 0
    assert "Ingen enhet får varsler fra Steg" in page.locator("#notifications").inner_text()


def test_the_service_worker_shows_a_pushed_message(push_server, open_page):
    page = open_page(push_server)
    page.context.grant_permissions(["notifications"], origin=push_server.url)
    log_in(page, "ansatt")
    wait_offline_ready(page)
    cdp = page.context.new_cdp_session(page)
    versions = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: versions.append(event))
    cdp.send("ServiceWorker.enable")
    page.wait_for_timeout(500)
    registrations = [r for e in versions for r in e["registrations"] if not r["isDeleted"]]
    payload = {
        "title": "Du har fått svar",
        "body": "Åpne Steg for å se den.",
        "url": "/app#record/abc",
        "tag": "steg-answer-1",
    }
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": push_server.url,
            "registrationId": registrations[0]["registrationId"],
            "data": json.dumps(payload),
        },
    )
    shown = None
    for _attempt in range(50):
        shown = page.evaluate(SHOWN)
        if shown:
            break
        page.wait_for_timeout(100)
    assert shown == {
        "title": "Du har fått svar",
        "body": "Åpne Steg for å se den.",
        "url": "/app#record/abc",
    }


def test_without_push_on_the_server_the_app_says_nothing_about_it(app_server, open_page):
    page = open_page(app_server)  # no STEG_VAPID_PRIVATE_KEY
    log_in(page, "ansatt")
    page.locator("#notify-panel[data-state='unavailable']").wait_for(state="attached")
    assert _panel(page).is_hidden()
    assert page.get_by_role("button", name="Slå på varsler").count() == 0
