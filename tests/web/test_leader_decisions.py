"""Leaders decide on ideas and deviations from the pages, with the API's very result.

Transitions come from the services (IDEA_TRANSITIONS, DEVIATION_TRANSITIONS):
every allowed one is tried from the page and from the API, every forbidden
one is refused with a message and changes nothing.
"""

from collections import deque
from datetime import date

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.models import User
from app.services import deviations as deviation_service
from app.services import ideas as idea_service
from app.services.deviations import DEVIATION_TRANSITIONS, SUMMARY_REQUIRED
from app.services.ideas import IDEA_TRANSITIONS, REASON_REQUIRED
from tests.web.leader_support import (  # noqa: F401  (fixtures)
    Deviation,
    Idea,
    deviation_id,
    idea_id,
    load,
    make_deviation,
    make_idea,
    state,
)

IDEA_EDGES = [(a, b) for a, targets in IDEA_TRANSITIONS.items() for b in targets]
DEVIATION_EDGES = [(a, b) for a, targets in DEVIATION_TRANSITIONS.items() for b in targets]
IDEA_STATUSES = list(IDEA_TRANSITIONS)
DEVIATION_STATUSES = list(DEVIATION_TRANSITIONS)


def _path(transitions: dict, goal: str) -> list[str]:
    """The shortest series of statuses from new to ``goal``."""
    queue, seen = deque([["new"]]), {"new"}
    while queue:
        path = queue.popleft()
        if path[-1] == goal:
            return path[1:]
        for nxt in transitions[path[-1]]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append([*path, nxt])
    raise AssertionError(f"{goal} cannot be reached from new")


def bring_idea_to(app, record_id: str, status: str) -> None:
    with app.app_context():
        leader = db.session.scalar(db.select(User).where(User.username == "leder"))
        for step in _path(IDEA_TRANSITIONS, status):
            idea = db.session.get(Idea, record_id)
            idea_service.decide_idea(idea, leader, step, comment="Forrige steg")
        db.session.commit()


def bring_deviation_to(app, record_id: str, status: str) -> None:
    with app.app_context():
        leader = db.session.scalar(db.select(User).where(User.username == "leder"))
        for step in _path(DEVIATION_TRANSITIONS, status):
            deviation = db.session.get(Deviation, record_id)
            deviation_service.change_deviation_status(
                deviation, leader, step, comment="Forrige steg", closing_summary="Ryddet."
            )
        db.session.commit()


def visible_result(record) -> dict:
    """What the reporter's device would show after the decision."""
    last = record.events[-1]
    common = {
        "status": record.status,
        "events": len(record.events),
        "last_event": (last.action, last.from_status, last.to_status, last.comment),
    }
    if isinstance(record, Idea):
        return {
            **common,
            "comment": record.decision_comment,
            "responsible": record.responsible,
            "due_date": record.due_date,
        }
    return {**common, "summary": record.closing_summary}


def page_decide(client, kind: str, record_id: str, **data):
    record = load(client.application, Idea if kind == "idea" else Deviation, record_id)
    return client.post(
        f"/leader/{kind}s/{record_id}/status",
        data={"csrf_token": client.csrf, "version": record.version, **data},
    )


def api_decide(client, kind: str, record_id: str, **data):
    body = {k: v for k, v in data.items() if v}
    return client.post(
        f"/api/v1/{kind}s/{record_id}/status", json=body, headers={"X-CSRFToken": client.csrf}
    )


IDEA_INPUT = {"comment": "Flott, vi prøver det.", "responsible": "Lise", "due_date": "2026-12-18"}
DEVIATION_INPUT = {"comment": "Vi ser på det.", "closing_summary": "Ny rutine for badet."}


