"""The unit's board through the sync contract: what a worker pulls, and the board's ops.

A worker pulls every idea of their unit (never a colleague's deviation, never
another unit's idea); supports, comments, "bare gjør det" and PDSA notes are
push mutations that need no base version; the reporter's name reaches
colleagues only where the unit agreed to show it.
"""

import pytest

from app.extensions import db
from app.models import AuditEntry, Deviation, Idea, Unit, User
from app.services.demo import HOME_CARE
from app.services.ideas import decide_idea
from app.services.purge import PurgePlan, run_purge
from tests.api.helpers import deviation_create, idea_create, mutation

IDENTITY_NUMBER = "Gjelder bruker 24128510180 i 2. etasje"


def op(record_id, name, **data):
    return mutation("idea", name, record_id, None, data)


def changes_by_id(changes):
    return {c["id"]: c["record"] for c in changes}


@pytest.fixture
def colleague_idea(api, second_worker):
    """An idea Per (ansatt2) proposed in home care, as the push answered it."""
    return api("ansatt2").push_one(idea_create(title="Nøkkelskap"))["record"]


@pytest.fixture
def approve(app, demo):
    """approve(idea_id, responsible="ansatt"): the leader approves with a responsible person."""

    def _approve(idea_id, responsible="ansatt", status="approved"):
        with app.app_context():
            idea = db.session.get(Idea, idea_id)
            leader = db.session.get(User, demo["leder"])
            person = db.session.get(User, demo[responsible])
            decide_idea(
                idea, leader, "approved", responsible=person.display_name, responsible_id=person.id
            )
            if status == "in_progress":
                decide_idea(idea, leader, "in_progress")
            db.session.commit()

    return _approve


# What a worker pulls ----------------------------------------------------------


def test_a_worker_pulls_colleagues_ideas_but_not_their_deviations(api, colleague_idea):
    deviation = api("ansatt2").push_one(deviation_create())["record"]["id"]
    changes, _cursor, _pages = api("ansatt").pull_all()
    pulled = changes_by_id(changes)
    assert colleague_idea["id"] in pulled
    assert deviation not in pulled
    assert pulled[colleague_idea["id"]]["reporter"]["display_name"] == "Per Lie"
    assert pulled[colleague_idea["id"]]["supporter_ids"] == []


def test_a_nav_worker_pulls_nothing_of_home_cares_board(api, colleague_idea):
    api("ansatt").push_one(idea_create())
    changes, _cursor, _pages = api("nav-ansatt").pull_all()
    assert changes == []
    result = api("nav-ansatt").push_one(op(colleague_idea["id"], "support"))
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "not_found"


def test_purged_records_reach_the_worker_as_tombstones_of_the_board_only(app, api, colleague_idea):
    deviation = api("ansatt2").push_one(deviation_create())["record"]["id"]
    worker = api("ansatt")
    worker.push_one(op(colleague_idea["id"], "support"))
    _changes, cursor, _pages = worker.pull_all()
    with app.app_context():
        plan = PurgePlan(
            deviations=[db.session.get(Deviation, deviation)],
            ideas=[db.session.get(Idea, colleague_idea["id"])],
        )
        run_purge(plan)
        db.session.commit()
    changes, _cursor, _pages = worker.pull_all(cursor)
    assert [(c["id"], c["deleted"]) for c in changes] == [(colleague_idea["id"], True)]


# Support ----------------------------------------------------------------------


def test_support_is_one_per_person_and_can_be_withdrawn(api, demo, colleague_idea):
    worker = api("ansatt")
    first = worker.push_one(op(colleague_idea["id"], "support"))
    assert first["status"] == "applied"
    assert first["record"]["supporter_ids"] == [demo["ansatt"]]
    again = worker.push_one(op(colleague_idea["id"], "support"))  # a new mutation id
    assert again["status"] == "applied"
    assert again["record"]["supporter_ids"] == [demo["ansatt"]]
    assert again["record"]["version"] == first["record"]["version"]  # nothing changed
    actions = [e["action"] for e in again["record"]["events"]]
    assert actions == ["created", "supported"]
    withdrawn = worker.push_one(op(colleague_idea["id"], "unsupport"))
    assert withdrawn["record"]["supporter_ids"] == []
    assert withdrawn["record"]["events"][-1]["action"] == "unsupported"


