"""POST /api/v1/sync/push: one result per mutation, idempotent, never all-or-nothing."""

import pytest

from app.extensions import db
from app.models import AppliedMutation, Deviation, Idea
from tests.api.helpers import deviation_create, idea_create, new_id, update

DEVIATION_KEYS = {
    "id", "type", "unit_id", "reporter", "status", "version", "created_at", "client_time",
    "updated_at", "events", "category", "severity", "occurred_at", "location", "description",
    "immediate_action", "measures", "closing_summary",
}  # fmt: skip
IDEA_KEYS = {
    "id", "type", "unit_id", "reporter", "status", "version", "created_at", "client_time",
    "updated_at", "events", "title", "problem", "proposal", "benefit", "deviation_id",
    "decision_comment", "responsible", "due_date", "responsible_id", "status_changed_at",
    "pdsa_plan", "pdsa_do", "pdsa_study", "pdsa_act", "learning", "supporter_ids", "gains",
}  # fmt: skip


def count(app, model, record_id):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).where(model.id == record_id))


def test_created_deviation_comes_back_as_the_contract_shows_it(api, demo):
    sent = deviation_create()
    result = api("ansatt").push_one(sent)
    assert result["status"] == "applied"
    assert result["mutation_id"] == sent["mutation_id"]
    record = result["record"]
    assert set(record) == DEVIATION_KEYS
    assert record["id"] == sent["record_id"]
    assert record["type"] == "deviation"
    assert record["reporter"] == {"id": demo["ansatt"], "display_name": "Kari Hansen"}
    assert record["status"] == "new"
    assert record["version"] == 1
    assert record["category"] == "fall"
    assert record["occurred_at"] == "2026-11-27T12:50:00+00:00"
    assert record["client_time"] == "2026-11-27T13:03:00+00:00"
    assert record["measures"] == []
    event = record["events"][0]
    assert event["action"] == "created"
    assert event["actor"] == {"id": demo["ansatt"], "display_name": "Kari Hansen"}
    assert event["to_status"] == "new"


def test_created_idea_comes_back_as_the_contract_shows_it(api):
    result = api("ansatt").push_one(idea_create())
    assert result["status"] == "applied"
    assert set(result["record"]) == IDEA_KEYS
    assert result["record"]["title"] == "Fast plass til nøkkelboksen"
    assert result["record"]["decision_comment"] is None
    assert result["record"]["gains"] == []  # gains come with a decision


def test_lost_response_then_same_push_again_is_duplicate_with_one_record(app, api):
    worker = api("ansatt")
    sent = deviation_create()
    first = worker.push_one(sent)
    again = worker.push_one(sent)
    assert again["status"] == "duplicate"
    assert again["record"] == first["record"]
    assert count(app, Deviation, sent["record_id"]) == 1


def test_same_mutation_id_with_other_content_is_rejected(app, api):
    worker = api("ansatt")
    sent = deviation_create()
    worker.push_one(sent)
    changed = {**sent, "data": {**sent["data"], "description": "Noe annet."}}
    result = worker.push_one(changed)
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "mutation_id_reused"
    assert "record" not in result


def test_another_persons_mutation_id_is_never_answered_with_their_record(api):
    sent = deviation_create()
    api("ansatt").push_one(sent)
    result = api("nav-ansatt").push_one(sent)
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "mutation_id_reused"


def test_create_of_an_existing_record_by_its_reporter_is_duplicate(app, api):
    worker = api("ansatt")
    sent = deviation_create()
    worker.push_one(sent)
    again = {**sent, "mutation_id": new_id()}
    result = worker.push_one(again)
    assert result["status"] == "duplicate"
    assert result["record"]["id"] == sent["record_id"]
    assert count(app, Deviation, sent["record_id"]) == 1


def test_create_over_someone_elses_record_id_is_forbidden(api):
    sent = deviation_create()
    api("ansatt").push_one(sent)
    result = api("leder").push_one({**sent, "mutation_id": new_id()})
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "forbidden"


def test_missing_required_field_is_rejected_naming_the_field(api):
    result = api("ansatt").push_one(deviation_create(description="   "))
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "invalid"
    assert list(result["error"]["fields"]) == ["description"]


@pytest.mark.parametrize(
    ("kind", "field"),
    [("deviation", "description"), ("deviation", "location"), ("idea", "problem")],
)
def test_national_identity_number_in_free_text_is_rejected_naming_the_field(api, kind, field):
    text = "Gjelder bruker 24128510180 i 2. etasje"
    sent = deviation_create(**{field: text}) if kind == "deviation" else idea_create(problem=text)
    result = api("ansatt").push_one(sent)
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "personal_id_number"
    assert list(result["error"]["fields"]) == [field]


