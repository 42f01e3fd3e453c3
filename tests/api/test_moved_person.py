"""A person moved to another unit sees and changes only the new unit's records.

domain.md: every worker and leader belongs to exactly one unit, and nobody sees
another unit's records unless they are a coordinator. A worker's old records
stay with the old unit and its leader. The move is made the way a coordinator
makes it: on the admin page.
"""

import pytest

from app.extensions import db
from app.models import AuditEntry, Deviation, Idea, Tombstone, Unit, User
from app.services.access import can_see, is_own, visible_query
from app.services.change_seq import next_change_seq
from app.services.demo import HOME_CARE, REFUGEE
from tests.api.helpers import deviation_create, idea_create, update


def ids(changes):
    return [c["id"] for c in changes]


@pytest.fixture
def move(app, login, demo):
    """move("ansatt", REFUGEE) -> the coordinator moves the person on /admin/users/<id>."""
    coordinator = login("koordinator")

    def _move(username, unit_name, role=None):
        with app.app_context():
            person = db.session.get(User, demo[username])
            unit = db.session.scalar(db.select(Unit).where(Unit.name == unit_name))
            form = {
                "display_name": person.display_name,
                "role": role or person.role,
                "unit": str(unit.id),
                "csrf_token": coordinator.csrf,
            }
        response = coordinator.post(f"/admin/users/{demo[username]}", data=form)
        assert response.status_code == 302, response.text

    return _move


@pytest.fixture
def old_records(api):
    """A deviation and an idea Kari (ansatt) reported in home care, and her device's cursor."""
    worker = api("ansatt")
    deviation = worker.push_one(deviation_create())["record"]["id"]
    idea = worker.push_one(idea_create())["record"]["id"]
    changes, cursor, _pages = worker.pull_all()
    assert ids(changes) == [deviation, idea]
    return worker, deviation, idea, cursor


# Pull ------------------------------------------------------------------------


def test_after_a_move_the_full_pull_has_only_the_new_units_records(api, move, old_records):
    worker, _deviation, _idea, _cursor = old_records
    move("ansatt", REFUGEE)

    assert worker.pull()["changes"] == []
    new = worker.push_one(deviation_create(category="housing"))
    assert new["status"] == "applied"
    changes = worker.pull()["changes"]
    assert ids(changes) == [new["record"]["id"]]
    assert changes[0]["record"]["category"] == "housing"


def test_an_incremental_pull_after_a_move_expires_and_the_restart_drops_the_old(
    api, move, old_records
):
    worker, _deviation, _idea, cursor = old_records
    move("ansatt", REFUGEE)

    body = worker.pull(cursor, expect=410)

    assert body["error"]["code"] == "cursor_expired"
    changes, _cursor, _pages = worker.pull_all()  # what the app does on 410
    assert changes == []


def test_a_cursor_from_before_a_move_there_and_back_again_still_expires(api, move, old_records):
    worker, _deviation, _idea, cursor = old_records
    move("ansatt", REFUGEE)
    in_refugee = worker.push_one(idea_create())["record"]["id"]  # pushed; the pull failed
    move("ansatt", HOME_CARE)

    assert worker.pull(cursor, expect=410)["error"]["code"] == "cursor_expired"
    changes, _cursor, _pages = worker.pull_all()
    assert in_refugee not in ids(changes)  # it stays with the refugee service
    assert len(changes) == 2  # back in home care: the old records are hers again


def test_a_purged_old_unit_record_sends_the_moved_worker_no_tombstone(app, api, move, old_records):
    worker, deviation, _idea, _cursor = old_records
    move("ansatt", REFUGEE)
    cursor = worker.pull()["cursor"]
    with app.app_context():
        unit_id = db.session.get(Deviation, deviation).unit_id
        db.session.add(
            Tombstone(
                record_type="deviation",
                record_id=deviation,
                unit_id=unit_id,
                reporter_id=worker.get("/api/v1/session").json["user"]["id"],
                change_seq=next_change_seq(),
            )
        )
        db.session.commit()

    assert worker.pull(cursor)["changes"] == []
    assert api("leder").pull()["changes"][-1] == {
        "type": "deviation",
        "id": deviation,
        "version": None,
        "deleted": True,
        "record": None,
    }


def test_a_moved_leader_pulls_only_the_new_unit(api, move):
    home = api("ansatt").push_one(idea_create())["record"]["id"]
    refugee = api("nav-ansatt").push_one(idea_create())["record"]["id"]
    leader = api("leder")
    _changes, cursor, _pages = leader.pull_all()
    move("leder", REFUGEE)

    assert leader.pull(cursor, expect=410)["error"]["code"] == "cursor_expired"
    assert ids(leader.pull()["changes"]) == [refugee]
    assert home not in ids(leader.pull()["changes"])


# Push ------------------------------------------------------------------------


