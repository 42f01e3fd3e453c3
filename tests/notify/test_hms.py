"""HMS cases (violence, staff injury, and what a coordinator marks) reach the unit's
safety representative: push and the "Nytt" list; other deviations never do."""

import pytest

from app.extensions import db
from app.models import Unit
from app.services.demo import DEMO_PASSWORD, HOME_CARE
from app.services.users import create_user
from tests.api.helpers import deviation_create
from tests.notify.conftest import SECRET_TEXT, subscribe
from tests.notify.push_endpoint import Browser


@pytest.fixture
def safety_rep(app, demo):
    with app.app_context():
        unit = db.session.scalar(db.select(Unit).where(Unit.name == HOME_CARE))
        create_user("verneombud", DEMO_PASSWORD, "safety_rep", unit, "Vera Verne")
        db.session.commit()
    return "verneombud"


def test_a_violence_case_reaches_the_safety_rep_and_not_a_fall(
    push_on, api, safety_rep, push_endpoint, login
):
    rep_browser, leader_browser = Browser(), Browser()
    subscribe(api(safety_rep), push_endpoint.url("verneombud"), rep_browser)
    subscribe(api("leder"), push_endpoint.url("leder"), leader_browser)
    worker = api("ansatt")
    worker.push_one(deviation_create(category="fall", severity="low"))
    worker.push_one(
        deviation_create(category="violence", severity="moderate", description=SECRET_TEXT)
    )

    [received] = push_endpoint.wait_for(1)
    assert received.path == "/push/verneombud"
    payload = rep_browser.decrypt(received.body)
    assert payload["title"] == "Ny HMS-sak"
    assert SECRET_TEXT not in repr(payload)

    page = login(safety_rep).get("/").text
    assert "Ny HMS-sak" in page
    assert "Vold og trusler" in page


def test_a_critical_staff_injury_tells_both_the_leader_and_the_safety_rep(
    push_on, api, safety_rep, push_endpoint
):
    rep_browser, leader_browser = Browser(), Browser()
    subscribe(api(safety_rep), push_endpoint.url("verneombud"), rep_browser)
    subscribe(api("leder"), push_endpoint.url("leder"), leader_browser)
    api("ansatt").push_one(deviation_create(category="staff_injury", severity="critical"))
    received = {r.path: r for r in push_endpoint.wait_for(2)}
    assert set(received) == {"/push/verneombud", "/push/leder"}
    assert rep_browser.decrypt(received["/push/verneombud"].body)["title"] == "Ny HMS-sak"
    assert leader_browser.decrypt(received["/push/leder"].body)["title"] == "Nytt alvorlig avvik"
