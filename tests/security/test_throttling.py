"""Login throttling: per account and per address, only failures count, no lock-out."""

import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from app.config import load_config
from app.services.demo import DEMO_PASSWORD
from tests.conftest import csrf_from
from tests.security.conftest import Browser

ALICE_ADDR = {"REMOTE_ADDR": "10.0.0.1"}
ATTACKER_ADDR = {"REMOTE_ADDR": "203.0.113.9"}


def attempt(client, username, password, environ=None):
    environ = environ or {}
    page = client.get("/login", environ_base=environ)
    data = {"username": username, "password": password, "csrf_token": csrf_from(page.text)}
    return client.post("/login", data=data, environ_base=environ)


@pytest.fixture
def throttled(make_app, demo):
    return make_app(
        LOGIN_THROTTLE=True,
        LOGIN_LIMIT_ACCOUNT="3 per 15 minutes",
        LOGIN_LIMIT_ADDRESS="5 per 15 minutes",
        RATELIMIT_KEY_PREFIX=f"test-{secrets.token_hex(4)}",
    )


def test_suite_default_has_throttling_off(app):
    assert app.config["LOGIN_THROTTLE"] is False


def test_production_default_has_throttling_on(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.delenv("STEG_LOGIN_THROTTLE", raising=False)
    assert load_config(tmp_path, "production").LOGIN_THROTTLE is True


def test_wrong_passwords_for_one_account_are_throttled(throttled):
    client = throttled.test_client()
    for _ in range(3):
        assert attempt(client, "leder", "wrong", ATTACKER_ADDR).status_code == 200
    blocked = attempt(client, "leder", "wrong", ATTACKER_ADDR)
    assert blocked.status_code == 429
    assert "For mange forsøk" in blocked.text or "Too many attempts" in blocked.text
    assert int(blocked.headers["Retry-After"]) > 0
    # Even the right password is refused from here now: guessing stops.
    assert attempt(client, "leder", DEMO_PASSWORD, ATTACKER_ADDR).status_code == 429


def test_throttle_message_is_in_the_persons_language(throttled):
    client = throttled.test_client()
    page = client.get("/login")
    client.post(
        "/language", data={"lang": "en", "next": "/login", "csrf_token": csrf_from(page.text)}
    )
    for _ in range(4):
        response = attempt(client, "leder", "wrong", ATTACKER_ADDR)
    assert response.status_code == 429
    assert "Too many attempts. Wait a little and try again." in response.text


def test_successful_logins_do_not_count(throttled):
    for _ in range(6):
        client = throttled.test_client()
        assert attempt(client, "leder", DEMO_PASSWORD, ALICE_ADDR).status_code == 302


def test_attacker_cannot_lock_the_person_out_of_their_own_device(throttled):
    own_tablet = throttled.test_client()
    assert attempt(own_tablet, "leder", DEMO_PASSWORD, ALICE_ADDR).status_code == 302
    own_tablet.post("/logout", data={"csrf_token": csrf_from(own_tablet.get("/").text)})

    attacker = throttled.test_client()
    for _ in range(4):
        attempt(attacker, "leder", "guess", ATTACKER_ADDR)
    assert attempt(attacker, "leder", "guess", ATTACKER_ADDR).status_code == 429

    # The person's own tablet (it has logged in as "leder" before) still gets in.
    assert attempt(own_tablet, "leder", DEMO_PASSWORD, ALICE_ADDR).status_code == 302
    # A device that never logged in as "leder" waits, like the attacker.
    stranger = throttled.test_client()
    assert attempt(stranger, "leder", DEMO_PASSWORD, ALICE_ADDR).status_code == 429


def test_one_address_trying_many_accounts_is_throttled(throttled):
    client = throttled.test_client()
    for name in ("a1", "a2", "a3", "a4", "a5"):
        assert attempt(client, name, "wrong", ATTACKER_ADDR).status_code == 200
    assert attempt(client, "ansatt", DEMO_PASSWORD, ATTACKER_ADDR).status_code == 429
    # Another address is not affected.
    other = throttled.test_client()
    assert attempt(other, "ansatt", DEMO_PASSWORD, ALICE_ADDR).status_code == 302


def test_username_case_and_spaces_do_not_bypass_the_account_limit(throttled):
    client = throttled.test_client()
    for name in ("leder", "LEDER", " Leder "):
        attempt(client, name, "wrong", ATTACKER_ADDR)
    assert attempt(client, "lEdEr", "wrong", ATTACKER_ADDR).status_code == 429


# --- real processes: two gunicorn workers sharing Redis ------------------------------


@pytest.fixture
def redis_url():
    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_timeout=2).ping()
    except redis.RedisError:
        pytest.fail("Redis is not running on 127.0.0.1:6379 (needed for this test)")
    return url


def test_throttling_holds_across_two_gunicorn_workers_with_redis(start_server, demo, redis_url):
    prefix = f"test-{secrets.token_hex(6)}"
    server = start_server(
        workers=2,
        extra_env={
            "STEG_LOGIN_THROTTLE": "1",
            "REDIS_URL": redis_url,
            "STEG_RATELIMIT_PREFIX": prefix,
            "STEG_LOGIN_LIMIT_ACCOUNT": "5 per 10 minutes",
            "STEG_LOGIN_LIMIT_ADDRESS": "100 per 10 minutes",
        },
    )
    browsers = [Browser(server.url) for _ in range(4)]
    tokens = [b.csrf() for b in browsers]

    def guess(i: int) -> int:
        b = browsers[i % 4]
        data = {"username": "leder", "password": f"guess-{i}", "csrf_token": tokens[i % 4]}
        return b.request("/login", data)[0]

    with ThreadPoolExecutor(max_workers=4) as pool:  # concurrent: both workers busy
        statuses = list(pool.map(guess, range(20)))
    assert statuses.count(200) <= 6, statuses  # 5 allowed (+1 for a race at the edge)
    assert statuses.count(429) >= 14, statuses
    # The limit is in Redis, under this run's prefix, visible to every worker.
    keys = redis.Redis.from_url(redis_url).keys(f"*{prefix}*")
    assert keys
    # A fresh process (another "server") sees the same counts.
    second = start_server(workers=1, extra_env=server.env)
    late = Browser(second.url)
    token = late.csrf()
    data = {"username": "leder", "password": "guess-late", "csrf_token": token}
    assert late.request("/login", data)[0] == 429
