"""HMS cases (violence, staff injury, and what a coordinator marks) reach the unit's
safety representative: push and the "Nytt" list; other deviations never do."""

import re

import pytest

from app.extensions import db
from app.models import Category
from tests.api.helpers import deviation_create
from tests.notify.conftest import SECRET_TEXT, subscribe
from tests.notify.push_endpoint import Browser


@pytest.fixture
def safety_rep(demo):
    """The home-care unit's demo safety representative."""
    assert "verneombud" in demo
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

    rep = login(safety_rep)
    page = rep.get("/").text
    assert "Ny HMS-sak" in page
    assert "Vold og trusler" in page
    link = re.search(r'href="(/notifications/\d+)"', page).group(1)
    opened = rep.get(link)
    assert opened.headers["Location"].startswith("/hms/deviations/")
    assert rep.get(opened.headers["Location"]).status_code == 200
    assert "Ingenting nytt akkurat nå." in rep.get("/").text


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


def test_a_category_the_coordinator_marks_hms_reaches_the_safety_rep_from_a_push(
    push_on, app, api, safety_rep, push_endpoint
):
    with app.app_context():
        for category in db.session.scalars(db.select(Category).filter_by(code="fall")):
            category.hms = True
        db.session.commit()
    rep_browser = Browser()
    subscribe(api(safety_rep), push_endpoint.url("verneombud"), rep_browser)
    api("ansatt").push_one(deviation_create(category="fall", severity="low"))

    [received] = push_endpoint.wait_for(1)
    assert rep_browser.decrypt(received.body)["title"] == "Ny HMS-sak"
