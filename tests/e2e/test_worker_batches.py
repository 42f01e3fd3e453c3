"""Many items queued offline go out in batches the server accepts."""

import json
import time

import pytest

from app.models import Deviation
from tests.e2e.conftest import count_records, log_in, unsent

pytestmark = pytest.mark.e2e

QUEUE = """async n => {
  const records = await import('/static/js/store/records.js');
  const engine = await import('/static/js/sync/engine.js');
  for (let i = 0; i < n; i += 1) {
    await records.saveRecord({ type: 'deviation', id: crypto.randomUUID(), fields: {
      category: 'fall', severity: 'low', occurred_at: new Date().toISOString(),
      location: '', description: `Kø nummer ${i}`, immediate_action: '' } });
  }
  await engine.refreshCounts();
}"""


RECORD_STATUS = """() => {
  window.statusSeen = [];
  const status = document.querySelector('#sync-status');
  new MutationObserver(() => window.statusSeen.push(status.textContent))
    .observe(status, { subtree: true, childList: true, characterData: true });
}"""


def batch_sizes(page, answer=None) -> list[int]:
    sizes = []

    def spy(route):
        size = len(json.loads(route.request.post_data)["mutations"])
        sizes.append(size)
        if answer and answer(route, size):
            return
        time.sleep(0.3)  # slow enough for a person (and the test) to see progress
        route.continue_()

    page.route("**/api/v1/sync/push", spy)
    return sizes


def test_300_offline_items_are_sent_in_batches_with_progress(app, app_server, open_page):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    page.context.set_offline(True)
    page.evaluate(QUEUE, 300)
    unsent(page, 300).wait_for()
    sizes = batch_sizes(page)
    page.evaluate(RECORD_STATUS)

    page.context.set_offline(False)
    unsent(page, 0).wait_for(timeout=60_000)
    assert sizes == [100, 100, 100]
    seen = page.evaluate("window.statusSeen")
    for progress in ("Sender 0 av 300", "Sender 100 av 300", "Sender 200 av 300"):
        assert any(progress in text for text in seen), progress
    assert count_records(app, Deviation) == 300


def test_too_large_answer_halves_the_batch_and_everything_arrives(app, app_server, open_page):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    page.context.set_offline(True)
    page.evaluate(QUEUE, 50)

    def too_large(route, size):
        if size <= 30:
            return False
        body = {"error": {"code": "too_large", "message": "For stor"}}
        route.fulfill(status=413, json=body)
        return True

    sizes = batch_sizes(page, too_large)
    page.context.set_offline(False)
    unsent(page, 0).wait_for(timeout=30_000)
    assert sizes == [50, 25, 25]
    assert count_records(app, Deviation) == 50
