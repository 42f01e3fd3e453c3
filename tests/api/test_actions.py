"""Leader actions: decide on ideas, move deviations on, add measures."""

import pytest

from tests.api.helpers import deviation_create, idea_create


@pytest.fixture
def idea(api):
    return api("ansatt").push_one(idea_create())["record"]


@pytest.fixture
def deviation(api):
    return api("ansatt").push_one(deviation_create())["record"]


def decide(leader, record, **body):
    return leader.post(f"/api/v1/ideas/{record['id']}/status", body)


def test_rejected_without_comment_is_422_invalid_naming_comment(api, idea):
    response = decide(api("leder"), idea, status="rejected", comment="  ")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid"
    assert list(response.json["error"]["fields"]) == ["comment"]


def test_rejected_with_comment_keeps_the_reason_for_the_reporter(api, idea):
    response = decide(api("leder"), idea, status="rejected", comment="Koster for mye nå.")
    assert response.status_code == 200
    assert response.json["status"] == "rejected"
    assert response.json["decision_comment"] == "Koster for mye nå."
    event = response.json["events"][-1]
    assert (event["from_status"], event["to_status"], event["action"]) == (
        "new",
        "rejected",
        "status_changed",
    )
    assert event["actor"]["display_name"] == "Lise Berg"


def test_approval_sets_responsible_and_due_date_and_bumps_version(api, idea):
    response = decide(
        api("leder"), idea, status="approved", responsible="Kari", due_date="2026-12-15"
    )
    assert response.status_code == 200
    assert (response.json["responsible"], response.json["due_date"]) == ("Kari", "2026-12-15")
    assert response.json["version"] == 2


def test_small_idea_may_go_straight_to_done(api, idea):
    assert decide(api("leder"), idea, status="done").json["status"] == "done"


def test_forbidden_transition_is_422_invalid_naming_status(api, idea):
    leader = api("leder")
    decide(leader, idea, status="rejected", comment="Nei.")
    response = decide(leader, idea, status="approved")
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["status"]


def test_unknown_status_is_422_invalid(api, idea):
    response = decide(api("leder"), idea, status="maybe")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid"
    assert list(response.json["error"]["fields"]) == ["status"]


def test_closed_without_summary_is_422_invalid(api, deviation):
    response = api("leder").post(
        f"/api/v1/deviations/{deviation['id']}/status", {"status": "closed"}
    )
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["closing_summary"]


def test_closing_with_summary_reaches_the_record(api, deviation):
    leader = api("leder")
    url = f"/api/v1/deviations/{deviation['id']}/status"
    assert leader.post(url, {"status": "in_progress"}).json["status"] == "in_progress"
    body = leader.post(url, {"status": "closed", "closing_summary": "Ny matte på badet."}).json
    assert body["status"] == "closed"
    assert body["closing_summary"] == "Ny matte på badet."
    assert body["version"] == 3


def test_measure_is_added_with_201_and_shows_on_the_deviation(api, deviation):
    response = api("leder").post(
        f"/api/v1/deviations/{deviation['id']}/measures",
        {"text": "Sklisikker matte", "responsible": "Lise", "due_date": "2026-12-01"},
    )
    assert response.status_code == 201
    measure = response.json["measures"][0]
    assert measure["text"] == "Sklisikker matte"
    assert (measure["responsible"], measure["due_date"], measure["done"]) == (
        "Lise",
        "2026-12-01",
        False,
    )
    assert response.json["events"][-1]["action"] == "measure_added"


def test_measure_without_text_is_422_naming_text(api, deviation):
    response = api("leder").post(f"/api/v1/deviations/{deviation['id']}/measures", {})
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["text"]


def test_national_identity_number_in_a_comment_is_refused(api, idea):
    response = decide(api("leder"), idea, status="under_review", comment="Se 24128510180")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "personal_id_number"
    assert list(response.json["error"]["fields"]) == ["comment"]


def test_malformed_json_on_a_leader_action_is_400(api, idea):
    response = api("leder").post(
        f"/api/v1/ideas/{idea['id']}/status",
        data="{",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"
