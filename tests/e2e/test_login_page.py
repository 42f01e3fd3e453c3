"""A worker logs in through a real browser and lands on an accessible start page."""

import pytest

from app.services.demo import DEMO_PASSWORD
from tests.fixtures.browser import assert_accessible

pytestmark = pytest.mark.e2e


def test_worker_logs_in_and_sees_accessible_start_page(page, demo):
    page.goto("/login")
    assert_accessible(page)
    page.get_by_label("Brukernavn").fill("ansatt")
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()

    page.wait_for_url("**/")
    assert page.get_by_role("heading", name="Hei, Kari Hansen").is_visible()
    assert page.get_by_role("link", name="Nytt avvik").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("width", [360, 768])
def test_start_page_is_accessible_on_phone_and_tablet(page, demo, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/login")
    page.get_by_label("Brukernavn").fill("ansatt")
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, "the page scrolls sideways"
    assert_accessible(page)