@pytest.mark.parametrize(
    "text",
    [
        "Bruker 241285-10180 falt",
        "Bruker 24.12.85 10180 falt",
        "Bruker 241\u00a0285\u00a0101\u00a080 falt",
        "Bruker 2412\u200b8510180 falt",
        "Bruker \uff12\uff14\uff11\uff12\uff18\uff15\uff11\uff10\uff11\uff18\uff10 falt",
    ],
)
def test_a_disguised_national_identity_number_is_rejected_naming_the_field(api, text):
    result = api("ansatt").push_one(deviation_create(description=text))
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "personal_id_number"
    assert result["error"]["fields"] == {
        "description": ["Fjern fødselsnummeret. Skriv ikke noe som kan identifisere en bruker."]
    }


def test_phone_numbers_dates_and_sums_are_accepted(api):
    text = "Ring 41 23 45 67 kl 12, +47 412 34 567. Møte 01.01.2024 12:30, 12 345,50 kr."
    result = api("ansatt").push_one(deviation_create(description=text))
    assert result["status"] == "applied"


def test_eleven_digits_that_fail_the_checksum_are_accepted(api):
    result = api("ansatt").push_one(deviation_create(description="Ring ordre 12345678901."))
    assert result["status"] == "applied"


def test_category_the_unit_does_not_have_is_rejected(api):
    result = api("ansatt").push_one(deviation_create(category="housing"))
    assert result["status"] == "rejected"
    assert result["error"]["fields"] == {"category": [result["error"]["message"]]}


def test_retired_category_cannot_be_chosen_but_stays_valid_on_old_records(api, retire_category):
    worker = api("ansatt")
    old = worker.push_one(deviation_create())["record"]
    retire_category("fall")
    assert worker.push_one(deviation_create())["status"] == "rejected"
    kept = worker.push_one(update("deviation", old["id"], 1, category="fall", location="Gang"))
    assert kept["status"] == "applied"
    assert kept["record"]["category"] == "fall"


def test_server_owned_fields_sent_by_a_device_are_ignored(api, demo):
    sent = idea_create(
        status="approved", version=9, decision_comment="Godkjent av meg selv", reporter_id=1
    )
    record = api("ansatt").push_one(sent)["record"]
    assert record["status"] == "new"
    assert record["version"] == 1
    assert record["decision_comment"] is None
    assert record["reporter"]["id"] == demo["ansatt"]


def test_update_with_current_version_is_applied_and_bumps_version(api):
    worker = api("ansatt")
    record = worker.push_one(idea_create())["record"]
    result = worker.push_one(update("idea", record["id"], 1, proposal="To kroker."))
    assert result["status"] == "applied"
    assert result["record"]["proposal"] == "To kroker."
    assert result["record"]["title"] == record["title"]
    assert result["record"]["version"] == 2
    assert [e["action"] for e in result["record"]["events"]] == ["created", "updated"]


def test_update_with_old_base_version_is_conflict_with_the_server_copy(api):
    worker = api("ansatt")
    record = worker.push_one(idea_create())["record"]
    worker.push_one(update("idea", record["id"], 1, proposal="Første endring."))
    result = worker.push_one(update("idea", record["id"], 1, proposal="Andre endring."))
    assert result["status"] == "conflict"
    assert result["error"]["code"] == "conflict"
    assert result["record"]["proposal"] == "Første endring."
    assert result["record"]["version"] == 2


def test_update_of_unknown_record_is_rejected_not_found(api):
    result = api("ansatt").push_one(update("idea", new_id(), 1, proposal="x"))
    assert (result["status"], result["error"]["code"]) == ("rejected", "not_found")


def test_update_without_base_version_is_rejected_naming_it(api):
    worker = api("ansatt")
    record = worker.push_one(idea_create())["record"]
    result = worker.push_one(update("idea", record["id"], None, proposal="x"))
    assert result["status"] == "rejected"
    assert list(result["error"]["fields"]) == ["base_version"]


def test_one_invalid_item_among_thirty_leaves_29_applied(app, api):
    mutations = [deviation_create() for _ in range(30)]
    mutations[17] = deviation_create(severity="catastrophic")
    results = api("ansatt").push(*mutations)["results"]
    assert [r["mutation_id"] for r in results] == [m["mutation_id"] for m in mutations]
    statuses = [r["status"] for r in results]
    assert statuses.count("applied") == 29
    assert statuses[17] == "rejected"
    assert list(results[17]["error"]["fields"]) == ["severity"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Deviation.id))) == 29
        assert db.session.scalar(db.select(db.func.count(AppliedMutation.mutation_id))) == 29


def test_more_than_100_mutations_is_413_too_large(api):
    body = api("ansatt").push(*[deviation_create() for _ in range(101)], expect=413)
    assert body["error"]["code"] == "too_large"


