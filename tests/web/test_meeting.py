"""The board meeting (tavlemøte) run through the pages: start, number present, new ideas
decided (one "bare gjør det"), overdue and finished shown, the figures, the end, and its
record. Decisions are the idea page's service calls: they carry the meeting's id, raise
the idea's version and change number, and reach the reporter at the next pull."""

import re
from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import BoardMeeting, Event, Idea
from tests.conftest import log_in
from tests.web.board_support import seed_board
from tests.web.leader_support import load, state


def start(leader) -> str:
    response = leader.post("/leader/meetings/start", data={"csrf_token": leader.csrf})
    assert response.status_code == 302
    return response.headers["Location"]


def decide(leader, meeting_url: str, idea_id: str, **data):
    return leader.post(f"{meeting_url}/ideas/{idea_id}", data={"csrf_token": leader.csrf, **data})


def figure_row(html: str) -> tuple[int, int, int]:
    """This week's row of the key figures: new, decided, done."""
    rows = re.findall(r"<tr data-week=\"\d+\">.*?<td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>", html)
    assert len(rows) == 4
    return tuple(int(n) for n in rows[-1])


def test_a_full_board_meeting_and_its_record(app, login, demo):
    ids = seed_board(app)
    leader = login("leder")
    meeting_url = start(leader)
    assert start(leader) == meeting_url  # one meeting at a time per unit

    page = leader.get(meeting_url).text
    assert 'id="meeting-timer"' in page
    assert "data-started-at=" in page
    assert 'data-minutes="15"' in page
    assert "Forslag 1 av 3" in page
    current = page.split('id="current-title">')[1].split("<")[0]
    assert current == "Ny idé 1"  # the oldest new idea is on the table first
    overdue = page.split('id="overdue"')[1].split("</section>")[0]
    assert "Forfalt idé" in overdue
    assert "Gammel idé" not in overdue
    finished = page.split('id="finished"')[1].split("</section>")[0]
    assert "Ferdig idé" in finished
    assert "Bra jobbet!" in finished
    _new, decided_before, done_before = figure_row(page)

    assert (
        leader.post(
            f"{meeting_url}/present", data={"present_count": "6", "csrf_token": leader.csrf}
        ).status_code
        == 302
    )
    refused = leader.post(
        f"{meeting_url}/present", data={"present_count": "-2", "csrf_token": leader.csrf}
    )
    assert refused.status_code == 422
    assert "Skriv hvor mange som er til stede" in refused.text

    before = {key: state(app, Idea, ids[key]) for key in ("new1", "new2", "new3")}
    due = (date.today() + timedelta(days=14)).isoformat()
    approved = decide(
        leader,
        meeting_url,
        ids["new3"],
        status="approved",
        responsible_id=str(demo["ansatt"]),
        due_date=due,
        version=before["new3"][1],
    )
    assert approved.status_code == 302
    assert approved.headers["Location"].endswith("#new-ideas")

    no_reason = decide(leader, meeting_url, ids["new2"], status="rejected")
    assert no_reason.status_code == 422
    assert "Skriv en begrunnelse" in no_reason.text
    assert (
        decide(
            leader, meeting_url, ids["new2"], status="rejected", comment="Vi har allerede dette"
        ).status_code
        == 302
    )

    nothing_done = decide(leader, meeting_url, ids["new1"], status="just_done")
    assert nothing_done.status_code == 422
    assert "Skriv hva som ble gjort" in nothing_done.text
    assert (
        decide(
            leader, meeting_url, ids["new1"], status="just_done", learning="Hengt opp en lapp"
        ).status_code
        == 302
    )

    page = leader.get(meeting_url).text
    assert "Ingen nye forslag" in page
    assert "Bestemt i dette møtet (3)" in page
    _new, decided_after, done_after = figure_row(page)
    assert (decided_after, done_after) == (decided_before + 3, done_before + 1)

    # Each decision: the idea page's rule, with the meeting's id on its history line.
    meeting_id = int(meeting_url.rsplit("/", 1)[1])
    for key, status in (("new3", "approved"), ("new2", "rejected"), ("new1", "done")):
        after = state(app, Idea, ids[key])
        assert after[0] == status
        assert after[1] == before[key][1] + 1
        assert after[2] > before[key][2]
        last = load(app, Idea, ids[key]).events[-1]
        assert last.meeting_id == meeting_id
    approved_idea = load(app, Idea, ids["new3"])
    assert approved_idea.responsible_id == demo["ansatt"]
    assert approved_idea.responsible == "Kari Hansen"
    assert approved_idea.due_date.isoformat() == due
    assert load(app, Idea, ids["new1"]).learning == "Hengt opp en lapp"
    assert load(app, Idea, ids["new1"]).events[-1].action == "just_done"

    assert leader.post(f"{meeting_url}/end", data={"csrf_token": leader.csrf}).status_code == 302
    record = leader.get(meeting_url).text
    assert 'id="present-count">6<' in record
    decisions = record.split('id="decisions"')[1]
    assert decisions.count("<li>") == 3
    assert "Gjennomført med en gang (bare gjør det)" in decisions
    assert "Ny → Godkjent" in decisions
    assert "Vi har allerede dette" in decisions
    assert "just_done" not in decisions.replace('"just_done"', "")

    listing = leader.get("/leader/meetings/").text
    assert "Ledet av Lise Berg" in listing
    assert "6 til stede" in listing
    assert "3 beslutninger" in listing
    assert "3 beslutninger" in leader.get("/leader/").text  # the inbox lists it too

    # An ended meeting takes no more decisions.
    late = decide(leader, meeting_url, ids["overdue"], status="parked")
    assert late.status_code == 422
    assert "Dette tavlemøtet er avsluttet" in late.text


