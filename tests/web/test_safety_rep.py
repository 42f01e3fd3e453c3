"""The safety representative reads the unit's HMS deviations, comments, and sees nothing else."""

import re

from app.extensions import db
from app.models import AuditEntry, Category, Deviation, Event
from tests.api.conftest import ApiClient
from tests.web.leader_support import make_deviation, make_idea


def _ids(html: str) -> list[str]:
    return re.findall(r'<li class="item[^"]*" data-id="([^"]+)"', html)


def test_the_list_holds_the_units_hms_deviations_only(app, login):
    violence = make_deviation(
        app, category="violence", severity="high", description="Slag i armen."
    )
    injury = make_deviation(app, category="staff_injury", description="Vridd rygg ved løft.")
    fall = make_deviation(app, category="fall", description="Bruker falt.")
    other_unit = make_deviation(app, "nav-ansatt", category="violence", description="Trusler.")
    make_idea(app)

    html = login("verneombud").get("/hms/").text

    assert sorted(_ids(html)) == sorted([violence, injury])
    assert fall not in html
    assert other_unit not in html
    assert "Slag i armen." in html
    assert "Felles nøkkelskap" not in html  # the idea


def test_a_category_the_coordinator_marks_hms_reaches_the_safety_rep(app, login):
    fall = make_deviation(app, category="fall")
    with app.app_context():
        for category in db.session.scalars(db.select(Category).filter_by(code="fall")):
            category.hms = True
        db.session.commit()

    assert _ids(login("verneombud").get("/hms/").text) == [fall]


def test_the_detail_page_shows_measures_checklist_and_history(app, login):
    violence = make_deviation(app, category="violence", description="Bruker slo etter meg.")
    leader = login("leder")
    leader.post(
        f"/leader/deviations/{violence}/measures",
        data={"csrf_token": leader.csrf, "text": "To på besøk hos bruker"},
    )
    leader.post(
        f"/leader/deviations/{violence}/hms-checklist",
        data={"csrf_token": leader.csrf, "hms_safety_rep": "yes"},
    )

    html = login("verneombud").get(f"/hms/deviations/{violence}").text

    assert "Bruker slo etter meg." in html
    assert "To på besøk hos bruker" in html
    assert "Verneombudet er informert" in html  # the history, in words
    assert "Verneombudet informert?" in html  # the checklist
    assert html.count("Ikke besvart ennå") == 3


def test_the_safety_rep_comments_and_the_leader_and_reporter_see_it(app, login):
    violence = make_deviation(app, category="violence")
    reporter = ApiClient(login("ansatt"))
    rep = login("verneombud")

    before, cursor, _ = reporter.pull_all()
    response = rep.post(
        f"/hms/deviations/{violence}/comment",
        data={"csrf_token": rep.csrf, "comment": "Jeg tar det opp i AMU."},
    )
    changes, _, _ = reporter.pull_all(cursor)

    assert response.status_code == 302
    assert "Jeg tar det opp i AMU." in rep.get(f"/hms/deviations/{violence}").text
    assert "Jeg tar det opp i AMU." in login("leder").get(f"/leader/deviations/{violence}").text
    events = changes[0]["record"]["events"]
    assert (events[-1]["action"], events[-1]["comment"]) == ("commented", "Jeg tar det opp i AMU.")
    assert events[-1]["actor"]["display_name"] == "Vera Nilsen"


def test_an_empty_comment_or_an_identity_number_is_refused_on_the_field(app, login):
    violence = make_deviation(app, category="violence")
    rep = login("verneombud")

    empty = rep.post(f"/hms/deviations/{violence}/comment", data={"csrf_token": rep.csrf})
    with_id = rep.post(
        f"/hms/deviations/{violence}/comment",
        data={"csrf_token": rep.csrf, "comment": "Gjelder 24128510180"},
    )

    assert (empty.status_code, with_id.status_code) == (422, 422)
    assert "Skriv kommentaren din." in empty.text
    assert 'aria-invalid="true"' in with_id.text
    with app.app_context():
        count = db.session.scalar(
            db.select(db.func.count()).select_from(Event).where(Event.action == "commented")
        )
    assert count == 0


def test_a_comment_without_the_csrf_token_is_refused(app, login):
    violence = make_deviation(app, category="violence")
    rep = login("verneombud")

    response = rep.post(f"/hms/deviations/{violence}/comment", data={"comment": "Hei"})

    assert response.status_code in (400, 403)


def test_non_hms_and_other_units_deviations_are_not_found(app, login):
    fall = make_deviation(app, category="fall")
    other_unit = make_deviation(app, "nav-ansatt", category="violence")
    rep = login("verneombud")

    for deviation_id in (fall, other_unit, "no-such-id"):
        assert rep.get(f"/hms/deviations/{deviation_id}").status_code == 404
        response = rep.post(
            f"/hms/deviations/{deviation_id}/comment",
            data={"csrf_token": rep.csrf, "comment": "Hei"},
        )
        assert response.status_code == 404


def test_other_roles_do_not_use_the_safety_rep_pages(app, login):
    violence = make_deviation(app, category="violence")

    for username in ("ansatt", "leder", "koordinator", "nav-verneombud"):
        client = login(username)
        expected = 404 if username == "nav-verneombud" else 403
        assert client.get(f"/hms/deviations/{violence}").status_code == expected, username
    assert login("ansatt").get("/hms/").status_code == 403


def test_the_safety_rep_sees_no_inbox_board_admin_or_tablet_app(app, login):
    violence = make_deviation(app, category="violence")
    idea = make_idea(app)
    rep = login("verneombud")

    for url in (
        "/leader/",
        f"/leader/deviations/{violence}",
        f"/leader/ideas/{idea}",
        "/leader/board",
        "/leader/meetings/",
        "/leader/injury-register/",
        "/admin/units",
        "/admin/audit",
        "/app",
    ):
        assert rep.get(url).status_code == 403, url
    home = rep.get("/").text
    assert "/hms/" in home
    assert 'href="/app' not in home


def test_the_sync_api_refuses_the_safety_rep(app, login):
    make_deviation(app, category="violence")
    api = ApiClient(login("verneombud"))

    pull = api.get("/api/v1/sync/pull")
    push = api.post("/api/v1/sync/push", {"device_id": "d", "mutations": []})

    assert (pull.status_code, push.status_code) == (403, 403)
    assert pull.json["error"]["code"]
    assert api.get("/api/v1/session").json["user"]["role"] == "safety_rep"


def test_reading_an_hms_deviation_is_in_the_audit_log(app, login):
    violence = make_deviation(app, category="violence")

    login("verneombud").get(f"/hms/deviations/{violence}")

    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "record_viewed"))
        assert (entry.username, entry.target_id) == ("verneombud", violence)


def test_the_deviation_left_alone_by_reading(app, login):
    violence = make_deviation(app, category="violence")
    with app.app_context():
        before = db.session.get(Deviation, violence).version

    login("verneombud").get(f"/hms/deviations/{violence}")

    with app.app_context():
        assert db.session.get(Deviation, violence).version == before
