"""The job queue: RQ on Redis when a queue URL is set, else the job runs inline.

Every delivery is its own job with retries (``STEG_QUEUE_RETRIES``, at
``STEG_QUEUE_RETRY_SECONDS``); one that fails for good stays in RQ's failed
job registry and is logged as a dead letter. Inline there is one attempt, and a
failure is logged the same way. Neither ever raises into the caller.
"""

import logging

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Callback, Queue, Retry

log = logging.getLogger("steg.notifications")
_connections: dict[str, Redis] = {}


def connection(url: str) -> Redis:
    if url not in _connections:
        _connections[url] = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    return _connections[url]


def current_queue() -> Queue | None:
    url = current_app.config.get("QUEUE_URL")
    if not url:
        return None
    return Queue(current_app.config["QUEUE_NAME"], connection=connection(url))


def mode() -> str:
    """ "queue" when jobs go to Redis, else "inline"; for ``make run`` to say which."""
    return "queue" if current_app.config.get("QUEUE_URL") else "inline"


def dispatch_later(notification_ids: list[int]) -> None:
    """Called after the commit that made these notifications."""
    from app.services.notifications import jobs

    run_later(jobs.dispatch, notification_ids)


def run_later(func, *args) -> None:
    queue = current_queue()
    if queue is None:
        run_now(func, *args)
        return
    config = current_app.config
    try:
        queue.enqueue(
            func,
            *args,
            retry=Retry(max=config["QUEUE_RETRIES"], interval=config["QUEUE_RETRY_SECONDS"]),
            on_failure=Callback(dead_letter),
            failure_ttl=30 * 24 * 3600,
        )
    except RedisError:
        log.warning("the queue is unreachable; running %s inline", func.__name__)
        run_now(func, *args)


def run_now(func, *args) -> None:
    try:
        func(*args)
    except Exception as error:  # noqa: BLE001  (a dead letter, never the caller's failure)
        log.error(
            "notification job failed for good (dead letter): %s%r: %r", func.__name__, args, error
        )


def dead_letter(job, connection, exc_type, exc_value, traceback) -> None:
    """RQ calls this after each failed attempt; the last one is a dead letter."""
    if job.retries_left:
        log.warning(
            "notification job %s failed, %s retries left: %r", job.id, job.retries_left, exc_value
        )
        return
    log.error(
        "notification job failed for good (dead letter, in RQ's failed job registry): %s %s%r: %r",
        job.id,
        job.func_name,
        job.args,
        exc_value,
    )