def test_a_replayed_support_is_a_duplicate(api, colleague_idea):
    worker = api("ansatt")
    sent = op(colleague_idea["id"], "support")
    assert worker.push_one(sent)["status"] == "applied"
    assert worker.push_one(sent)["status"] == "duplicate"


def test_two_people_support_and_the_count_is_two(api, demo, second_worker, colleague_idea):
    api("ansatt").push_one(op(colleague_idea["id"], "support"))
    result = api("ansatt2").push_one(op(colleague_idea["id"], "support"))
    assert sorted(result["record"]["supporter_ids"]) == sorted([demo["ansatt"], second_worker])


def test_support_of_a_deviation_is_invalid_naming_op(api):
    deviation = api("ansatt").push_one(deviation_create())["record"]["id"]
    result = api("ansatt").push_one(mutation("deviation", "support", deviation, None, {}))
    assert result["error"]["code"] == "invalid"
    assert list(result["error"]["fields"]) == ["op"]


def test_an_incremental_pull_after_a_colleagues_support_brings_the_idea(api, demo, second_worker):
    reporter = api("ansatt")
    idea = reporter.push_one(idea_create())["record"]["id"]
    _changes, cursor, _pages = reporter.pull_all()
    api("ansatt2").push_one(op(idea, "support"))
    changes, _cursor, _pages = reporter.pull_all(cursor)
    assert [c["id"] for c in changes] == [idea]
    assert changes[0]["record"]["supporter_ids"] == [second_worker]
    assert changes[0]["record"]["events"][-1]["actor"]["display_name"] == "Per Lie"


# Comment ----------------------------------------------------------------------


def test_a_comment_appears_in_the_history(api, colleague_idea):
    result = api("ansatt").push_one(op(colleague_idea["id"], "comment", text="  Godt forslag! "))
    assert result["status"] == "applied"
    last = result["record"]["events"][-1]
    assert (last["action"], last["comment"], last["actor"]["display_name"]) == (
        "commented",
        "Godt forslag!",
        "Kari Hansen",
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (IDENTITY_NUMBER, "personal_id_number"),
        ("Null\x00byte", "invalid"),
        ("   ", "invalid"),
        ("x" * 10_001, "invalid"),
    ],
)
def test_a_bad_comment_is_refused_naming_the_field(api, colleague_idea, text, code):
    result = api("ansatt").push_one(op(colleague_idea["id"], "comment", text=text))
    assert result["status"] == "rejected"
    assert result["error"]["code"] == code
    assert list(result["error"]["fields"]) == ["text"]


# "Bare gjør det" and PDSA -------------------------------------------------------


def test_just_do_it_by_the_reporter(api):
    worker = api("ansatt")
    idea = worker.push_one(idea_create())["record"]["id"]
    result = worker.push_one(op(idea, "just_do_it", learning="Satte opp kroken selv."))
    assert result["status"] == "applied"
    record = result["record"]
    assert (record["status"], record["learning"]) == ("done", "Satte opp kroken selv.")
    assert record["status_changed_at"] is not None
    assert record["events"][-1]["action"] == "just_done"


def test_just_do_it_by_another_worker_is_forbidden(api, colleague_idea):
    result = api("ansatt").push_one(op(colleague_idea["id"], "just_do_it", learning="Gjort."))
    assert result["error"]["code"] == "forbidden"


def test_just_do_it_without_what_was_done_names_learning(api):
    worker = api("ansatt")
    idea = worker.push_one(idea_create())["record"]["id"]
    result = worker.push_one(op(idea, "just_do_it", learning=" "))
    assert result["error"]["code"] == "invalid"
    assert list(result["error"]["fields"]) == ["learning"]


