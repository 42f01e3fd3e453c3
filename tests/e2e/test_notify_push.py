"""Done means (issue 13): a serious deviation saved offline reaches the leader's push
endpoint within seconds of the tablet finding network. Real gunicorn, a real RQ worker
process on Redis, real Chromium, and a push endpoint on 127.0.0.1 that checks the VAPID
signature and decrypts the message with the subscription's keys."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from redis import Redis
from rq import Queue

from app.services.demo import DEMO_PASSWORD
from tests.e2e.conftest import log_in, unsent, wait_offline_ready, wait_ready
from tests.notify.conftest import VAPID_PEM, VAPID_PUBLIC
from tests.notify.push_endpoint import Browser, PushEndpoint, verify_vapid

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/0"
DESCRIPTION = "Bruker slo etter meg i gangen, jeg fikk et blåmerke"


def _redis_up() -> bool:
    try:
        return Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture
def notify_env():
    name = f"steg-e2e-{uuid.uuid4().hex[:8]}"
    yield {
        "STEG_VAPID_PRIVATE_KEY": VAPID_PEM,
        "STEG_VAPID_SUBJECT": "mailto:drift@kommune.example",
        "STEG_QUEUE_URL": REDIS_URL,
        "STEG_QUEUE_NAME": name,
        "STEG_PUSH_ALLOW_HTTP": "1",
    }
    Queue(name, connection=Redis.from_url(REDIS_URL)).delete(delete_jobs=True)


@pytest.fixture
def notify_worker(app_ready_server, notify_env):
    """`flask notify-worker`, as `make run` and production start it."""
    env = {**app_ready_server.env, "FLASK_APP": "wsgi"}
    flask = Path(sys.executable).with_name("flask")
    process = subprocess.Popen(
        [str(flask), "notify-worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(1.5)  # let it connect and listen
    yield process
    os.killpg(process.pid, 15)
    process.wait(10)


@pytest.fixture
def app_ready_server(start_server, demo, notify_env):
    return start_server(workers=1, extra_env=notify_env)


def _leader_subscribes(server, endpoint: PushEndpoint, browser: Browser) -> None:
    session = requests.Session()
    login = session.get(f"{server.url}/login").text
    token = login.split('name="csrf_token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    session.post(
        f"{server.url}/login",
        data={"username": "leder", "password": DEMO_PASSWORD, "csrf_token": token},
    )
    csrf = session.get(f"{server.url}/api/v1/session").json()["csrf_token"]
    body = {
        "endpoint": endpoint.url("leders-telefon"),
        "keys": {"p256dh": browser.p256dh, "auth": browser.auth},
        "device_label": "Android – Chrome",
    }
    answer = session.post(
        f"{server.url}/api/v1/push/subscriptions", json=body, headers={"X-CSRFToken": csrf}
    )
    assert answer.status_code == 201, answer.text


@pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_a_serious_deviation_saved_offline_reaches_the_leader_within_seconds(
    app_ready_server, notify_worker, profiles
):
    endpoint, phone = PushEndpoint(), Browser()
    try:
        _leader_subscribes(app_ready_server, endpoint, phone)
        profile = profiles(app_ready_server)
        page = profile.page()
        log_in(page, "ansatt")
        wait_offline_ready(page)

        profile.context.set_offline(True)
        page.evaluate("location.hash = '#new-deviation'")
        page.get_by_label("Kategori").select_option(label="Fall")
        page.get_by_label("Alvorlighet").select_option(label="Høy")
        page.get_by_label("Hva skjedde?").fill(DESCRIPTION)
        page.get_by_role("button", name="Lagre").click()
        unsent(page, 1).wait_for()
        time.sleep(0.5)
        assert endpoint.received == []

        online_at = time.monotonic()
        profile.context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        [received] = endpoint.wait_for(1, timeout=15)
        seconds = received.at - online_at
        print(f"\npush arrived {seconds:.2f} s after the tablet came online")
        assert seconds < 10

        verify_vapid(received.headers, endpoint.origin, VAPID_PUBLIC)
        payload = phone.decrypt(received.body)
        assert payload["title"] == "Nytt alvorlig avvik"
        assert payload["url"].startswith("/notifications/")
        assert DESCRIPTION not in repr(payload)
        assert "Fall" not in repr(payload)
        wait_ready(page)
    finally:
        endpoint.close()
