"""Races on PostgreSQL, for real: two connections, two server processes."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import text

from app.extensions import db
from app.models import AppliedMutation, Deviation, User
from app.schemas.records import load_record_data
from app.schemas.sync import MutationSchema
from app.services.demo import DEMO_PASSWORD
from app.services.push import apply_mutation, push_mutations
from app.services.records import create_deviation
from tests.api.helpers import deviation_create
from tests.conftest import csrf_from

pytestmark = pytest.mark.postgres_only


def http_login(base_url, username):
    session = requests.Session()
    page = session.get(f"{base_url}/login", timeout=10)
    form = {"username": username, "password": DEMO_PASSWORD, "csrf_token": csrf_from(page.text)}
    assert session.post(f"{base_url}/login", data=form, timeout=10, allow_redirects=False).ok
    session.headers["X-CSRFToken"] = session.get(f"{base_url}/api/v1/session").json()["csrf_token"]
    return session


def count(app, column):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(column)))


def test_two_processes_pushing_the_same_mutation_at_once_make_one_record(app, demo, start_server):
    server = start_server(workers=2)
    devices = [http_login(server.url, "ansatt") for _ in range(2)]
    rounds = 15
    statuses = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(rounds):
            body = {"mutations": [deviation_create()]}
            barrier = threading.Barrier(2)

            def send(device, body=body, barrier=barrier):
                barrier.wait()
                return device.post(f"{server.url}/api/v1/sync/push", json=body, timeout=30)

            responses = list(pool.map(send, devices))
            assert all(r.status_code == 200 for r in responses)
            statuses.append(sorted(r.json()["results"][0]["status"] for r in responses))
    assert statuses == [["applied", "duplicate"]] * rounds
    assert count(app, Deviation.id) == rounds
    assert count(app, AppliedMutation.mutation_id) == rounds


def _in_transaction(app, work, hold: threading.Event | None, done: list, ready=None):
    """Run work() in its own app context (own connection); commit after ``hold`` is set."""
    with app.app_context():
        result = work()
        if ready is not None:
            ready.set()
        if hold is not None:
            hold.wait(10)
        db.session.commit()
        done.append(result)
        db.session.remove()


def wait_until_blocked_on_a_lock(app, timeout=10.0) -> None:
    """Return once another connection of this database waits for a lock (else fail)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + timeout
    with app.app_context():
        while time.monotonic() < deadline:
            if db.session.execute(query).scalar_one():
                db.session.rollback()
                return
            db.session.rollback()
            time.sleep(0.02)
    pytest.fail("the second transaction never waited for the first")


def _create(app, user_id):
    mutation = deviation_create()
    data = load_record_data("deviation", "create", mutation["data"])

    def work():
        actor = db.session.get(User, user_id)
        return create_deviation(actor, mutation["record_id"], data, None).id

    return work


def _push(app, user_id, count):
    """A push of ``count`` new reports (the batch path: one statement takes lock and numbers)."""
    mutations = [MutationSchema().load(deviation_create()) for _ in range(count)]

    def work():
        actor = db.session.get(User, user_id)
        results = push_mutations(actor, mutations)
        assert [r["status"] for r in results] == ["applied"] * count
        return [r["record"]["id"] for r in results]

    return work


def _push_three(app, user_id):
    return _push(app, user_id, 3)


def _push_one(app, user_id):
    return _push(app, user_id, 1)


@pytest.mark.parametrize(
    ("slow_work", "fast_work"),
    [
        pytest.param(_create, _create, id="one report each"),
        pytest.param(_push_three, _create, id="a pushed batch first"),
        pytest.param(_create, _push_one, id="a pushed batch last"),
    ],
)
def test_change_committed_by_a_slower_transaction_is_not_skipped_by_a_pull(
    app, api, demo, slow_work, fast_work
):
    worker = api("ansatt")
    cursor = worker.pull()["cursor"]
    release_slow, slow_ready, slow_done, fast_done = threading.Event(), threading.Event(), [], []
    slow = threading.Thread(
        target=_in_transaction,
        args=(app, slow_work(app, demo["ansatt"]), release_slow, slow_done, slow_ready),
    )
    slow.start()
    assert slow_ready.wait(10)  # the slow one has its change number and has not committed
    fast = threading.Thread(
        target=_in_transaction, args=(app, fast_work(app, demo["ansatt"]), None, fast_done)
    )
    fast.start()
    wait_until_blocked_on_a_lock(app)  # the later writer waits for the earlier one's commit
    assert fast.is_alive()
    middle = worker.pull(cursor)
    assert middle["changes"] == []  # nothing committed yet: the cursor stays put
    release_slow.set()
    slow.join(10)
    fast.join(10)
    changes = worker.pull(middle["cursor"])["changes"]
    assert [c["id"] for c in changes] == _ids(slow_done[0]) + _ids(fast_done[0])


def _ids(done) -> list:
    return done if isinstance(done, list) else [done]


def test_racing_transactions_end_in_one_record_through_the_unique_key(app, demo):
    """Neither transaction sees the other's mutation when it looks: the key decides."""
    sent = deviation_create()
    mutation = MutationSchema().load(sent)
    release_first, first_ready, first_done, second_done = (
        threading.Event(),
        threading.Event(),
        [],
        [],
    )

    def apply():
        return apply_mutation(db.session.get(User, demo["ansatt"]), mutation)

    first = threading.Thread(
        target=_in_transaction, args=(app, apply, release_first, first_done, first_ready)
    )
    first.start()
    assert first_ready.wait(10)
    second = threading.Thread(target=_in_transaction, args=(app, apply, None, second_done))
    second.start()
    wait_until_blocked_on_a_lock(app)  # past its own look-up, waiting on the first
    release_first.set()
    first.join(10)
    second.join(10)
    assert first_done[0]["status"] == "applied"
    assert second_done[0]["status"] == "duplicate"
    assert second_done[0]["record"]["id"] == sent["record_id"]
    assert count(app, Deviation.id) == 1