def test_pdsa_by_the_responsible_person(api, approve, colleague_idea):
    approve(colleague_idea["id"], responsible="ansatt", status="in_progress")
    result = api("ansatt").push_one(
        op(colleague_idea["id"], "pdsa", pdsa_plan="Prøv i to uker.", pdsa_do="Startet mandag.")
    )
    assert result["status"] == "applied"
    record = result["record"]
    assert (record["pdsa_plan"], record["pdsa_do"], record["pdsa_study"]) == (
        "Prøv i to uker.",
        "Startet mandag.",
        None,
    )
    assert record["events"][-1]["action"] == "pdsa_updated"


def test_pdsa_by_someone_else_is_forbidden(api, approve, colleague_idea):
    approve(colleague_idea["id"], responsible="ansatt")
    result = api("ansatt2").push_one(op(colleague_idea["id"], "pdsa", pdsa_plan="Min plan."))
    assert result["error"]["code"] == "forbidden"


def test_pdsa_with_an_identity_number_names_the_field(api, approve, colleague_idea):
    approve(colleague_idea["id"], responsible="ansatt")
    result = api("ansatt").push_one(op(colleague_idea["id"], "pdsa", pdsa_study=IDENTITY_NUMBER))
    assert result["error"]["code"] == "personal_id_number"
    assert list(result["error"]["fields"]) == ["pdsa_study"]


def test_pdsa_with_no_notes_is_invalid(api, approve, colleague_idea):
    approve(colleague_idea["id"], responsible="ansatt")
    result = api("ansatt").push_one(op(colleague_idea["id"], "pdsa"))
    assert result["error"]["code"] == "invalid"


# Who proposed it --------------------------------------------------------------


@pytest.fixture
def hide_reporters(app, demo):
    with app.app_context():
        unit = db.session.scalar(db.select(Unit).where(Unit.name == HOME_CARE))
        unit.board_shows_reporter = False
        db.session.commit()


def test_a_unit_that_hides_reporters_masks_them_for_colleagues(
    api, demo, second_worker, hide_reporters
):
    reporter = api("ansatt2")
    idea = reporter.push_one(idea_create())["record"]["id"]
    reporter.push_one(op(idea, "comment", text="Jeg kan ta det."))
    worker = api("ansatt")
    answer = worker.push_one(op(idea, "comment", text="Enig."))["record"]
    pulled = changes_by_id(worker.pull_all()[0])[idea]
    hidden = {"id": None, "display_name": None}
    for record in (answer, pulled):
        assert record["reporter"] == hidden
        actors = [(e["action"], e["actor"]) for e in record["events"]]
        assert actors == [
            ("created", hidden),
            ("commented", hidden),
            ("commented", {"id": demo["ansatt"], "display_name": "Kari Hansen"}),
        ]
    # The reporter, the leader and the coordinator still see the name.
    for person in ("ansatt2", "leder", "koordinator"):
        own = changes_by_id(api(person).pull_all()[0])[idea]
        assert own["reporter"]["display_name"] == "Per Lie", person


def test_the_coordinator_hides_reporters_on_the_unit_page_and_tablets_pull_it(
    app, api, login, colleague_idea
):
    worker = api("ansatt")
    _changes, cursor, _pages = worker.pull_all()
    with app.app_context():
        unit_id = db.session.scalar(db.select(Unit.id).where(Unit.name == HOME_CARE))
    coordinator = login("koordinator")
    page = coordinator.get(f"/admin/units/{unit_id}").text
    assert 'name="board_shows_reporter"' in page
    assert "checked" in page
    form = {"csrf_token": coordinator.csrf, "name": HOME_CARE}  # the box left unticked
    assert coordinator.post(f"/admin/units/{unit_id}", data=form).status_code == 302
    changes, cursor, _pages = worker.pull_all(cursor)
    assert [c["record"]["reporter"] for c in changes] == [{"id": None, "display_name": None}]
    assert changes[0]["version"] == colleague_idea["version"]  # no new version: nothing changed
    form["board_shows_reporter"] = "y"
    assert coordinator.post(f"/admin/units/{unit_id}", data=form).status_code == 302
    changes, _cursor, _pages = worker.pull_all(cursor)
    assert [c["record"]["reporter"]["display_name"] for c in changes] == ["Per Lie"]
    with app.app_context():
        actions = db.session.scalars(db.select(AuditEntry.action)).all()
        assert actions.count("unit_board_shows_reporter") == 2
