"""Logging in and out, as each demo role, and the ways it must fail."""

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import pytest

from app.extensions import db
from app.models import User
from tests.conftest import csrf_from, log_in

FAILED = "Feil brukernavn eller passord."


@pytest.mark.parametrize("username", ["ansatt", "leder", "nav-ansatt", "nav-leder", "koordinator"])
def test_each_demo_person_can_log_in_and_reach_the_start_page(client, demo, username):
    response = log_in(client, username)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_password_and_unknown_user_get_the_same_message(client, demo):
    wrong_password = log_in(client, "ansatt", "not-the-password-at-all")
    unknown_user = log_in(client, "ingen-slik-bruker", "demo-steg-2026")
    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        assert FAILED in response.text
    assert client.get("/").status_code == 302


def test_username_is_not_case_sensitive(client, demo):
    assert log_in(client, "  Ansatt ").status_code == 302


def test_deactivated_person_is_refused_with_the_same_message(client, demo, app):
    with app.app_context():
        db.session.get(User, demo["ansatt"]).active = False
        db.session.commit()
    response = log_in(client, "ansatt")
    assert response.status_code == 200
    assert FAILED in response.text


def test_login_without_csrf_token_is_refused(client, demo):
    response = client.post("/login", data={"username": "ansatt", "password": "demo-steg-2026"})
    assert response.status_code == 403
    assert client.get("/").status_code == 302


def test_empty_fields_are_named_in_norwegian(client, demo):
    page = client.get("/login")
    response = client.post(
        "/login", data={"username": "", "password": "", "csrf_token": csrf_from(page.text)}
    )
    assert "Skriv brukernavnet ditt." in response.text
    assert "Skriv passordet ditt." in response.text


def test_login_starts_a_new_session(client, demo):
    client.get("/login")
    before = client.get_cookie("steg_session").value
    log_in(client, "ansatt")
    assert client.get_cookie("steg_session").value != before


def test_logout_ends_the_session_and_the_old_cookie_stops_working(app, login):
    leader = login("leder")
    old_cookie = leader.get_cookie("steg_session").value
    response = leader.post("/logout", data={"csrf_token": leader.csrf})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")

    replay = app.test_client()
    replay.set_cookie("steg_session", old_cookie)
    assert replay.get("/").status_code == 302, "a logged-out cookie must not open pages"


def test_logout_is_a_post_only(login):
    worker = login("ansatt")
    assert worker.get("/logout").status_code == 405
    assert worker.get("/").status_code == 200


def test_login_redirects_back_to_a_local_page_only(client, demo):
    page = client.get("/login?next=https://evil.example/")
    response = client.post(
        "/login?next=https://evil.example/",
        data={
            "username": "ansatt",
            "password": "demo-steg-2026",
            "csrf_token": csrf_from(page.text),
        },
    )
    assert response.headers["Location"] == "/"


def test_pages_need_a_session_and_send_you_to_login(client, demo):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_session_cookie_is_httponly_and_samesite_lax(client, demo):
    response = log_in(client, "ansatt")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("steg_session"))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_login_cookie_survives_a_browser_restart_but_not_the_working_day(client, demo):
    response = log_in(client, "ansatt")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("steg_session"))
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    hours_left = (expires - datetime.now(UTC)).total_seconds() / 3600
    assert 11.9 < hours_left <= 12, "kept across a browser restart, for one working day"


def test_later_answers_keep_the_cookie_from_login_instead_of_extending_it(client, demo):
    log_in(client, "ansatt")
    client.get("/api/v1/session")  # the app's first call: its CSRF token goes into the cookie
    for path in ("/api/v1/session", "/api/v1/sync/pull", "/"):
        response = client.get(path)
        assert response.status_code == 200
        sent = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("steg_session")]
        assert sent == [], f"{path} sent the session cookie again"
