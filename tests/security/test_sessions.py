"""Sessions: absolute lifetime, idle limit, revocation, forced password change, re-auth."""

from datetime import timedelta

import pytest
from flask import Blueprint

from app.extensions import db
from app.models import UserSession
from app.models.base import utcnow
from app.security.reauth import recent_auth_required
from app.services.demo import DEMO_PASSWORD
from app.services.sessions import end_all_sessions
from app.web.guards import roles_required
from tests.conftest import csrf_from, log_in
from tests.security.conftest import user

NEW_PASSWORD = "tre grønne epler på benken"


def _live_sessions(app, username: str) -> list[UserSession]:
    with app.app_context():
        return db.session.scalars(
            db.select(UserSession).where(
                UserSession.user_id == user(username).id, UserSession.ended_at.is_(None)
            )
        ).all()


def _age_sessions(app, username: str, **ago) -> None:
    """Move every session of the person into the past (created, last seen, authenticated)."""
    with app.app_context():
        for row in db.session.scalars(
            db.select(UserSession).where(UserSession.user_id == user(username).id)
        ):
            for column, delta in ago.items():
                setattr(row, column, utcnow() - delta)
        db.session.commit()


def _is_logged_in(client) -> bool:
    response = client.get("/")
    return response.status_code == 200


def test_session_ends_after_the_absolute_lifetime(app, login):
    worker = login("ansatt")
    hours = app.config["SESSION_ABSOLUTE_HOURS"]
    _age_sessions(app, "ansatt", created_at=timedelta(hours=hours, minutes=1))
    response = worker.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert _live_sessions(app, "ansatt") == []


def test_session_within_the_lifetime_keeps_working(app, login):
    worker = login("ansatt")
    hours = app.config["SESSION_ABSOLUTE_HOURS"]
    _age_sessions(app, "ansatt", created_at=timedelta(hours=hours - 1))
    assert _is_logged_in(worker)


@pytest.mark.parametrize("username", ["leder", "koordinator", "verneombud"])
def test_web_page_sessions_end_when_idle(app, login, username):
    client = login(username)
    idle = app.config["SESSION_IDLE_MINUTES"]
    _age_sessions(app, username, last_seen_at=timedelta(minutes=idle + 1))
    assert not _is_logged_in(client)


def test_idle_limit_is_reset_by_activity(app, login):
    leader = login("leder")
    idle = app.config["SESSION_IDLE_MINUTES"]
    _age_sessions(app, "leder", last_seen_at=timedelta(minutes=idle - 2))
    assert _is_logged_in(leader)  # this request counts as activity ...
    [live] = _live_sessions(app, "leder")
    assert utcnow() - live.last_seen_at < timedelta(minutes=1)  # ... so the clock restarts


def test_worker_on_a_tablet_has_no_idle_limit(app, login):
    worker = login("ansatt")
    idle = app.config["SESSION_IDLE_MINUTES"]
    _age_sessions(app, "ansatt", last_seen_at=timedelta(minutes=idle * 4))
    assert _is_logged_in(worker)


def test_cookie_stops_working_after_logout(app, login):
    worker = login("ansatt")
    stolen_cookie = worker.get_cookie("steg_session").value
    worker.post("/logout", data={"csrf_token": worker.csrf})
    thief = app.test_client()
    thief.set_cookie("steg_session", stolen_cookie)
    assert not _is_logged_in(thief)


def test_log_out_everywhere_ends_every_session_of_the_person(app, login):
    tablet, office = login("leder"), login("leder")
    other_person = login("ansatt")
    response = office.post("/account/logout-everywhere", data={"csrf_token": office.csrf})
    assert response.status_code == 302
    assert not _is_logged_in(tablet)
    assert not _is_logged_in(office)
    assert _is_logged_in(other_person)


def test_deactivation_ends_every_session(app, login):
    tablet = login("ansatt")
    with app.app_context():
        person = user("ansatt")
        person.active = False
        end_all_sessions(person)
        db.session.commit()
    assert not _is_logged_in(tablet)
    assert log_in(app.test_client(), "ansatt").status_code == 200  # cannot log in again


