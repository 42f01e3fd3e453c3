"""Hostile input at the sync boundary: one odd character never stalls a tablet's queue.

A lone surrogate, a NUL, a control character or a time that overflows in one
item is that item's ``rejected`` answer naming the field; the other items of
the batch are applied, and the next pull still works (tests run on SQLite and,
with TEST_DATABASE_URL, PostgreSQL, which refuses NUL in text).
"""

import base64
import json

import pytest

from app.extensions import db
from app.models import Deviation, Idea
from tests.api.helpers import deviation_create, idea_create, update

HOSTILE_TEXT = {
    "lone surrogate": "Glemte \ud800 medisin",
    "NUL": "Glemte \x00 medisin",
    "bell": "Glemte \x07 medisin",
    "escape": "\x1b[31mrødt",
    "DEL": "slett\x7f",
}
OVERFLOWING_TIMES = ["0001-01-01T00:30+01:00", "9999-12-31T23:30-01:00", "1899-12-31T12:00+00:00"]


def push_raw(worker, mutations: list) -> dict:
    """Push as the tablet does, with JSON.stringify's escapes (a lone surrogate as \\ud800)."""
    body = json.dumps({"device_id": "dev-1", "mutations": mutations}, ensure_ascii=True)
    response = worker.post(
        "/api/v1/sync/push", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    return response.json


def stored_count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize("text", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
@pytest.mark.parametrize(
    ("kind", "field"),
    [("deviation", "description"), ("deviation", "location"), ("idea", "title")],
)
def test_bad_character_rejects_its_item_and_the_rest_is_applied(app, api, text, kind, field):
    worker = api("ansatt")
    make = deviation_create if kind == "deviation" else idea_create
    good_before, bad, good_after = deviation_create(), make(**{field: text}), idea_create()
    results = push_raw(worker, [good_before, bad, good_after])["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["mutation_id"] == bad["mutation_id"]
    assert results[1]["error"]["code"] == "invalid"
    assert list(results[1]["error"]["fields"]) == [field]
    assert "posisjon" in results[1]["error"]["fields"][field][0]  # where, in bokmål
    assert stored_count(app, Deviation) + stored_count(app, Idea) == 2
    assert len(worker.pull()["changes"]) == 2  # and the tablet pulls again


def test_refusal_is_in_the_persons_language(api):
    worker = api("ansatt")
    result = push_raw(worker, [deviation_create(description="a\x00b")])["results"][0]
    message = result["error"]["fields"]["description"][0]
    assert "kontrolltegn" in message  # bokmål by default


def test_bad_character_in_a_category_code_is_rejected_not_looked_up(api):
    worker = api("ansatt")
    result = push_raw(worker, [deviation_create(category="fall\x00")])["results"][0]
    assert result["status"] == "rejected"
    assert list(result["error"]["fields"]) == ["category"]


def test_bad_character_in_an_update_is_rejected_and_the_record_kept(api):
    worker = api("ansatt")
    created = worker.push_one(deviation_create())
    record_id = created["record"]["id"]
    bad = update("deviation", record_id, 1, description="ny\ud800tekst")
    result = push_raw(worker, [bad])["results"][0]
    assert result["status"] == "rejected"
    assert worker.pull()["changes"][0]["record"]["description"] == "Bruker skled på badegulvet."


@pytest.mark.parametrize("moment", OVERFLOWING_TIMES)
def test_occurred_at_out_of_range_rejects_only_its_item(app, api, moment):
    worker = api("ansatt")
    results = push_raw(worker, [deviation_create(occurred_at=moment), idea_create()])["results"]
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert list(results[0]["error"]["fields"]) == ["occurred_at"]


@pytest.mark.parametrize("moment", OVERFLOWING_TIMES)
def test_client_time_out_of_range_rejects_only_its_item(api, moment):
    worker = api("ansatt")
    bad = {**deviation_create(), "client_time": moment}
    results = push_raw(worker, [idea_create(), bad])["results"]
    assert [r["status"] for r in results] == ["applied", "rejected"]
    assert results[1]["mutation_id"] == bad["mutation_id"]
    assert list(results[1]["error"]["fields"]) == ["client_time"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"mutation_id": "not-a-uuid"}, "mutation_id"),
        ({"record_id": "\x00"}, "record_id"),
        ({"type": "report"}, "type"),
        ({"op": "delete"}, "op"),
        ({"base_version": 2**40}, "base_version"),
        ({"data": "text"}, "data"),
    ],
)
def test_item_with_wrong_own_fields_is_rejected_naming_the_field(api, change, field):
    worker = api("ansatt")
    bad = {**deviation_create(), **change}
    results = push_raw(worker, [bad, idea_create()])["results"]
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert field in results[0]["error"]["fields"]


