"""The sync path's session check (a Person, not the ORM User) follows the same rules as pages.

Push and pull read the session row and its person in one statement
(services/sessions.py ``check_person``); an ended, expired or idle session,
a deactivated person and a forced password change act at the very next sync.
"""

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import UserSession
from app.models.base import utcnow
from app.services.sessions import end_all_sessions
from tests.security.conftest import user
from tests.security.test_sessions import _age_sessions, _live_sessions


def _sync(client, what: str):
    if what == "pull":
        return client.get("/api/v1/sync/pull")
    return client.post(
        "/api/v1/sync/push", json={"mutations": []}, headers={"X-CSRFToken": client.csrf}
    )


@pytest.fixture(params=["push", "pull"])
def what(request):
    return request.param


def test_a_live_session_syncs_and_counts_as_activity(app, login, what):
    worker = login("ansatt")
    _age_sessions(app, "ansatt", last_seen_at=timedelta(minutes=30))
    assert _sync(worker, what).status_code == 200
    [live] = _live_sessions(app, "ansatt")
    assert utcnow() - live.last_seen_at < timedelta(minutes=1)


def test_sync_after_the_absolute_lifetime_is_401_and_ends_the_session(app, login, what):
    worker = login("ansatt")
    hours = app.config["SESSION_ABSOLUTE_HOURS"]
    _age_sessions(app, "ansatt", created_at=timedelta(hours=hours, minutes=1))
    assert _sync(worker, what).status_code == 401
    assert _live_sessions(app, "ansatt") == []


def test_an_idle_leader_cannot_sync(app, login, what):
    leader = login("leder")
    idle = app.config["SESSION_IDLE_MINUTES"]
    _age_sessions(app, "leder", last_seen_at=timedelta(minutes=idle + 1))
    assert _sync(leader, what).status_code == 401
    assert _live_sessions(app, "leder") == []


def test_pull_after_logout_is_401(login):
    worker = login("ansatt")
    worker.post("/logout", data={"csrf_token": worker.csrf})
    assert _sync(worker, "pull").status_code == 401


def test_sync_after_deactivation_is_401(app, login, what):
    tablet = login("ansatt")
    with app.app_context():
        person = user("ansatt")
        person.active = False
        end_all_sessions(person)
        db.session.commit()
    assert _sync(tablet, what).status_code == 401


def test_a_deactivated_person_with_a_live_session_row_cannot_sync(app, login, what):
    worker = login("ansatt")
    with app.app_context():
        user("ansatt").active = False
        db.session.commit()
    assert _sync(worker, what).status_code == 401
    with app.app_context():
        ended = db.session.scalars(db.select(UserSession.ended_at)).all()
    assert None not in ended


def test_sync_waits_for_a_forced_password_change(app, login, what):
    worker = login("ansatt")
    with app.app_context():
        user("ansatt").must_change_password = True
        db.session.commit()
    response = _sync(worker, what)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "password_change_required"
