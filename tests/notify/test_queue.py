"""The job queue on a real Redis (RQ): the request only enqueues, a worker sends, a job
that keeps failing is retried and then lands in the failed job registry (the dead letters).
Without a reachable Redis the job runs inline after the commit."""

import logging
import time
import uuid

import pytest
from redis import Redis
from rq import Queue, SimpleWorker
from rq.registry import FailedJobRegistry

from tests.api.helpers import deviation_create
from tests.notify.conftest import subscribe
from tests.notify.push_endpoint import Browser

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_up() -> bool:
    try:
        return Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001
        return False


needs_redis = pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture
def queued(push_on, monkeypatch):
    """Jobs go to a queue of this test's own (others may share this Redis)."""
    name = f"steg-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(push_on.config, "QUEUE_URL", REDIS_URL)
    monkeypatch.setitem(push_on.config, "QUEUE_NAME", name)
    monkeypatch.setitem(push_on.config, "QUEUE_RETRIES", 2)
    monkeypatch.setitem(push_on.config, "QUEUE_RETRY_SECONDS", [0])
    queue = Queue(name, connection=Redis.from_url(REDIS_URL))
    yield queue
    FailedJobRegistry(queue=queue).cleanup(0)
    queue.delete(delete_jobs=True)


def _work(app, queue) -> None:
    with app.app_context():
        SimpleWorker([queue], connection=queue.connection).work(burst=True)


@needs_redis
def test_the_request_enqueues_and_the_worker_sends(queued, app, api, push_endpoint):
    browser = Browser()
    subscribe(api("leder"), push_endpoint.url("leder"), browser)
    result = api("ansatt").push_one(deviation_create(severity="critical"))
    assert result["status"] == "applied"
    assert queued.count == 1  # one dispatch job, nothing sent yet
    time.sleep(0.2)
    assert push_endpoint.received == []

    _work(app, queued)
    [received] = push_endpoint.wait_for(1)
    assert browser.decrypt(received.body)["title"] == "Nytt alvorlig avvik"
    assert queued.count == 0


@needs_redis
def test_a_failing_delivery_is_retried_then_kept_as_a_dead_letter(
    queued, app, api, push_endpoint, caplog
):
    subscribe(api("leder"), push_endpoint.url("leder"), Browser())
    push_endpoint.status = 500
    api("ansatt").push_one(deviation_create(severity="high"))
    with caplog.at_level(logging.WARNING, logger="steg.notifications"):
        _work(app, queued)

    assert len(push_endpoint.received) == 3  # the first try and two retries
    failed = FailedJobRegistry(queue=queued)
    [job_id] = failed.get_job_ids()
    assert queued.fetch_job(job_id).func_name.endswith("jobs.deliver_push")
    dead = [r for r in caplog.records if "dead letter" in r.getMessage()]
    assert len(dead) == 1


@needs_redis
def test_retries_stop_once_the_push_service_recovers(queued, app, api, push_endpoint):
    subscribe(api("leder"), push_endpoint.url("leder"), Browser())
    push_endpoint.status = 503
    api("ansatt").push_one(deviation_create(severity="critical"))
    with app.app_context():
        worker = SimpleWorker([queued], connection=queued.connection)
        worker.work(burst=True, max_jobs=2)  # dispatch, then one failed delivery
        push_endpoint.status = 201
        worker.work(burst=True)
    assert len(push_endpoint.received) == 2
    assert FailedJobRegistry(queue=queued).count == 0


def test_without_a_reachable_redis_the_job_runs_inline(
    push_on, monkeypatch, api, push_endpoint, caplog
):
    monkeypatch.setitem(push_on.config, "QUEUE_URL", "redis://127.0.0.1:9/0")  # nothing listens
    browser = Browser()
    subscribe(api("leder"), push_endpoint.url("leder"), browser)
    with caplog.at_level(logging.WARNING, logger="steg.notifications"):
        result = api("ansatt").push_one(deviation_create(severity="critical"))
    assert result["status"] == "applied"
    [received] = push_endpoint.wait_for(1)
    assert browser.decrypt(received.body)["title"] == "Nytt alvorlig avvik"
    assert any("unreachable" in r.getMessage() for r in caplog.records)