def test_text_is_stored_in_normal_form_c_with_plain_line_breaks(api):
    worker = api("ansatt")
    decomposed = "Fo\u0308rste linje\r\nandre\rtredje"  # "ö" as o + combining diaeresis
    record = worker.push_one(deviation_create(description=decomposed))["record"]
    assert record["description"] == "Förste linje\nandre\ntredje"


def test_tab_and_line_feed_are_kept(api):
    worker = api("ansatt")
    record = worker.push_one(deviation_create(description="a\tb\nc"))["record"]
    assert record["description"] == "a\tb\nc"


@pytest.mark.parametrize("depth", [40, 1000, 2000])
def test_deeply_nested_json_is_400_bad_request(api, depth):
    worker = api("ansatt")
    body = '{"device_id": "d", "mutations": ' + "[" * depth + "]" * depth + "}"
    response = worker.post(
        "/api/v1/sync/push", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"


def test_deep_json_inside_data_is_400_not_a_crash(api):
    worker = api("ansatt")
    nested = {**deviation_create()}
    body = json.dumps({"mutations": [nested]})
    body = body.replace('"Bad"', "[" * 900 + "]" * 900)
    response = worker.post(
        "/api/v1/sync/push", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/ideas/{id}/status",
        "/api/v1/deviations/{id}/status",
        "/api/v1/deviations/{id}/measures",
    ],
)
def test_leader_action_with_a_nul_is_422_naming_the_field(api, path):
    worker, leader = api("ansatt"), api("leder")
    kind = "idea" if "ideas" in path else "deviation"
    make = idea_create if kind == "idea" else deviation_create
    record_id = worker.push_one(make())["record"]["id"]
    body = {"status": "rejected" if kind == "idea" else "closed", "comment": "nei\x00"}
    body |= {"closing_summary": "ok\x00", "text": "tiltak\x00"}
    response = leader.post(path.format(id=record_id), body)
    assert response.status_code in (400, 422)
    fields = response.json["error"]["fields"]
    assert {"comment", "closing_summary", "text"} & set(fields)


@pytest.mark.parametrize("record_id", ["%00", "%E2%80%8B%00x"])
def test_nul_in_a_record_id_is_400_not_a_database_error(api, record_id):
    response = api("leder").post(f"/api/v1/ideas/{record_id}/status", {"status": "parked"})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"
    assert response.headers["Content-Security-Policy"]


def test_pull_with_a_nul_in_the_cursor_is_400(api):
    response = api("ansatt").get("/api/v1/sync/pull?cursor=%00")
    assert response.status_code == 400
    assert "cursor" in response.json["error"]["fields"]


@pytest.mark.parametrize(
    "seq", ["1e400", "Infinity", "-Infinity", "NaN", str(2**63), str(10**30), "1.5", "true"]
)
def test_cursor_with_an_impossible_seq_is_410_cursor_expired(api, seq):
    worker = api("ansatt")
    page = worker.pull()
    scope = json.loads(base64.urlsafe_b64decode(page["cursor"] + "==="))["scope"]
    raw = '{"seq": %s, "scope": "%s"}' % (seq, scope)  # noqa: UP031
    cursor = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    response = worker.get("/api/v1/sync/pull", query_string={"cursor": cursor})
    assert response.status_code == 410
    assert response.json["error"]["code"] == "cursor_expired"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_or_infinity_is_400_even_beside_a_lone_surrogate(api, constant):
    worker = api("ansatt")
    item = json.dumps(deviation_create(description="\ud800"), ensure_ascii=True)
    body = '{"mutations": [%s], "device_id": %s}' % (item, constant)  # noqa: UP031
    for data in (body, body.replace("\\ud800", "ok")):
        response = worker.post(
            "/api/v1/sync/push", data=data, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json["error"]["code"] == "bad_request"
