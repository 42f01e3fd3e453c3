"""Every screen of the worker app passes axe (WCAG 2.1 A/AA) in both languages,
on a phone and on a tablet, without sideways scrolling (axe on the phone in bokmål and
on the tablet in English, the layout on both in each)."""

import pytest

from tests.e2e.conftest import log_in, wait_ready
from tests.fixtures.browser import assert_accessible, assert_fits

pytestmark = pytest.mark.e2e

SEED = """async () => {
  const records = await import('/static/js/store/records.js');
  const id = crypto.randomUUID();
  await records.saveRecord({ type: 'deviation', id, fields: {
    category: 'fall', severity: 'high', occurred_at: new Date().toISOString(),
    location: 'Bad', description: 'Bruker skled på badet', immediate_action: 'Hjalp opp' } });
  await records.saveRecord({ type: 'idea', id: crypto.randomUUID(), fields: {
    title: 'Sklimatter', problem: 'Glatte gulv', proposal: 'Matter på alle bad', benefit: '' } });
  return id;
}"""


PHONE_AND_TABLET = (360, 1024)  # the app's tablets are held sideways


def check(page) -> None:
    """axe at the test's width, no sideways scrolling on a phone or a tablet."""
    page.wait_for_timeout(100)  # let the view finish rendering
    assert_accessible(page)
    assert_fits(page, PHONE_AND_TABLET, touch_targets=False)


@pytest.mark.parametrize(("lang", "width"), [("nb", 360), ("en", 1024)])
def test_every_app_screen_is_accessible(app_server, open_page, lang, width):
    page = open_page(app_server, service_workers="block")
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, "ansatt")
    if lang == "en":
        page.get_by_role("button", name="English").click()
        wait_ready(page)
        page.locator("html[lang='en']").wait_for()
    check(page)  # my records, empty
    page.context.set_offline(True)
    deviation_id = page.evaluate(SEED)
    for route in (
        "new-deviation",
        "new-idea",
        f"record/{deviation_id}",
        f"edit/{deviation_id}",
        f"new-idea/from/{deviation_id}",
    ):
        page.evaluate(f"location.hash = '#{route}'")
        page.locator("#view h1").wait_for()
        check(page)
    page.evaluate("location.hash = '#new-deviation'")
    # The deviation form, not the idea form it replaces (the render is asynchronous).
    page.locator("form.record-form [data-field='severity']").wait_for()
    page.locator("form.record-form button[type=submit]").click()
    page.locator(".form-alert.alert-error").wait_for()
    check(page)  # the form with its errors
    page.evaluate("location.hash = '#mine'")
    page.locator(".record-item").nth(1).wait_for()
    check(page)  # the list, offline, with unsent items
    page.locator("#logout-form button").click()
    page.get_by_role("alertdialog").wait_for()
    check(page)  # the logout warning
