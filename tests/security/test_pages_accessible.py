"""The account, password confirmation and audit pages are accessible (axe, WCAG 2.1 AA)."""

import pytest

from app.services.demo import DEMO_PASSWORD
from tests.fixtures.browser import assert_accessible

pytestmark = pytest.mark.e2e


def _log_in(page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")


@pytest.mark.parametrize("width", [360, 768])
def test_account_and_audit_pages_are_accessible(page, demo, width):
    page.set_viewport_size({"width": width, "height": 800})
    _log_in(page, "koordinator")
    for path in ("/account", "/account/confirm?next=/", "/admin/audit"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        assert_accessible(page)


def test_person_changes_own_password_in_the_browser(page, demo):
    _log_in(page, "ansatt")
    page.goto("/account")
    page.locator("#current_password").fill(DEMO_PASSWORD)
    page.locator("#new_password").fill("fire hvite måker over fjorden")
    page.locator("form[action$='/account/password'] button[type=submit]").click()
    page.locator("#password-changed").wait_for()
    assert_accessible(page)
