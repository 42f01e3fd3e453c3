"""The idea page's board actions: approve with a person of the unit, PDSA notes while in
work, "Gjennomført" with what was learnt, and "bare gjør det" from new."""

from app.models import Idea
from tests.web.leader_support import idea_id, load, state  # noqa: F401  (fixture)


def post(client, path: str, **data):
    return client.post(path, data={"csrf_token": client.csrf, **data})


def test_approve_with_a_person_of_the_unit_then_pdsa_then_done_with_learning(
    app,
    login,
    demo,
    idea_id,  # noqa: F811
):
    leader = login("leder")
    page = leader.get(f"/leader/ideas/{idea_id}").text
    assert f'<option value="{demo["ansatt"]}">Kari Hansen</option>' in page
    assert f'value="{demo["nav-ansatt"]}"' not in page  # another unit's people are not offered
    assert 'id="pdsa"' not in page  # no PDSA notes before the idea is approved

    refused = post(
        leader,
        f"/leader/ideas/{idea_id}/status",
        status="approved",
        responsible_id=str(demo["nav-ansatt"]),
    )
    assert refused.status_code == 422
    assert load(app, Idea, idea_id).status == "new"

    assert (
        post(
            leader,
            f"/leader/ideas/{idea_id}/status",
            status="approved",
            responsible_id=str(demo["ansatt"]),
            due_date="2026-12-20",
        ).status_code
        == 302
    )
    idea = load(app, Idea, idea_id)
    assert (idea.responsible_id, idea.responsible) == (demo["ansatt"], "Kari Hansen")

    page = leader.get(f"/leader/ideas/{idea_id}").text
    assert "Planlegg: hva skal vi prøve" in page
    before = state(app, Idea, idea_id)
    saved = post(
        leader,
        f"/leader/ideas/{idea_id}/pdsa",
        pdsa_plan="Prøve nøkkelskap i to uker",
        pdsa_do="",
        pdsa_study="",
        pdsa_act="",
    )
    assert saved.status_code == 302
    after = state(app, Idea, idea_id)
    assert after[1:] == (before[1] + 1, after[2], before[3] + 1)
    assert after[2] > before[2]
    idea = load(app, Idea, idea_id)
    assert idea.pdsa_plan == "Prøve nøkkelskap i to uker"
    history = leader.get(f"/leader/ideas/{idea_id}").text.split('id="history-heading"')[1]
    assert "PDSA-notatene er oppdatert" in history
    assert '<p class="timeline-comment">Planlegg</p>' in history  # in words, not "pdsa_plan"
    assert "pdsa_plan" not in history

    assert (
        post(
            leader,
            f"/leader/ideas/{idea_id}/status",
            status="done",
            learning="Faste plasser sparer ti minutter",
        ).status_code
        == 302
    )
    idea = load(app, Idea, idea_id)
    assert (idea.status, idea.learning) == ("done", "Faste plasser sparer ti minutter")
    page = leader.get(f"/leader/ideas/{idea_id}").text
    assert "Faste plasser sparer ti minutter" in page
    assert "Planlegg: hva skal vi prøve" in page  # the notes stay readable


def test_just_do_it_from_new_needs_what_was_done(app, login, idea_id):  # noqa: F811
    leader = login("leder")
    empty = post(leader, f"/leader/ideas/{idea_id}/just-done", what_was_done="  ")
    assert empty.status_code == 422
    assert "Skriv hva som ble gjort" in empty.text
    assert 'aria-invalid="true"' in empty.text
    assert load(app, Idea, idea_id).status == "new"

    done = post(leader, f"/leader/ideas/{idea_id}/just-done", what_was_done="Satt opp krok")
    assert done.status_code == 302
    idea = load(app, Idea, idea_id)
    assert (idea.status, idea.learning, idea.events[-1].action) == (
        "done",
        "Satt opp krok",
        "just_done",
    )
    page = leader.get(f"/leader/ideas/{idea_id}").text
    assert "Gjennomført med en gang (bare gjør det)" in page

    again = post(leader, f"/leader/ideas/{idea_id}/just-done", what_was_done="Igjen")
    assert again.status_code == 422  # only from new


def test_pdsa_is_refused_on_a_new_idea(app, login, idea_id):  # noqa: F811
    leader = login("leder")
    response = post(leader, f"/leader/ideas/{idea_id}/pdsa", pdsa_plan="For tidlig")
    assert response.status_code == 422
    assert "PDSA-notater hører til" in response.text
    assert load(app, Idea, idea_id).pdsa_plan is None