def test_an_update_of_an_old_unit_record_is_rejected_forbidden(app, api, move, old_records):
    worker, deviation, idea, _cursor = old_records
    move("ansatt", REFUGEE)

    results = worker.push(
        update("deviation", deviation, 1, description="Endret etter flytting."),
        update("idea", idea, 1, title="Endret etter flytting"),
    )["results"]

    assert len(results) == 2
    for result in results:
        assert result["status"] == "rejected"
        assert result["error"]["code"] == "forbidden"
        assert "enheten du flyttet fra" in result["error"]["message"]
        assert list(result["error"]["fields"]) == ["record_id"]
        assert "record" not in result
    with app.app_context():
        stored = db.session.get(Deviation, deviation)
        assert (stored.version, stored.description) == (1, "Bruker skled på badegulvet.")
        assert db.session.get(Idea, idea).title == "Fast plass til nøkkelboksen"


def test_a_create_with_an_old_unit_record_id_is_rejected_not_answered_with_it(
    api, move, old_records
):
    worker, deviation, _idea, _cursor = old_records
    move("ansatt", REFUGEE)

    result = worker.push_one(deviation_create(deviation, category="housing"))

    assert result["status"] == "rejected"
    assert result["error"]["code"] == "forbidden"
    assert "record" not in result


def test_a_new_idea_cannot_point_at_an_old_unit_deviation(api, move, old_records):
    worker, deviation, _idea, _cursor = old_records
    move("ansatt", REFUGEE)

    result = worker.push_one(idea_create(deviation_id=deviation))

    assert result["status"] == "rejected"
    assert list(result["error"]["fields"]) == ["deviation_id"]


def test_a_create_after_a_move_lands_in_the_new_unit(app, api, move, old_records):
    worker, _deviation, _idea, _cursor = old_records
    move("ansatt", REFUGEE)

    record = worker.push_one(idea_create())["record"]

    with app.app_context():
        refugee = db.session.scalar(db.select(Unit.id).where(Unit.name == REFUGEE))
    assert record["unit_id"] == refugee
    assert record["id"] in ids(api("nav-leder").pull()["changes"])


# The old unit's leader, pages and the audit log --------------------------------


def test_the_old_units_leader_still_sees_and_decides_on_them(api, login, move, old_records):
    worker, deviation, idea, _cursor = old_records
    move("ansatt", REFUGEE)
    leader = api("leder")

    assert set(ids(leader.pull()["changes"])) == {deviation, idea}
    assert "Kari Hansen" in login("leder").get(f"/leader/deviations/{deviation}").text
    answer = leader.post(f"/api/v1/ideas/{idea}/status", {"status": "under_review"})
    assert answer.status_code == 200, answer.text
    assert worker.pull()["changes"] == []  # the decision does not follow her


def test_a_moved_leaders_pages_and_actions_answer_404_for_the_old_unit(
    api, login, move, old_records
):
    _worker, deviation, idea, _cursor = old_records
    move("leder", REFUGEE)
    leader = login("leder")

    assert leader.get(f"/leader/deviations/{deviation}").status_code == 404
    assert leader.get(f"/leader/ideas/{idea}").status_code == 404
    assert "Fast plass til nøkkelboksen" not in leader.get("/leader/?status=all").text
    action = api("leder").post(f"/api/v1/ideas/{idea}/status", {"status": "under_review"})
    assert action.status_code == 404
    assert action.json["error"]["code"] == "not_found"


def test_a_moved_workers_pages_show_the_new_unit_and_no_old_record(login, move, old_records):
    _worker, deviation, _idea, _cursor = old_records
    move("ansatt", REFUGEE)
    worker = login("ansatt")

    start = worker.get("/").text
    assert REFUGEE in start
    assert HOME_CARE not in start
    assert "Bolig" in worker.get("/app").text  # the new unit's categories in the app
    # A record page is a leader's page: a worker is refused, as for any unit's record.
    assert worker.get(f"/leader/deviations/{deviation}").status_code == 403


def test_the_move_is_in_the_audit_log(app, demo, move):
    move("ansatt", REFUGEE)

    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "user_updated"))
        home, refugee = (
            db.session.scalar(db.select(Unit.id).where(Unit.name == name))
            for name in (HOME_CARE, REFUGEE)
        )
    assert entry.target_id == str(demo["ansatt"])
    assert entry.detail["from"]["unit_id"] == home
    assert entry.detail["unit_id"] == refugee


# The rule is declared once ----------------------------------------------------


def test_the_sql_rule_and_the_python_rule_agree_for_everyone(app, api, move, second_worker):
    api("ansatt").push_one(deviation_create())
    api("ansatt2").push_one(idea_create())
    api("nav-ansatt").push_one(idea_create())
    move("ansatt", REFUGEE)
    api("ansatt").push_one(idea_create())
    with app.app_context():
        people = db.session.scalars(db.select(User)).all()
        for model in (Deviation, Idea):
            everything = db.session.scalars(db.select(model)).all()
            for person in people:
                seen = set(db.session.scalars(visible_query(person, model)))
                assert seen == {r for r in everything if can_see(person, r)}, person
                own = {r for r in everything if is_own(person, r)}
                if person.role == "worker" and model is Deviation:
                    assert own == seen
                elif person.role == "worker":  # the unit's board: every idea of the unit now
                    assert seen == {r for r in everything if r.unit_id == person.unit_id} >= own
