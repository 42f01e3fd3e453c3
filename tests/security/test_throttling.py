"""Login throttling: per account and per address, only failures count, no lock-out."""

import secrets
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from sqlalchemy import func, select

from app.config import load_config
from app.extensions import db
from app.models import AuditEntry, ThrottleHit
from app.models.base import utcnow
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


def audit_count(app, action: str) -> int:
    with app.app_context():
        query = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)
        count = db.session.scalar(query)
        db.session.remove()
        return count


def test_a_flood_of_refused_attempts_writes_one_audit_entry_per_key(throttled):
    client = throttled.test_client()
    for _ in range(3):
        attempt(client, "leder", "wrong", ATTACKER_ADDR)
    for _ in range(20):  # the account limit refuses these
        assert attempt(client, "leder", "wrong", ATTACKER_ADDR).status_code == 429
    assert audit_count(throttled, "login_failed") == 3
    assert audit_count(throttled, "login_throttled") == 1
    for name in ("a1", "a2"):  # the address's 4th and 5th failure
        assert attempt(client, name, "wrong", ATTACKER_ADDR).status_code == 200
    for _ in range(20):  # now the address limit refuses: a new key, one more entry
        assert attempt(client, "ansatt", "wrong", ATTACKER_ADDR).status_code == 429
    assert audit_count(throttled, "login_throttled") == 2


def test_limits_and_the_audit_cap_last_one_window(make_app, demo):
    app = make_app(
        LOGIN_THROTTLE=True,
        LOGIN_LIMIT_ACCOUNT="2 per 2 seconds",
        LOGIN_LIMIT_ADDRESS="50 per 2 seconds",
    )
    client = app.test_client()
    for _ in range(2):
        attempt(client, "leder", "wrong", ATTACKER_ADDR)
    refused = attempt(client, "leder", "wrong", ATTACKER_ADDR)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 2
    attempt(client, "leder", "wrong", ATTACKER_ADDR)
    assert audit_count(app, "login_throttled") == 1
    time.sleep(2.1)
    assert attempt(client, "leder", "wrong", ATTACKER_ADDR).status_code == 200
    # The window has passed: its rows were swept by this attempt.
    with app.app_context():
        keys = db.session.scalars(select(ThrottleHit.key)).all()
        expired = select(ThrottleHit).where(ThrottleHit.expires_at <= utcnow())
        assert db.session.scalars(expired).all() == []
    assert len(keys) == 2  # this attempt's slots: address and account, by hash only
    assert all("leder" not in key and "203.0.113.9" not in key for key in keys)
    attempt(client, "leder", "wrong", ATTACKER_ADDR)
    assert attempt(client, "leder", "wrong", ATTACKER_ADDR).status_code == 429
    assert audit_count(app, "login_throttled") == 2  # a new window, one new entry


# --- real processes: two gunicorn workers sharing the database ----------------------


def test_the_limit_is_exact_across_two_gunicorn_workers_in_the_database(app, start_server, demo):
    server = start_server(
        workers=2,
        extra_env={
            "STEG_LOGIN_THROTTLE": "1",
            "REDIS_URL": "",
            "STEG_LOGIN_LIMIT_ACCOUNT": "10 per 10 minutes",
            "STEG_LOGIN_LIMIT_ADDRESS": "100 per 10 minutes",
        },
    )
    browsers = [Browser(server.url) for _ in range(6)]
    tokens = [b.csrf() for b in browsers]

    def guess(i: int) -> int:
        data = {"username": "leder", "password": f"guess-{i}", "csrf_token": tokens[i % 6]}
        return browsers[i % 6].request("/login", data)[0]

    with ThreadPoolExecutor(max_workers=6) as pool:  # concurrent: both workers busy
        statuses = list(pool.map(guess, range(30)))
    assert statuses.count(200) == 10, statuses  # exactly the limit had their password checked
    assert statuses.count(429) == 20, statuses
    assert audit_count(app, "login_failed") == 10
    assert audit_count(app, "login_throttled") == 1  # one entry for the 20 refusals
    # The right password is refused too, from a device that never logged in as leder.
    assert Browser(server.url).log_in("leder", DEMO_PASSWORD) == 429
    # Another person is not affected.
    assert Browser(server.url).log_in("ansatt", DEMO_PASSWORD) == 302


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
