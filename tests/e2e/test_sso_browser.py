"""A worker signs in with the municipality's account in Chromium (a real oidc-provider),
works offline as before, and signs in again the same way before the queue is sent."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Deviation, SsoGroupMapping, Unit
from app.services.demo import HOME_CARE
from tests.e2e.conftest import count_records, save_deviation, unsent, wait_offline_ready, wait_ready
from tests.fixtures.browser import assert_accessible
from tests.fixtures.oidc import start_steg_with_provider

pytestmark = pytest.mark.e2e

ACCOUNTS = {
    "siri": {
        "sub": "sub-siri-1001",
        "name": "Siri Hjemmetjeneste",
        "email": "siri@kommune.test",
        "groups": ["grp-home-care-staff"],
    },
    "nora": {
        "sub": "sub-nora-1002",
        "name": "Nora Koordinator",
        "email": "nora@kommune.test",
        "groups": ["grp-coordinators"],
    },
    "ola": {"sub": "sub-ola-1003", "name": "Ola Utenfor", "email": "ola@x.test", "groups": []},
}


@pytest.fixture(scope="module")
def sso_server(app, database_url):
    steg, provider = start_steg_with_provider(database_url, ACCOUNTS)
    yield steg
    steg.stop()
    provider.stop()


@pytest.fixture
def steg(app, demo, sso_server):
    with app.app_context():
        home_care = db.session.scalar(select(Unit).where(Unit.name == HOME_CARE))
        db.session.add_all(
            [
                SsoGroupMapping(group_id="grp-home-care-staff", role="worker", unit=home_care),
                SsoGroupMapping(group_id="grp-coordinators", role="coordinator"),
            ]
        )
        db.session.commit()
    return sso_server


def sign_in_at_provider(page, who: str) -> None:
    """The provider's own sign-in page (its development page: login is the subject)."""
    page.locator("input[name=login]").fill(ACCOUNTS[who]["sub"])
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()


def sso_log_in(page, who: str, next_path: str = "/app") -> None:
    page.goto(f"/login?next={next_path}")
    page.get_by_role("link", name="Logg inn med kommunens konto").click()
    sign_in_at_provider(page, who)


def test_a_worker_signs_in_works_offline_and_signs_in_again_before_sending(app, steg, profiles):
    profile = profiles(steg)
    page = profile.page()
    sso_log_in(page, "siri")
    wait_ready(page)
    assert page.url == steg.url + "/app"
    wait_offline_ready(page)

    # The browser comes back without network and without any session (Steg's or the provider's).
    context = profile.reopen(offline=True, keep_session=False)
    page = profile.page()
    page.goto("/app")
    wait_ready(page)
    save_deviation(page, "Lagret etter innlogging med kommunens konto")
    unsent(page, 1).wait_for()

    context.set_offline(False)
    login = page.locator("#status-message").get_by_role("link", name="Logg inn")
    login.wait_for()
    assert count_records(app, Deviation) == 0
    login.click()
    page.get_by_role("link", name="Logg inn med kommunens konto").click()
    sign_in_at_provider(page, "siri")
    unsent(page, 0).wait_for()
    assert count_records(app, Deviation, description="Lagret etter innlogging med kommunens konto")


def test_an_unknown_person_sees_a_clear_accessible_page(steg, open_page):
    page = open_page(steg)
    sso_log_in(page, "ola", "/")
    page.get_by_role("heading", name="Ikke logget inn").wait_for()
    assert page.get_by_text("Steg kjenner deg ikke ennå").is_visible()
    assert page.locator("#sso-subject").inner_text() == "sub-ola-1003"
    assert_accessible(page)


@pytest.mark.parametrize("width", [360, 768])
def test_login_and_group_pages_fit_phone_and_tablet(steg, open_page, width):
    page = open_page(steg)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/login")
    assert_accessible(page)
    page.screenshot(path=f"/tmp/shots/sso-login-{width}.png", full_page=True)
    sso_log_in(page, "nora", "/admin/sso-groups")
    page.get_by_role("heading", name="Innloggingsgrupper").wait_for()
    page.get_by_label("Gruppe-ID").fill("3f2c9a1e-5b7d-4c1a-9e2f-0a1b2c3d4e5f")
    page.get_by_label("Rolle").select_option(label="Leder")
    page.get_by_label("Enhet").select_option(label=HOME_CARE)
    page.get_by_role("button", name="Koble gruppe").click()
    page.get_by_text("Gruppe koblet: 3f2c9a1e-5b7d-4c1a-9e2f-0a1b2c3d4e5f").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "scrolls sideways"
    assert_accessible(page)
    page.screenshot(path=f"/tmp/shots/sso-groups-{width}.png", full_page=True)
