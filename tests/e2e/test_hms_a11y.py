"""The HMS pages pass axe (WCAG 2.1 A/AA) in bokmål and English and fit 360 and 768 px:
the safety representative's list and deviation page, the leader's HMS checklist and
injury register, and the inbox with a critical deviation marked."""

import pytest

from app.extensions import db
from app.models import User
from app.services import deviations as deviation_service
from app.services import hms
from tests.e2e.test_leader_a11y import _check, browser_log_in
from tests.fixtures.browser import LANGUAGE_AND_WIDTH, assert_accessible
from tests.web.leader_support import Deviation, make_deviation

pytestmark = pytest.mark.e2e


def _hms_case(app) -> str:
    deviation_id = make_deviation(
        app, category="violence", severity="critical", description="Bruker slo etter meg."
    )
    with app.app_context():
        leader = db.session.scalar(db.select(User).where(User.username == "leder"))
        deviation = db.session.get(Deviation, deviation_id)
        deviation_service.add_measure(deviation, leader, "To på besøk", "Lise")
        hms.record_answers(deviation, leader, {"safety_rep": "yes"})
        db.session.commit()
    return deviation_id


@pytest.mark.parametrize(("lang", "width"), LANGUAGE_AND_WIDTH)
def test_safety_rep_pages_are_accessible(app, page, demo, lang, width):
    deviation_id = _hms_case(app)
    page.set_viewport_size({"width": width, "height": 900})
    browser_log_in(page, "verneombud", lang)

    _check(page, "/")
    _check(page, "/hms/")
    _check(page, f"/hms/deviations/{deviation_id}")
    # An empty comment: the error on the field.
    page.locator("#comment").fill("")
    page.get_by_role("button", name="Lagre kommentar" if lang == "nb" else "Save comment").click()
    page.locator(".field-error").first.wait_for()
    assert_accessible(page)


@pytest.mark.parametrize(("lang", "width"), LANGUAGE_AND_WIDTH)
def test_leader_hms_pages_are_accessible(app, page, demo, lang, width):
    deviation_id = _hms_case(app)
    page.set_viewport_size({"width": width, "height": 900})
    browser_log_in(page, "leder", lang)

    _check(page, "/leader/")
    assert page.locator(".urgent-marker").count() == 1
    _check(page, f"/leader/deviations/{deviation_id}")
    # Closing without the whole checklist: refused, the missing items marked.
    page.locator("#closing_summary").fill("Fulgt opp.")
    page.get_by_role("button", name="Lukk avvik" if lang == "nb" else "Close deviation").click()
    page.locator("#hms_police-error").wait_for()
    assert_accessible(page)
    _check(page, "/leader/injury-register/")
