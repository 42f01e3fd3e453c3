"""Where throttling counts live: the database (the default) or a ``limits`` storage (Redis).

Both keep a moving window per key and answer the same three calls for one attempt:

- ``reserve(checks)``: may the attempt go ahead? A ``Refusal`` (with Retry-After,
  and whether it is the first refusal of this key in its window) or a reservation.
- ``failed(reservation)``: the attempt failed, so it counts.
- ``succeeded(reservation)``: the attempt succeeded, so it does not count.

**Database** (``DatabaseCounts``): the attempt takes its slot *before* the password
is checked, in one short transaction that serialises on its keys (SQLite: the
write lock every transaction takes, app/database.py; PostgreSQL: an advisory
lock per key). So however many processes and workers run, at most ``amount``
attempts per window get past the check, exactly; a success gives its slot back.
Refused attempts take no slot. Expired rows are swept a few at a time by each
attempt (``SKIP LOCKED`` on PostgreSQL, so sweepers never wait on each other).

**limits storage** (``LimitsCounts``, used with ``REDIS_URL``): the check and the
count are two steps (a failure is counted after the password check), so
concurrent guesses at the edge of the limit may let one or two more through.
"""

import hashlib
import math
from dataclasses import dataclass
from datetime import timedelta

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import delete, insert, select, text

from app.extensions import db
from app.models import ThrottleHit
from app.models.base import utcnow

SWEEP_ROWS = 200  # expired rows removed per attempt, at most
NO_SYNC = {"synchronize_session": False}  # no ThrottleHit is ever loaded as an object
LOCK_KEY = text("SELECT pg_advisory_xact_lock(:id)")  # PostgreSQL, until the transaction ends


@dataclass(frozen=True)
class Check:
    item: RateLimitItem
    key: tuple[str, ...]
    enforced: bool = True  # False: the attempt counts here but is never refused by it


@dataclass(frozen=True)
class Refusal:
    retry_after: int  # seconds until this key has a free slot
    first_in_window: bool  # the first refusal of this key since its window began


def _refusal_marker(key: tuple[str, ...]) -> tuple[str, ...]:
    return ("throttled", *key)


class DatabaseCounts:
    """Moving-window counts in table ``throttle_hits``, shared by every process."""

    def reserve(self, checks: list[Check]) -> Refusal | list[int]:
        """Decide and commit at once (the request's session holds nothing else yet)."""
        try:
            answer = self._reserve(db.session, checks)
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
        return answer

    def _reserve(self, session, checks: list[Check]) -> Refusal | list[int]:
        hashes = [_hash(check.key) for check in checks]
        connection = session.connection()  # SQLite: BEGIN IMMEDIATE, the write lock
        if connection.dialect.name == "postgresql":
            for digest in sorted(set(hashes)):  # one order: no deadlock between keys
                session.execute(LOCK_KEY, {"id": _lock_id(digest)})
        now = utcnow()  # once the keys are ours: a wait does not shorten the window
        _sweep(session, now)
        for check, digest in zip(checks, hashes, strict=True):
            if not check.enforced:
                continue
            expiries = _live_expiries(session, digest, now)
            if len(expiries) >= check.item.amount:
                free_at = expiries[len(expiries) - check.item.amount]
                return Refusal(
                    retry_after=max(1, math.ceil((free_at - now).total_seconds())),
                    first_in_window=_first_refusal(session, check, now),
                )
        rows = [
            {"key": digest, "expires_at": now + _window(check.item)}
            for check, digest in zip(checks, hashes, strict=True)
        ]
        return list(session.scalars(insert(ThrottleHit).returning(ThrottleHit.id), rows))

    def failed(self, reservation: list[int]) -> None:
        """The slots were taken at ``reserve``: nothing more to count."""

    def succeeded(self, reservation: list[int]) -> None:
        """Give the slots back, in the request's transaction (the login commits it)."""
        if reservation:
            given_back = delete(ThrottleHit).where(ThrottleHit.id.in_(reservation))
            db.session.execute(given_back, execution_options=NO_SYNC)


def _hash(key: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(key).encode()).hexdigest()


def _lock_id(digest: str) -> int:
    return int.from_bytes(bytes.fromhex(digest[:16]), "big", signed=True)


def _window(item: RateLimitItem) -> timedelta:
    return timedelta(seconds=item.get_expiry())


def _live_expiries(session, digest: str, now) -> list:
    query = (
        select(ThrottleHit.expires_at)
        .where(ThrottleHit.key == digest, ThrottleHit.expires_at > now)
        .order_by(ThrottleHit.expires_at)
    )
    return list(session.scalars(query))


def _first_refusal(session, check: Check, now) -> bool:
    """Mark the key as refused for one window; True if it was not marked yet."""
    marker = _hash(_refusal_marker(check.key))  # serialised by the lock on check.key
    if _live_expiries(session, marker, now):
        return False
    session.execute(insert(ThrottleHit).values(key=marker, expires_at=now + _window(check.item)))
    return True


def _sweep(session, now) -> None:
    expired = (
        select(ThrottleHit.id)
        .where(ThrottleHit.expires_at <= now)
        .limit(SWEEP_ROWS)
        .with_for_update(skip_locked=True)
    )
    session.execute(
        delete(ThrottleHit).where(ThrottleHit.id.in_(expired)), execution_options=NO_SYNC
    )


class LimitsCounts:
    """Counts in a ``limits`` storage (``redis://…``, ``memory://`` in one process)."""

    def __init__(self, uri: str):
        self.limiter = MovingWindowRateLimiter(storage_from_string(uri))

    def reserve(self, checks: list[Check]) -> Refusal | list[Check]:
        for check in checks:
            if check.enforced and not self.limiter.test(check.item, *check.key):
                reset_at = self.limiter.get_window_stats(check.item, *check.key).reset_time
                marker = RateLimitItemPerSecond(1, check.item.get_expiry())
                return Refusal(
                    retry_after=max(1, math.ceil(reset_at - _epoch_now())),
                    first_in_window=self.limiter.hit(marker, *_refusal_marker(check.key)),
                )
        return checks

    def failed(self, reservation: list[Check]) -> None:
        for check in reservation:
            self.limiter.hit(check.item, *check.key)

    def succeeded(self, reservation: list[Check]) -> None:
        """Only failures count here: nothing to give back."""


def _epoch_now() -> float:
    return utcnow().timestamp()


def counts_for(uri: str) -> DatabaseCounts | LimitsCounts:
    return DatabaseCounts() if uri == "database" else LimitsCounts(uri)