@pytest.mark.parametrize(("start", "goal"), IDEA_EDGES)
def test_every_allowed_idea_decision_works_from_page_and_api_alike(app, login, start, goal):
    leader = login("leder")
    by_page, by_api = make_idea(app), make_idea(app)
    for record_id in (by_page, by_api):
        bring_idea_to(app, record_id, start)
    before = state(app, Idea, by_page)

    page = page_decide(leader, "idea", by_page, status=goal, **IDEA_INPUT)
    api = api_decide(leader, "idea", by_api, status=goal, **IDEA_INPUT)

    assert page.status_code == 302, page.text
    assert api.status_code == 200, api.text
    on_page, on_api = load(app, Idea, by_page), load(app, Idea, by_api)
    assert visible_result(on_page) == visible_result(on_api)
    assert on_page.status == goal
    assert on_page.version == before[1] + 1
    assert on_page.change_seq > before[2]
    assert api.json["status"] == goal


@pytest.mark.parametrize(("start", "goal"), DEVIATION_EDGES)
def test_every_allowed_deviation_step_works_from_page_and_api_alike(app, login, start, goal):
    leader = login("leder")
    by_page, by_api = make_deviation(app), make_deviation(app)
    for record_id in (by_page, by_api):
        bring_deviation_to(app, record_id, start)
    before = state(app, Deviation, by_page)

    page = page_decide(leader, "deviation", by_page, status=goal, **DEVIATION_INPUT)
    api = api_decide(leader, "deviation", by_api, status=goal, **DEVIATION_INPUT)

    assert page.status_code == 302, page.text
    assert api.status_code == 200, api.text
    on_page, on_api = load(app, Deviation, by_page), load(app, Deviation, by_api)
    assert visible_result(on_page) == visible_result(on_api)
    assert on_page.status == goal
    assert (on_page.version, on_page.change_seq > before[2]) == (before[1] + 1, True)


FORBIDDEN_IDEA = [
    (a, b)
    for a in IDEA_STATUSES
    for b in IDEA_STATUSES
    if b != "new" and b not in IDEA_TRANSITIONS[a]
]
FORBIDDEN_DEVIATION = [
    (a, b)
    for a in DEVIATION_STATUSES
    for b in DEVIATION_STATUSES
    if b != "new" and b not in DEVIATION_TRANSITIONS[a]
]


@pytest.mark.parametrize(("start", "goal"), FORBIDDEN_IDEA)
def test_forbidden_idea_decision_is_refused_with_a_message_and_changes_nothing(
    app, login, start, goal
):
    leader = login("leder")
    record_id = make_idea(app)
    bring_idea_to(app, record_id, start)
    before = state(app, Idea, record_id)

    page = page_decide(leader, "idea", record_id, status=goal, **IDEA_INPUT)
    api = api_decide(leader, "idea", record_id, status=goal, **IDEA_INPUT)

    assert page.status_code == 422
    assert 'role="alert"' in page.text
    assert api.status_code == 422
    assert api.json["error"]["fields"]["status"]
    assert state(app, Idea, record_id) == before


@pytest.mark.parametrize(("start", "goal"), FORBIDDEN_DEVIATION)
def test_forbidden_deviation_step_is_refused_with_a_message_and_changes_nothing(
    app, login, start, goal
):
    leader = login("leder")
    record_id = make_deviation(app)
    bring_deviation_to(app, record_id, start)
    before = state(app, Deviation, record_id)

    page = page_decide(leader, "deviation", record_id, status=goal, **DEVIATION_INPUT)
    api = api_decide(leader, "deviation", record_id, status=goal, **DEVIATION_INPUT)

    assert page.status_code == 422
    assert 'role="alert"' in page.text
    assert api.status_code == 422
    assert api.json["error"]["fields"]["status"]
    assert state(app, Deviation, record_id) == before


def test_page_offers_exactly_the_transitions_the_service_allows(app, login):
    leader = login("leder")
    for status in IDEA_STATUSES:
        record_id = make_idea(app)
        bring_idea_to(app, record_id, status)
        html = leader.get(f"/leader/ideas/{record_id}").text
        offered = {s for s in IDEA_STATUSES if f'name="status" value="{s}"' in html}
        assert offered == set(IDEA_TRANSITIONS[status]), status


def _translated(message, locale: str) -> str:
    with force_locale(locale):
        return str(message)


