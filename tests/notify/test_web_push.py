"""Web Push end to end through the API: a real push endpoint on 127.0.0.1 receives the
server's message, proves its VAPID signature and decrypts it with the subscription's keys."""

import time

from app.extensions import db
from app.models import PushSubscription
from tests.api.helpers import deviation_create
from tests.notify.conftest import SECRET_TEXT, VAPID_PUBLIC, set_user, subscribe
from tests.notify.push_endpoint import Browser, verify_vapid


def _critical(**data):
    body = {"severity": "critical", "description": SECRET_TEXT, "location": "Trappa", **data}
    return deviation_create(**body)


def test_a_critical_deviation_reaches_the_leaders_browser_encrypted_and_signed(
    push_on, api, push_endpoint
):
    leader_browser = Browser()
    leader = api("leder")
    assert subscribe(leader, push_endpoint.url("leder"), leader_browser).status_code == 201

    worker = api("ansatt")
    started = time.monotonic()
    result = worker.push_one(_critical())
    assert result["status"] == "applied"
    [received] = push_endpoint.wait_for(1)

    print(f"\npush at the endpoint {received.at - started:.3f} s after the push request began")
    assert received.at - started < 5
    assert received.path == "/push/leder"
    assert received.headers["content-encoding"] == "aes128gcm"
    assert int(received.headers["ttl"]) == 86400
    claims = verify_vapid(received.headers, push_endpoint.origin, VAPID_PUBLIC)
    assert claims["sub"] == "mailto:drift@kommune.example"
    payload = leader_browser.decrypt(received.body)
    assert payload["title"] == "Nytt alvorlig avvik"
    assert payload["body"] == "Åpne Steg for å se den."
    assert payload["url"].startswith("/notifications/")
    text = repr(payload)
    for secret in (SECRET_TEXT, "Trappa", "fall", result["record"]["id"]):
        assert secret not in text


def test_the_payload_is_in_the_persons_language(push_on, app, api, push_endpoint):
    set_user(app, "leder", locale="en")
    browser = Browser()
    subscribe(api("leder"), push_endpoint.url("en"), browser)
    api("ansatt").push_one(_critical(severity="high"))
    [received] = push_endpoint.wait_for(1)
    assert browser.decrypt(received.body)["title"] == "New serious deviation"
    assert browser.decrypt(received.body)["body"] == "Open Steg to see it."


def test_the_reporter_hears_when_the_leader_answers(push_on, api, push_endpoint):
    worker_browser = Browser()
    worker = api("ansatt")
    subscribe(worker, push_endpoint.url("ansatt"), worker_browser)
    record = worker.push_one(deviation_create(description=SECRET_TEXT))["record"]
    assert push_endpoint.received == []  # a moderate deviation tells nobody

    leader = api("leder")
    summary = "Vi har satt opp gelender i trappa."
    answer = leader.post(
        f"/api/v1/deviations/{record['id']}/status",
        {"status": "closed", "closing_summary": summary},
    )
    assert answer.status_code == 200
    [received] = push_endpoint.wait_for(1)
    payload = worker_browser.decrypt(received.body)
    assert payload["title"] == "Du har fått svar"
    assert payload["url"] == f"/app#record/{record['id']}"
    assert summary not in repr(payload)
    assert SECRET_TEXT not in repr(payload)


def test_nobody_is_told_about_their_own_answer_or_a_small_deviation(push_on, api, push_endpoint):
    leader = api("leder")
    subscribe(leader, push_endpoint.url("leder"), Browser())
    api("ansatt").push_one(deviation_create(severity="low"))
    own = leader.push_one(_critical())  # the leader's own report: no push to themselves
    assert own["status"] == "applied"
    time.sleep(0.3)
    assert push_endpoint.received == []


def test_a_subscription_the_push_service_forgot_is_removed(push_on, app, api, push_endpoint):
    subscribe(api("leder"), push_endpoint.url("gone"), Browser())
    push_endpoint.status = 410
    api("ansatt").push_one(_critical())
    push_endpoint.wait_for(1)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(PushSubscription.id))) == 0


def test_a_push_service_that_fails_never_loses_the_record(push_on, api, push_endpoint):
    subscribe(api("leder"), push_endpoint.url("down"), Browser())
    push_endpoint.status = 503
    worker = api("ansatt")
    result = worker.push_one(_critical())
    assert result["status"] == "applied"
    changes, _cursor, _pages = worker.pull_all()
    assert [c["id"] for c in changes] == [result["record"]["id"]]


def test_a_deactivated_person_is_told_nothing(push_on, app, api, push_endpoint):
    subscribe(api("leder"), push_endpoint.url("leder"), Browser())
    set_user(app, "leder", active=False)
    assert api("ansatt").push_one(_critical())["status"] == "applied"
    time.sleep(0.3)
    assert push_endpoint.received == []


def test_a_failed_answer_never_sends_and_an_answer_is_sent_once(push_on, api, push_endpoint):
    worker_browser = Browser()
    worker = api("ansatt")
    subscribe(worker, push_endpoint.url("ansatt"), worker_browser)
    record = worker.push_one(deviation_create())["record"]
    leader = api("leder")
    refused = leader.post(f"/api/v1/deviations/{record['id']}/status", {"status": "closed"})
    assert refused.status_code == 422  # no summary: nothing happened, nobody is told
    time.sleep(0.3)
    assert push_endpoint.received == []
    url = f"/api/v1/deviations/{record['id']}/status"
    leader.post(url, {"status": "closed", "closing_summary": "Ryddet gangen."})
    push_endpoint.wait_for(1)
    time.sleep(0.3)
    assert len(push_endpoint.received) == 1