def test_password_change_ends_other_sessions_and_keeps_this_device_logged_in(app, login):
    tablet, office = login("ansatt"), login("ansatt")
    old_cookie = office.get_cookie("steg_session").value
    response = office.post(
        "/account/password",
        data={
            "csrf_token": office.csrf,
            "current_password": DEMO_PASSWORD,
            "new_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert 'id="password-changed"' in response.text
    assert not _is_logged_in(tablet)
    assert _is_logged_in(office)  # a fresh session on this device
    replay = app.test_client()
    replay.set_cookie("steg_session", old_cookie)
    assert not _is_logged_in(replay)  # the cookie from before the change is dead
    assert log_in(app.test_client(), "ansatt", NEW_PASSWORD).status_code == 302
    assert log_in(app.test_client(), "ansatt").status_code == 200


@pytest.mark.parametrize(
    ("new_password", "reason"),
    [("kort-ord", "at least 12"), ("passord12345", "too easy"), ("sommer2025!", "at least 12")],
)
def test_password_change_refuses_weak_passwords(app, login, new_password, reason):
    with app.app_context():
        user("ansatt").locale = "en"
        db.session.commit()
    worker = login("ansatt")
    response = worker.post(
        "/account/password",
        data={
            "csrf_token": worker.csrf,
            "current_password": DEMO_PASSWORD,
            "new_password": new_password,
        },
    )
    assert response.status_code == 422
    assert reason in response.text.lower()
    assert log_in(app.test_client(), "ansatt").status_code == 302  # old password still works


def test_password_change_needs_the_current_password(app, login):
    worker = login("ansatt")
    response = worker.post(
        "/account/password",
        data={"csrf_token": worker.csrf, "current_password": "wrong", "new_password": NEW_PASSWORD},
    )
    assert response.status_code == 422
    assert log_in(app.test_client(), "ansatt", NEW_PASSWORD).status_code == 200


def test_person_who_must_change_password_can_open_nothing_else(app, demo):
    with app.app_context():
        user("ansatt").must_change_password = True
        db.session.commit()
    worker = app.test_client()
    assert log_in(worker, "ansatt").status_code == 302
    start = worker.get("/")
    assert start.status_code == 302
    assert start.headers["Location"].endswith("/account")
    api = worker.get("/api/v1/session")
    assert api.status_code == 403
    assert api.get_json()["error"]["code"] == "password_change_required"
    assert worker.get("/app").headers["Location"].endswith("/account")
    catalog = worker.get("/app/i18n/nb.json")  # what anyone may fetch still comes
    assert catalog.status_code == 200
    assert catalog.is_json
    page = worker.get("/account")
    worker.post(
        "/account/password",
        data={
            "csrf_token": csrf_from(page.text),
            "current_password": DEMO_PASSWORD,
            "new_password": NEW_PASSWORD,
        },
    )
    assert worker.get("/").status_code == 200


# --- fresh login for sensitive changes -------------------------------------------


@pytest.fixture
def reauth_app(make_app):
    application = make_app()
    probe = Blueprint("probe", __name__)

    @probe.route("/probe/change-role", methods=["GET", "POST"])
    @roles_required("coordinator")
    @recent_auth_required
    def change_role():
        return "changed"

    application.register_blueprint(probe)
    return application


def test_sensitive_change_needs_a_recent_password(reauth_app, demo):
    coordinator = reauth_app.test_client()
    assert log_in(coordinator, "koordinator").status_code == 302
    assert coordinator.get("/probe/change-role").text == "changed"  # just logged in

    minutes = reauth_app.config["REAUTH_MINUTES"]
    _age_sessions(reauth_app, "koordinator", authenticated_at=timedelta(minutes=minutes + 1))
    response = coordinator.get("/probe/change-role")
    assert response.status_code == 302
    assert "/account/confirm" in response.headers["Location"]

    confirm = coordinator.get(response.headers["Location"])
    wrong = coordinator.post(
        "/account/confirm",
        data={
            "csrf_token": csrf_from(confirm.text),
            "password": "wrong",
            "next": "/probe/change-role",
        },
    )
    assert wrong.status_code == 200
    assert coordinator.get("/probe/change-role").status_code == 302

    right = coordinator.post(
        "/account/confirm",
        data={
            "csrf_token": csrf_from(confirm.text),
            "password": DEMO_PASSWORD,
            "next": "/probe/change-role",
        },
    )
    assert right.headers["Location"].endswith("/probe/change-role")
    assert coordinator.get("/probe/change-role").text == "changed"


def test_reauthentication_never_redirects_to_another_site(app, login):
    coordinator = login("koordinator")
    page = coordinator.get("/account/confirm?next=https://evil.example/")
    response = coordinator.post(
        "/account/confirm",
        data={
            "csrf_token": csrf_from(page.text),
            "password": DEMO_PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response.headers["Location"] == "/"


def test_coordinator_changes_to_users_need_a_recent_password(app, login, demo):
    coordinator = login("koordinator")
    minutes = app.config["REAUTH_MINUTES"]
    _age_sessions(app, "koordinator", authenticated_at=timedelta(minutes=minutes + 1))
    worker_id = demo["ansatt"]
    for path in (f"/admin/users/{worker_id}/deactivate", f"/admin/users/{worker_id}/password"):
        response = coordinator.post(path, data={"csrf_token": coordinator.csrf})
        assert response.status_code == 302, path
        assert "/account/confirm" in response.headers["Location"], path
    assert "/account/confirm" in coordinator.get("/admin/users/new").headers["Location"]
    with app.app_context():
        assert user("ansatt").active
        assert not user("ansatt").must_change_password
    assert coordinator.get("/admin/users").status_code == 200  # reading needs no fresh login