def test_body_over_one_mebibyte_is_413_too_large(api):
    worker = api("ansatt")
    big = deviation_create(description="x" * (1024 * 1024))
    response = worker.post("/api/v1/sync/push", {"mutations": [big]})
    assert response.status_code == 413
    assert response.json["error"]["code"] == "too_large"


def test_malformed_json_is_400_bad_request(api):
    response = api("ansatt").post(
        "/api/v1/sync/push", data="{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"


@pytest.mark.parametrize(
    "body",
    [
        {"device_id": "d"},
        {"mutations": "all of them"},
        {"mutations": ["not an object"], "device_id": 7},
        [1, 2, 3],
    ],
)
def test_wrong_shape_is_400_bad_request_naming_the_field(api, body):
    response = api("ansatt").post("/api/v1/sync/push", body)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"
    assert response.json["error"]["fields"]


def test_push_without_csrf_header_is_403_csrf_failed(api):
    worker = api("ansatt")
    response = worker.client.post("/api/v1/sync/push", json={"mutations": []})
    assert response.status_code == 403
    assert response.json["error"]["code"] == "csrf_failed"


def test_push_after_the_session_ended_is_401_and_nothing_is_stored(app, api):
    worker = api("ansatt")
    worker.post("/logout")
    response = worker.post("/api/v1/sync/push", {"mutations": [deviation_create()]})
    assert response.status_code in (401, 403)
    assert response.json["error"]["code"] in ("not_authenticated", "csrf_failed")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Deviation.id))) == 0


def test_get_on_push_is_405_with_allow_header(api):
    response = api("ansatt").get("/api/v1/sync/push")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert response.json["error"]["code"] == "method_not_allowed"


def test_reporter_cannot_edit_once_the_leader_has_acted(api):
    worker, leader = api("ansatt"), api("leder")
    record = worker.push_one(idea_create())["record"]
    decided = leader.post(f"/api/v1/ideas/{record['id']}/status", {"status": "under_review"})
    assert decided.status_code == 200
    result = worker.push_one(update("idea", record["id"], 2, proposal="Sen endring."))
    assert (result["status"], result["error"]["code"]) == ("rejected", "forbidden")


def test_coordinator_without_unit_cannot_report(api):
    result = api("koordinator").push_one(idea_create())
    assert (result["status"], result["error"]["code"]) == ("rejected", "forbidden")


def test_idea_may_point_at_the_reporters_own_deviation_only(api):
    worker = api("ansatt")
    own = worker.push_one(deviation_create())["record"]
    other = api("nav-ansatt").push_one(deviation_create(category="housing"))["record"]
    assert worker.push_one(idea_create(deviation_id=own["id"]))["status"] == "applied"
    result = worker.push_one(idea_create(deviation_id=other["id"]))
    assert list(result["error"]["fields"]) == ["deviation_id"]


def test_empty_push_answers_no_results(api):
    assert api("ansatt").push()["results"] == []


def test_idea_count_matches_applied_items(app, api):
    api("ansatt").push(idea_create(), idea_create())
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Idea.id))) == 2


def test_create_and_update_of_one_record_in_one_batch_both_apply(api):
    sent = idea_create()
    results = api("ansatt").push(sent, update("idea", sent["record_id"], 1, proposal="Bedre."))[
        "results"
    ]
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert results[1]["record"]["version"] == 2
    assert results[1]["record"]["proposal"] == "Bedre."


@pytest.mark.parametrize(
    "written",
    [
        lambda u: u.upper(),
        lambda u: "{" + u + "}",
        lambda u: "urn:uuid:" + u,
        lambda u: u.replace("-", ""),
    ],
)
def test_ids_in_another_uuid_form_are_the_same_ids(api, written):
    worker = api("ansatt")
    record_id, mutation_id = new_id(), new_id()
    sent = deviation_create(record_id)
    first = worker.push_one(
        {**sent, "mutation_id": written(mutation_id), "record_id": written(record_id)}
    )
    assert (first["status"], first["mutation_id"], first["record"]["id"]) == (
        "applied",
        mutation_id,
        record_id,
    )
    again = worker.push_one({**sent, "mutation_id": mutation_id})
    assert (again["status"], again["mutation_id"]) == ("duplicate", mutation_id)


def test_an_id_that_is_no_uuid_is_rejected_in_its_place(api):
    worker = api("ansatt")
    good, bad = deviation_create(), {**deviation_create(), "record_id": "not-a-uuid"}
    results = worker.push(good, bad)["results"]
    assert [r["status"] for r in results] == ["applied", "rejected"]
    assert "record_id" in results[1]["error"]["fields"]