@pytest.mark.parametrize("locale", ["nb", "en"])
def test_reject_without_comment_is_refused_in_the_persons_language(app, login, locale):
    leader = login("leder")
    leader.post("/language", data={"csrf_token": leader.csrf, "lang": locale, "next": "/"})
    record_id = make_idea(app)

    response = page_decide(leader, "idea", record_id, status="rejected", comment="  ")

    assert response.status_code == 422
    with app.test_request_context():
        expected = _translated(REASON_REQUIRED, locale)
        if locale == "nb":
            assert expected != _translated(REASON_REQUIRED, "en"), "no bokmål for the message"
    assert expected in response.text
    assert load(app, Idea, record_id).status == "new"


@pytest.mark.parametrize("locale", ["nb", "en"])
def test_close_without_summary_is_refused_in_the_persons_language(app, login, locale):
    leader = login("leder")
    leader.post("/language", data={"csrf_token": leader.csrf, "lang": locale, "next": "/"})
    record_id = make_deviation(app)

    response = page_decide(leader, "deviation", record_id, status="closed", closing_summary="")

    assert response.status_code == 422
    with app.test_request_context():
        expected = _translated(SUMMARY_REQUIRED, locale)
        if locale == "nb":
            assert expected != _translated(SUMMARY_REQUIRED, "en"), "no bokmål for the message"
    assert expected in response.text
    assert load(app, Deviation, record_id).status == "new"


def test_approval_keeps_responsible_and_due_date_and_the_reporter_sees_the_comment(app, login):
    leader = login("leder")
    record_id = make_idea(app)

    page_decide(leader, "idea", record_id, status="approved", **IDEA_INPUT)

    idea = load(app, Idea, record_id)
    assert (idea.responsible, idea.due_date) == ("Lise", date(2026, 12, 18))
    assert idea.decision_comment == "Flott, vi prøver det."
    worker = login("ansatt")
    pulled = worker.get("/api/v1/sync/pull").json
    mine = next(c["record"] for c in pulled["changes"] if c["id"] == record_id)
    assert (mine["status"], mine["decision_comment"]) == ("approved", "Flott, vi prøver det.")


def test_decision_on_a_page_opened_before_another_change_is_refused(app, login):
    leader = login("leder")
    record_id = make_idea(app)
    stale_version = load(app, Idea, record_id).version
    bring_idea_to(app, record_id, "under_review")

    response = leader.post(
        f"/leader/ideas/{record_id}/status",
        data={
            "csrf_token": leader.csrf,
            "version": stale_version,
            "status": "rejected",
            "comment": "Nei",
        },
    )

    assert response.status_code == 409
    assert load(app, Idea, record_id).status == "under_review"


def test_history_shows_who_when_from_to_and_comment(app, login):
    leader = login("leder")
    record_id = make_idea(app)
    page_decide(leader, "idea", record_id, status="rejected", comment="Vi har ikke budsjett.")
    leader.post("/language", data={"csrf_token": leader.csrf, "lang": "en", "next": "/"})

    html = leader.get(f"/leader/ideas/{record_id}").text

    timeline = html[html.index('class="timeline"') :]
    assert "Lise Berg" in timeline
    assert "Kari Hansen" in timeline
    assert "New → Rejected" in timeline
    assert "Vi har ikke budsjett." in timeline
    assert "<time datetime=" in timeline


def test_measures_are_added_and_marked_done_from_the_deviation_page(app, login):
    leader = login("leder")
    record_id = make_deviation(app)
    before = state(app, Deviation, record_id)

    added = leader.post(
        f"/leader/deviations/{record_id}/measures",
        data={
            "csrf_token": leader.csrf,
            "text": "Sklimatte på badet",
            "responsible": "Ola",
            "due_date": "2026-12-01",
        },
    )
    measure = load(app, Deviation, record_id).measures[0]
    done = leader.post(
        f"/leader/deviations/{record_id}/measures/{measure.id}",
        data={"csrf_token": leader.csrf, "done": "1"},
    )

    assert (added.status_code, done.status_code) == (302, 302)
    deviation = load(app, Deviation, record_id)
    assert [(m.text, m.responsible, m.done) for m in deviation.measures] == [
        ("Sklimatte på badet", "Ola", True)
    ]
    assert deviation.version == before[1] + 2
    assert [e.action for e in deviation.events][-2:] == ["measure_added", "measure_done"]