def test_the_reporter_sees_the_meetings_decisions_at_the_next_pull(app, login, demo):
    ids = seed_board(app)
    reporter = app.test_client()
    log_in(reporter, "ansatt")
    first = reporter.get("/api/v1/sync/pull").json
    cursor = first["cursor"]

    leader = login("leder")
    meeting_url = start(leader)
    decide(leader, meeting_url, ids["new1"], status="just_done", learning="Ny rutine")
    decide(leader, meeting_url, ids["new2"], status="parked")

    changes = reporter.get("/api/v1/sync/pull", query_string={"cursor": cursor}).json["changes"]
    by_id = {c["id"]: c["record"] for c in changes}
    assert set(by_id) == {ids["new1"], ids["new2"]}
    assert by_id[ids["new1"]]["status"] == "done"
    assert by_id[ids["new1"]]["events"][-1]["action"] == "just_done"
    assert by_id[ids["new1"]]["events"][-1]["comment"] == "Ny rutine"
    assert by_id[ids["new2"]]["status"] == "parked"


@pytest.fixture
def meeting_url(app, login, demo):
    seed_board(app)
    return start(login("leder"))


def test_a_worker_is_refused_the_meeting_pages(login, meeting_url):
    worker = login("ansatt")
    assert worker.get("/leader/meetings/").status_code == 403
    assert worker.get(meeting_url).status_code == 403
    assert worker.post(f"{meeting_url}/end", data={"csrf_token": worker.csrf}).status_code == 403


def test_another_units_leader_does_not_find_the_meeting(app, login, meeting_url):
    nav = login("nav-leder")
    assert nav.get(meeting_url).status_code == 404
    assert nav.post(f"{meeting_url}/end", data={"csrf_token": nav.csrf}).status_code == 404
    listing = nav.get("/leader/meetings/").text
    assert meeting_url not in listing
    with app.app_context():
        assert db.session.scalar(db.select(BoardMeeting.ended_at)) is None


def test_a_nav_idea_cannot_be_decided_in_home_cares_meeting(app, login, demo):
    ids = seed_board(app)
    coordinator = login("koordinator")
    meeting_url = start(coordinator)  # the first unit by name for a coordinator
    with app.app_context():
        meeting = db.session.scalar(db.select(BoardMeeting))
        nav_idea = db.session.get(Idea, ids["nav"])
        other = ids["new1"] if nav_idea.unit_id == meeting.unit_id else ids["nav"]
    response = decide(coordinator, meeting_url, other, status="parked")
    assert response.status_code == 404
    with app.app_context():
        assert (
            db.session.scalar(
                db.select(db.func.count()).select_from(Event).where(Event.meeting_id.is_not(None))
            )
            == 0
        )
