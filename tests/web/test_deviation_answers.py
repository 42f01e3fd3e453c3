"""What a leader does with a deviation reaches its reporter: an idea made from it is
the reporter's, and a closed deviation is reopened only on purpose, with a reason."""

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.models import User
from app.services import deviations as deviation_service
from app.services.deviations import REASON_REQUIRED
from tests.web.leader_support import Deviation, Idea, load, make_deviation  # noqa: F401


def make_idea_from(leader, deviation_id):
    form = {"csrf_token": leader.csrf, "title": "Sklisikre matter", "proposal": "Kjøp matter."}
    response = leader.post(f"/leader/deviations/{deviation_id}/idea", data=form)
    assert response.status_code == 302, response.text
    return response.headers["Location"].rsplit("/", 1)[1]


def test_an_idea_from_a_deviation_is_the_reporters_and_reaches_their_tablet(app, login, demo):
    leader = login("leder")
    deviation_id = make_deviation(app)

    idea_id = make_idea_from(leader, deviation_id)

    idea = load(app, Idea, idea_id)
    assert idea.reporter_id == demo["ansatt"]
    assert [(e.action, e.actor_id) for e in idea.events] == [
        ("created_from_deviation", demo["leder"])
    ]
    deviation = load(app, Deviation, deviation_id)
    assert deviation.status == "in_progress"
    assert [e.action for e in deviation.events][-2:] == [
        "idea_created_from_deviation",
        "status_changed",
    ]
    pulled = login("ansatt").get("/api/v1/sync/pull").json["changes"]
    mine = {c["id"]: c["record"] for c in pulled}
    assert mine[idea_id]["reporter"]["id"] == demo["ansatt"]
    assert mine[idea_id]["events"][0]["actor"]["display_name"] == "Lise Berg"
    assert mine[deviation_id]["status"] == "in_progress"


def test_an_idea_from_a_deviation_under_way_leaves_its_status(app, login):
    leader = login("leder")
    deviation_id = make_deviation(app)
    close(app, deviation_id)

    make_idea_from(leader, deviation_id)

    assert load(app, Deviation, deviation_id).status == "closed"


def close(app, deviation_id):
    with app.app_context():
        leader = db.session.scalar(db.select(User).where(User.username == "leder"))
        deviation_service.change_deviation_status(
            db.session.get(Deviation, deviation_id), leader, "closed", closing_summary="Ryddet."
        )
        db.session.commit()


def test_a_closed_deviation_offers_reopen_not_acknowledge(app, login):
    leader = login("leder")
    deviation_id = make_deviation(app)
    new_page = leader.get(f"/leader/deviations/{deviation_id}").text
    assert "Bekreft mottatt" in new_page
    close(app, deviation_id)

    page = leader.get(f"/leader/deviations/{deviation_id}").text

    assert "Bekreft mottatt" not in page
    assert 'name="status" value="in_progress"' in page
    assert ">Gjenåpne<" in page
    assert "Ryddet." in page


@pytest.mark.parametrize("locale", ["nb", "en"])
def test_reopening_without_a_reason_is_refused_on_the_page_and_the_api(app, login, locale):
    leader = login("leder")
    leader.post("/language", data={"csrf_token": leader.csrf, "lang": locale, "next": "/"})
    deviation_id = make_deviation(app)
    close(app, deviation_id)
    version = load(app, Deviation, deviation_id).version

    page = leader.post(
        f"/leader/deviations/{deviation_id}/status",
        data={"csrf_token": leader.csrf, "version": version, "status": "in_progress"},
    )
    api = leader.post(
        f"/api/v1/deviations/{deviation_id}/status",
        json={"status": "in_progress", "comment": "  "},
        headers={"X-CSRFToken": leader.csrf},
    )

    with app.test_request_context(), force_locale(locale):
        message = str(REASON_REQUIRED)
    assert page.status_code == 422
    assert message in page.text
    assert 'aria-invalid="true"' in page.text
    assert api.status_code == 422
    assert list(api.json["error"]["fields"]) == ["comment"]
    assert api.json["error"]["fields"]["comment"] == [message]
    after = load(app, Deviation, deviation_id)
    assert (after.status, after.version) == ("closed", version)


def test_reopening_with_a_reason_keeps_the_summary_and_says_why(app, login):
    leader = login("leder")
    deviation_id = make_deviation(app)
    close(app, deviation_id)

    api = leader.post(
        f"/api/v1/deviations/{deviation_id}/status",
        json={"status": "in_progress", "comment": "Skjedde igjen i går."},
        headers={"X-CSRFToken": leader.csrf},
    )

    assert api.status_code == 200, api.text
    assert api.json["status"] == "in_progress"
    assert api.json["closing_summary"] == "Ryddet."
    last = api.json["events"][-1]
    assert (last["action"], last["from_status"], last["to_status"], last["comment"]) == (
        "reopened",
        "closed",
        "in_progress",
        "Skjedde igjen i går.",
    )
    page = leader.get(f"/leader/deviations/{deviation_id}").text
    assert "Oppsummering da det ble lukket" in page
    assert "Gjenåpnet" in page
    assert "Skjedde igjen i går." in page
    # once open again, the usual decisions are back: closing, not reopening
    assert ">Gjenåpne<" not in page
    assert 'name="status" value="closed"' in page
