"""The leader's HMS checklist: answered before an HMS deviation is closed, each answer an event."""

from app.extensions import db
from app.models import Deviation
from tests.api.conftest import ApiClient
from tests.web.leader_support import load, make_deviation

ALL_ANSWERED = {
    "hms_arbeidstilsynet": "not_relevant",
    "hms_police": "not_relevant",
    "hms_safety_rep": "yes",
    "hms_follow_up": "yes",
}


def _close(client, deviation_id):
    return client.post(
        f"/leader/deviations/{deviation_id}/status",
        data={"csrf_token": client.csrf, "status": "closed", "closing_summary": "Fulgt opp."},
    )


def _answer(client, deviation_id, **answers):
    return client.post(
        f"/leader/deviations/{deviation_id}/hms-checklist",
        data={"csrf_token": client.csrf, **answers},
    )


def test_closing_an_hms_deviation_without_the_checklist_names_what_is_missing(app, login):
    violence = make_deviation(app, category="violence")
    leader = login("leder")
    _answer(leader, violence, hms_safety_rep="yes", hms_follow_up="no")

    response = _close(leader, violence)

    assert response.status_code == 422
    assert "Svar på HMS-sjekklisten før du lukker." in response.text
    assert "Arbeidstilsynet varslet? (alvorlig skade eller dødsfall)" in response.text
    assert "Ikke besvart." in response.text
    assert response.text.count('id="hms_arbeidstilsynet-error"') == 1
    assert response.text.count('id="hms_police-error"') == 1
    assert load(app, Deviation, violence).status == "new"


def test_with_every_item_answered_the_deviation_closes(app, login):
    violence = make_deviation(app, category="staff_injury")
    leader = login("leder")

    saved = _answer(leader, violence, **ALL_ANSWERED)
    closed = _close(leader, violence)

    assert (saved.status_code, closed.status_code) == (302, 302)
    assert load(app, Deviation, violence).status == "closed"


def test_each_answer_is_an_event_in_words_and_a_changed_answer_a_new_one(app, login):
    violence = make_deviation(app, category="violence")
    leader = login("leder")

    _answer(leader, violence, hms_police="no")
    _answer(leader, violence, hms_police="no")  # the same again: nothing new
    _answer(leader, violence, hms_police="yes")
    html = leader.get(f"/leader/deviations/{violence}").text

    actions = [e.action for e in load(app, Deviation, violence).events]
    assert actions == ["created", "hms_police_no", "hms_police_yes"]
    assert "Politiet er ikke varslet" in html
    assert "Politiet er varslet" in html
    assert '<input checked id="hms_police-0" name="hms_police" type="radio" value="yes">' in html


def test_answers_reach_the_reporters_device_and_the_tablet_has_words_for_them(app, login):
    violence = make_deviation(app, category="violence")
    reporter = ApiClient(login("ansatt"))
    _, cursor, _ = reporter.pull_all()
    _answer(login("leder"), violence, hms_safety_rep="yes")

    changes, _, _ = reporter.pull_all(cursor)
    words_nb = reporter.get("/app/i18n/nb.json").json
    words_en = reporter.get("/app/i18n/en.json").json

    assert changes[0]["record"]["events"][-1]["action"] == "hms_safety_rep_yes"
    assert changes[0]["record"]["version"] == 2
    assert words_nb["@labels"]["event"]["hms_safety_rep_yes"] == "Verneombudet er informert"
    assert (
        words_en["@labels"]["event"]["hms_safety_rep_yes"]
        == "The safety representative has been informed"
    )


def test_an_unknown_answer_is_refused_on_its_field(app, login):
    violence = make_deviation(app, category="violence")
    leader = login("leder")

    response = _answer(leader, violence, hms_police="maybe")

    assert response.status_code == 422
    assert 'id="hms_police-error"' in response.text
    assert [e.action for e in load(app, Deviation, violence).events] == ["created"]


def test_a_deviation_that_is_not_hms_has_no_checklist_and_closes_as_before(app, login):
    fall = make_deviation(app, category="fall")
    leader = login("leder")

    page = leader.get(f"/leader/deviations/{fall}").text
    answered = _answer(leader, fall, hms_police="yes")
    closed = _close(leader, fall)

    assert "HMS-sjekkliste" not in page
    assert answered.status_code == 422
    assert closed.status_code == 302


def test_the_api_refuses_to_close_until_the_checklist_is_answered(app, login):
    violence = make_deviation(app, category="violence")
    api = ApiClient(login("leder"))
    close = {"status": "closed", "closing_summary": "Fulgt opp."}

    refused = api.post(f"/api/v1/deviations/{violence}/status", close)
    answered = api.post(
        f"/api/v1/deviations/{violence}/hms-checklist",
        {"arbeidstilsynet": "yes", "police": "yes", "safety_rep": "yes", "follow_up": "yes"},
    )
    closed = api.post(f"/api/v1/deviations/{violence}/status", close)

    assert refused.status_code == 422
    error = refused.json["error"]
    assert "Svar på HMS-sjekklisten før du lukker." in error["message"]
    assert sorted(error["fields"]) == [
        "hms_arbeidstilsynet",
        "hms_follow_up",
        "hms_police",
        "hms_safety_rep",
    ]
    assert answered.status_code == 200
    assert [e["action"] for e in answered.json["events"]][-4:] == [
        "hms_arbeidstilsynet_yes",
        "hms_police_yes",
        "hms_safety_rep_yes",
        "hms_follow_up_yes",
    ]
    assert closed.json["status"] == "closed"


def test_the_api_refuses_a_bad_answer_and_a_worker(app, login):
    violence = make_deviation(app, category="violence")

    bad = ApiClient(login("leder")).post(
        f"/api/v1/deviations/{violence}/hms-checklist", {"police": "maybe"}
    )
    worker = ApiClient(login("ansatt")).post(
        f"/api/v1/deviations/{violence}/hms-checklist", {"police": "yes"}
    )
    rep = ApiClient(login("verneombud")).post(
        f"/api/v1/deviations/{violence}/hms-checklist", {"police": "yes"}
    )

    assert bad.status_code in (400, 422)
    assert "police" in str(bad.json["error"])
    assert (worker.status_code, rep.status_code) == (403, 403)
    with app.app_context():
        assert len(db.session.get(Deviation, violence).events) == 1
