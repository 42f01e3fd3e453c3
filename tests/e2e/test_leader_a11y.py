"""The leader's and coordinator's pages pass axe (WCAG 2.1 A/AA) in bokmål and
English, and fit a 360 px phone and a 768 px tablet without sideways scrolling
(axe at 360 px in bokmål and at 768 px in English, the layout at both in each)."""

import pytest

from app.extensions import db
from app.models import User
from app.services import deviations as deviation_service
from app.services.demo import DEMO_PASSWORD
from tests.fixtures.browser import LANGUAGE_AND_WIDTH, assert_accessible, assert_fits
from tests.web.leader_support import Deviation, make_deviation, make_idea

pytestmark = pytest.mark.e2e


def browser_log_in(page, username: str, lang: str) -> None:
    page.goto("/login")
    if lang == "en":
        page.get_by_role("button", name="English").click()
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Log in").click()
    else:
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")


def _with_measure(app, deviation_id: str) -> None:
    with app.app_context():
        leader = db.session.scalar(db.select(User).where(User.username == "leder"))
        deviation = db.session.get(Deviation, deviation_id)
        deviation_service.add_measure(deviation, leader, "Sklimatte på badet", "Ola")
        deviation_service.change_deviation_status(deviation, leader, "in_progress", "Sett")
        db.session.commit()


def _check(page, path: str) -> None:
    """The page at this path passes axe at the test's width and fits phone and tablet."""
    page.goto(path)
    assert_accessible(page)
    assert_fits(page, where=path)


@pytest.mark.parametrize(("lang", "width"), LANGUAGE_AND_WIDTH)
def test_leader_pages_are_accessible(app, page, demo, lang, width):
    idea_id = make_idea(app)
    deviation_id = make_deviation(app, severity="high")
    _with_measure(app, deviation_id)
    page.set_viewport_size({"width": width, "height": 900})
    browser_log_in(page, "leder", lang)

    _check(page, "/leader/")
    page.locator("summary").click()  # the filters, opened
    assert_accessible(page)
    _check(page, f"/leader/ideas/{idea_id}")
    _check(page, f"/leader/deviations/{deviation_id}")
    # A refused decision: errors shown on the form.
    page.get_by_role("button", name="Lukk avvik" if lang == "nb" else "Close deviation").click()
    page.locator(".field-error").first.wait_for()
    assert_accessible(page)


@pytest.mark.parametrize(("lang", "width"), LANGUAGE_AND_WIDTH)
def test_coordinator_pages_are_accessible(app, page, demo, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    browser_log_in(page, "koordinator", lang)

    for path in (
        "/admin/units",
        f"/admin/units/{_unit_id(app)}",
        "/admin/users",
        f"/admin/users/{demo['ansatt']}",
        "/admin/users/new",
        "/admin/categories",
        f"/admin/categories/{_category_id(app)}",
    ):
        _check(page, path)
    page.goto("/admin/users/new")
    page.locator("#username").fill("ny.person")
    page.locator("#role").select_option("worker")
    page.locator("#unit").select_option(str(_unit_id(app)))
    page.locator("form.form button[type=submit]").click()
    page.locator("#one-time-password").wait_for()
    assert_accessible(page)


def _unit_id(app) -> int:
    from app.models import Unit

    with app.app_context():
        return db.session.scalar(db.select(Unit.id).order_by(Unit.id))


def _category_id(app) -> int:
    from app.models import Category

    with app.app_context():
        return db.session.scalar(db.select(Category.id).order_by(Category.id))
