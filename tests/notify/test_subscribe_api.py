"""The push-subscription API refuses what a browser would never send, naming the field."""

import pytest

from app.extensions import db
from app.models import PushSubscription, User
from tests.notify.conftest import VAPID_PUBLIC, subscribe
from tests.notify.push_endpoint import Browser


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(PushSubscription.id)))


def test_the_key_endpoint_gives_the_servers_public_key(push_on, api):
    body = api("ansatt").get("/api/v1/push/key").json
    assert body == {"enabled": True, "public_key": VAPID_PUBLIC}


def test_without_a_vapid_key_push_is_off(app, api):
    assert api("ansatt").get("/api/v1/push/key").json == {"enabled": False, "public_key": None}


@pytest.mark.parametrize(
    ("endpoint", "field"),
    [
        ("ftp://push.example/abc", "endpoint"),
        ("https:///no-host", "endpoint"),
        ("https://user:pw@push.example/abc", "endpoint"),
        ("javascript:alert(1)//x", "endpoint"),
    ],
)
def test_an_address_that_is_no_push_service_is_refused(push_on, app, api, endpoint, field):
    response = subscribe(api("ansatt"), endpoint, Browser())
    assert response.status_code == 422
    assert response.json["error"]["fields"][field] == [
        "Dette er ikke en push-adresse appen kan bruke."
    ]
    assert _count(app) == 0


def test_plain_http_is_refused_outside_the_tests_own_endpoint(push_on, monkeypatch, app, api):
    monkeypatch.setitem(app.config, "PUSH_ALLOW_HTTP", False)
    response = subscribe(api("ansatt"), "http://127.0.0.1:9/push/x", Browser())
    assert response.status_code == 422
    assert "endpoint" in response.json["error"]["fields"]


@pytest.mark.parametrize(
    ("endpoint", "accepted"),
    [
        ("https://fcm.googleapis.com/fcm/send/abc:APA91b", True),
        ("https://web.push.apple.com/QGx", True),
        ("https://updates.push.services.mozilla.com/wpush/v2/gAAA", True),
        ("https://wns2-db5p.notify.windows.com/w/?token=BQYAAA", True),
        ("https://intranet.kommune.local/admin", False),
        ("https://10.0.0.5/push", False),
        ("https://fcm.googleapis.com.evil.example/x", False),
        ("https://evilfcm.googleapis.com.example/x", False),
    ],
)
def test_only_the_known_push_services_are_accepted_in_production(
    push_on, monkeypatch, app, api, endpoint, accepted
):
    from app.notify_config import PUSH_HOSTS

    monkeypatch.setitem(app.config, "PUSH_HOSTS", tuple(PUSH_HOSTS.split(",")))
    response = subscribe(api("ansatt"), endpoint, Browser())
    assert response.status_code == (201 if accepted else 422), response.text


def test_keys_of_the_wrong_size_are_refused(push_on, app, api):
    client, browser = api("ansatt"), Browser()
    body = {
        "endpoint": "https://push.example/a",
        "keys": {"p256dh": browser.p256dh, "auth": "A" * 30},
    }
    response = client.post("/api/v1/push/subscriptions", body)
    assert response.status_code == 422
    assert response.json["error"]["fields"] == {
        "keys.auth": ["Nettleserens push-nøkkel er ikke gyldig."]
    }
    body["keys"] = {"p256dh": "B" * 87, "auth": browser.auth}
    assert client.post("/api/v1/push/subscriptions", body).status_code == 422
    assert _count(app) == 0


def test_control_characters_and_missing_keys_are_named(push_on, api):
    client = api("ansatt")
    response = client.post(
        "/api/v1/push/subscriptions", {"endpoint": "https://push.example/\x00", "keys": {}}
    )
    assert response.status_code == 400
    fields = response.json["error"]["fields"]
    assert "endpoint" in fields
    assert "keys.p256dh" in fields


def test_a_big_body_is_refused(push_on, api):
    browser = Browser()
    body = {
        "endpoint": "https://push.example/a",
        "keys": {"p256dh": browser.p256dh, "auth": browser.auth},
        "padding": "x" * 5000,
    }
    assert api("ansatt").post("/api/v1/push/subscriptions", body).status_code == 413


def test_subscribing_needs_the_csrf_header_and_a_login(push_on, app, api):
    browser = Browser()
    body = {
        "endpoint": "https://push.example/a",
        "keys": {"p256dh": browser.p256dh, "auth": browser.auth},
    }
    no_csrf = api("ansatt").client.post("/api/v1/push/subscriptions", json=body)
    assert no_csrf.status_code == 403
    assert no_csrf.json["error"]["code"] == "csrf_failed"
    assert app.test_client().post("/api/v1/push/subscriptions", json=body).status_code in (401, 403)
    assert _count(app) == 0


def test_a_shared_tablets_subscription_moves_to_the_person_who_turns_it_on(push_on, app, api):
    browser = Browser()
    assert subscribe(api("ansatt"), "https://push.example/tablet", browser).status_code == 201
    assert subscribe(api("leder"), "https://push.example/tablet", browser).status_code == 201
    with app.app_context():
        owners = (
            db.session.execute(
                db.select(User.username).join(PushSubscription, PushSubscription.user_id == User.id)
            )
            .scalars()
            .all()
        )
    assert owners == ["leder"]


def test_unsubscribe_removes_only_ones_own(push_on, app, api):
    worker, leader = api("ansatt"), api("leder")
    subscribe(worker, "https://push.example/w", Browser())
    gone = leader.post("/api/v1/push/subscriptions/delete", {"endpoint": "https://push.example/w"})
    assert gone.json == {"removed": 0}
    mine = worker.post("/api/v1/push/subscriptions/delete", {"endpoint": "https://push.example/w"})
    assert mine.json == {"removed": 1}
    assert _count(app) == 0


def test_a_person_keeps_at_most_ten_devices(push_on, app, api):
    client = api("ansatt")
    for n in range(12):
        assert subscribe(client, f"https://push.example/{n}", Browser()).status_code == 201
    with app.app_context():
        kept = set(db.session.scalars(db.select(PushSubscription.endpoint)))
    assert kept == {f"https://push.example/{n}" for n in range(2, 12)}
