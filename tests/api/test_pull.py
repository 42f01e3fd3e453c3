"""GET /api/v1/sync/pull: every visible change after the cursor, exactly once."""

import base64
import json

from app.extensions import db
from app.models import Tombstone, User
from app.services.change_seq import next_change_seq
from app.services.demo import REFUGEE
from tests.api.helpers import deviation_create, idea_create, update


def ids(changes):
    return [c["id"] for c in changes]


def test_first_pull_brings_every_own_record_in_change_order(api):
    worker = api("ansatt")
    sent = [worker.push_one(idea_create())["record"]["id"] for _ in range(3)]
    body = worker.pull()
    assert ids(body["changes"]) == sent
    assert body["has_more"] is False
    change = body["changes"][0]
    assert change["type"] == "idea"
    assert change["deleted"] is False
    assert change["version"] == 1
    assert change["record"]["id"] == change["id"]


def test_pages_with_limit_one_deliver_every_change_exactly_once(api):
    worker = api("ansatt")
    first = worker.push_one(deviation_create())["record"]["id"]
    worker.push(*[idea_create() for _ in range(3)], deviation_create())
    worker.push_one(update("deviation", first, 1, location="Stue"))  # moves to the end
    changes, _cursor, pages = worker.pull_all(limit=1)
    assert len(changes) == 5
    assert len(set(ids(changes))) == 5
    assert ids(changes)[-1] == first
    assert changes[-1]["record"]["location"] == "Stue"
    assert pages == 5  # the fifth page says has_more: false


def test_repeated_pull_with_the_same_cursor_changes_nothing(api):
    worker = api("ansatt")
    worker.push(idea_create(), idea_create())
    cursor = worker.pull()["cursor"]
    assert worker.pull(cursor)["changes"] == []
    assert worker.pull(cursor)["cursor"] == cursor
    later = worker.push_one(idea_create())["record"]["id"]
    assert ids(worker.pull(cursor)["changes"]) == [later]
    assert ids(worker.pull(cursor)["changes"]) == [later]


def test_worker_pulls_own_deviations_and_the_units_ideas(api, second_worker):
    mine = api("ansatt").push_one(idea_create())["record"]["id"]
    api("ansatt2").push_one(deviation_create())
    board = api("ansatt2").push_one(idea_create())["record"]["id"]
    api("nav-ansatt").push_one(idea_create())
    assert ids(api("ansatt").pull()["changes"]) == [mine, board]


def test_leader_pulls_the_unit_and_coordinator_all_units(api, second_worker):
    a = api("ansatt").push_one(idea_create())["record"]["id"]
    b = api("ansatt2").push_one(deviation_create())["record"]["id"]
    c = api("nav-ansatt").push_one(idea_create())["record"]["id"]
    assert ids(api("leder").pull()["changes"]) == [a, b]
    assert ids(api("nav-leder").pull()["changes"]) == [c]
    assert ids(api("koordinator").pull()["changes"]) == [a, b, c]


def test_cursor_of_another_scope_is_410_cursor_expired(api, move_user):
    leader = api("leder")
    api("ansatt").push_one(idea_create())
    cursor = leader.pull()["cursor"]
    move_user("leder", unit_name=REFUGEE)
    body = leader.pull(cursor, expect=410)
    assert body["error"]["code"] == "cursor_expired"
    assert leader.pull()["changes"] == []  # from the start: the old unit's records are gone


def test_cursor_from_the_future_or_unreadable_is_410_cursor_expired(api):
    worker = api("ansatt")
    real = json.loads(base64.urlsafe_b64decode(worker.pull()["cursor"] + "=="))
    future = {**real, "seq": 10_000}
    token = base64.urlsafe_b64encode(json.dumps(future).encode()).decode().rstrip("=")
    assert worker.pull(token, expect=410)["error"]["code"] == "cursor_expired"
    assert worker.pull("not a cursor!", expect=410)["error"]["code"] == "cursor_expired"


def test_limit_out_of_range_is_400_naming_limit(api):
    body = api("ansatt").pull(limit=501, expect=400)
    assert list(body["error"]["fields"]) == ["limit"]


def test_purged_record_reaches_the_device_as_deleted(app, api, demo):
    worker = api("ansatt")
    cursor = worker.pull()["cursor"]
    with app.app_context():
        db.session.add(
            Tombstone(
                record_type="idea",
                record_id="3f1c7a62-2d7e-4d4e-9d55-3a1f7bd7a001",
                unit_id=db.session.get(User, demo["ansatt"]).unit_id,
                reporter_id=demo["ansatt"],
                change_seq=next_change_seq(),
            )
        )
        db.session.commit()
    change = worker.pull(cursor)["changes"][0]
    assert change == {
        "type": "idea",
        "id": "3f1c7a62-2d7e-4d4e-9d55-3a1f7bd7a001",
        "version": None,
        "deleted": True,
        "record": None,
    }
    assert api("nav-ansatt").pull()["changes"] == []


def test_leader_approval_reaches_the_worker_and_old_base_version_conflicts(api):
    worker, leader = api("ansatt"), api("leder")
    idea = worker.push_one(idea_create())["record"]
    cursor = worker.pull()["cursor"]
    response = leader.post(
        f"/api/v1/ideas/{idea['id']}/status",
        {"status": "approved", "comment": "Godt forslag, vi prøver det.", "responsible": "Lise"},
    )
    assert response.status_code == 200
    change = worker.pull(cursor)["changes"][0]["record"]
    assert change["status"] == "approved"
    assert change["decision_comment"] == "Godt forslag, vi prøver det."
    assert change["version"] == 2
    assert change["events"][-1]["comment"] == "Godt forslag, vi prøver det."
    late = worker.push_one(update("idea", idea["id"], 1, proposal="Endret offline."))
    assert late["status"] == "conflict"
    assert late["record"]["status"] == "approved"
    assert late["record"]["proposal"] == idea["proposal"]


def test_measures_reach_the_reporter_with_the_deviation_and_fresh_ones_have_none(api):
    worker, leader = api("ansatt"), api("leder")
    followed, fresh = deviation_create(), deviation_create()
    worker.push(followed, fresh)
    measures_url = f"/api/v1/deviations/{followed['record_id']}/measures"
    leader.post(measures_url, {"text": "Sklisikker matte", "responsible": "Lise"})
    latest = leader.post(measures_url, {"text": "Sjekk belysning"}).json
    pulled = {c["id"]: c["record"] for c in worker.pull_all()[0]}
    shown = pulled[followed["record_id"]]
    assert [m["text"] for m in shown["measures"]] == ["Sklisikker matte", "Sjekk belysning"]
    assert shown["measures"][0]["responsible"] == "Lise"
    assert shown == latest
    assert pulled[fresh["record_id"]]["measures"] == []