def test_measure_without_text_is_refused_and_nothing_changes(app, login):
    leader = login("leder")
    record_id = make_deviation(app)
    before = state(app, Deviation, record_id)

    response = leader.post(
        f"/leader/deviations/{record_id}/measures", data={"csrf_token": leader.csrf, "text": ""}
    )

    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text
    assert state(app, Deviation, record_id) == before


def test_make_improvement_idea_from_a_deviation_links_them(app, login):
    leader = login("leder")
    record_id = make_deviation(app)

    form = {"csrf_token": leader.csrf, "title": "Sklisikre matter", "proposal": "Kjøp matter."}
    response = leader.post(f"/leader/deviations/{record_id}/idea", data=form)

    assert response.status_code == 302
    new_id = response.headers["Location"].rsplit("/", 1)[1]
    idea = load(app, Idea, new_id)
    assert idea.deviation_id == record_id
    assert idea.problem == "Bruker falt på badet."
    assert (idea.title, idea.proposal) == ("Sklisikre matter", "Kjøp matter.")
    deviation_page = leader.get(f"/leader/deviations/{record_id}").text
    assert f'href="/leader/ideas/{new_id}"' in deviation_page


def test_an_idea_from_a_deviation_needs_a_proposal_and_says_so(app, login):
    leader = login("leder")
    record_id = make_deviation(app)
    form = {"csrf_token": leader.csrf, "title": "Sklisikre matter", "proposal": "  "}

    response = leader.post(f"/leader/deviations/{record_id}/idea", data=form)

    assert response.status_code == 422
    assert "Skriv hva du foreslår." in response.text
    assert 'aria-invalid="true"' in response.text
    with app.app_context():
        assert db.session.scalars(db.select(Idea)).all() == []


def test_a_leader_of_another_unit_gets_not_found_and_changes_nothing(app, login):
    other = login("nav-leder")
    record_id = make_idea(app)
    before = state(app, Idea, record_id)

    seen = other.get(f"/leader/ideas/{record_id}")
    decided = other.post(
        f"/leader/ideas/{record_id}/status",
        data={"csrf_token": other.csrf, "status": "approved"},
    )

    assert (seen.status_code, decided.status_code) == (404, 404)
    assert state(app, Idea, record_id) == before


def test_coordinator_can_decide_in_any_unit(app, login):
    coordinator = login("koordinator")
    record_id = make_idea(app, "nav-ansatt")

    response = page_decide(coordinator, "idea", record_id, status="parked")

    assert response.status_code == 302
    assert load(app, Idea, record_id).status == "parked"


def test_decision_without_csrf_token_is_refused(app, login):
    leader = login("leder")
    record_id = make_idea(app)

    response = leader.post(f"/leader/ideas/{record_id}/status", data={"status": "approved"})

    assert response.status_code in (400, 403)
    assert load(app, Idea, record_id).status == "new"


def test_a_national_identity_number_in_a_leader_comment_is_refused_on_the_field(app, login):
    leader = login("leder")
    record_id = make_idea(app)
    before = state(app, Idea, record_id)

    response = page_decide(
        leader, "idea", record_id, status="approved", comment="Gjelder 24128510180"
    )

    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text
    assert "24128510180" in response.text  # the leader's text is kept to correct
    assert state(app, Idea, record_id) == before


def test_a_national_identity_number_in_a_closing_summary_is_refused(app, login):
    leader = login("leder")
    record_id = make_deviation(app)
    before = state(app, Deviation, record_id)

    response = page_decide(
        leader, "deviation", record_id, status="closed", closing_summary="fnr: 010190 10046"
    )

    assert response.status_code == 422
    assert 'id="closing_summary-error"' in response.text
    assert state(app, Deviation, record_id) == before
