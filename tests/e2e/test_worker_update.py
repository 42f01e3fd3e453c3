"""A new version of the app arrives while items wait in the outbox."""

import pytest

from app.models import Deviation
from tests.e2e.conftest import (
    count_records,
    log_in,
    save_deviation,
    unsent,
    wait_offline_ready,
    wait_ready,
)

pytestmark = pytest.mark.e2e

CACHES = "caches.keys().then(keys => keys.filter(k => k.startsWith('steg-shell-')))"


def test_update_waits_for_the_person_and_keeps_unsent_items(app, own_server, open_page):
    page = open_page(own_server)
    log_in(page, "ansatt")
    wait_offline_ready(page)
    old_caches = page.evaluate(CACHES)
    page.context.set_offline(True)
    save_deviation(page, "Før oppdateringen 1")
    save_deviation(page, "Før oppdateringen 2")
    unsent(page, 2).wait_for()

    own_server.stop()  # a new version is deployed
    own_server.env["STEG_APP_BUILD"] = "next"
    own_server.start()
    page.context.route("**/api/v1/sync/push", lambda route: route.abort())
    page.context.set_offline(False)
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    update = page.get_by_role("button", name="Ny versjon – last inn på nytt")
    update.wait_for()
    unsent(page, 2).wait_for()
    assert count_records(app, Deviation) == 0

    page.context.unroute("**/api/v1/sync/push")
    page.evaluate("window.beforeUpdate = true")
    update.click()
    page.wait_for_function("() => !window.beforeUpdate")
    page.wait_for_load_state()
    wait_ready(page)
    unsent(page, 0).wait_for()
    assert count_records(app, Deviation) == 2
    new_caches = page.evaluate(CACHES)
    assert len(new_caches) == 1
    assert new_caches != old_caches
