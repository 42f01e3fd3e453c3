"""Send only what was committed: notifications wait in the session until its COMMIT.

``before_commit`` flushes and takes the ids of the notifications still in the
session (one added in a savepoint that was rolled back is gone); ``after_commit``
hands them to the queue. A rollback forgets them (the end of the outermost
transaction). The queue call never raises.
"""

from sqlalchemy import event, inspect

PENDING = "steg_notifications_pending"
READY = "steg_notifications_ready"


def pending_keys(session) -> dict:
    return session.info.setdefault(PENDING, {})


def send_after_commit(session, key, notification) -> None:
    pending_keys(session)[key] = notification


def listen(session_target) -> None:
    """Register the listeners once, on the app's scoped session (app/extensions.db)."""
    if event.contains(session_target, "before_commit", _before_commit):
        return
    event.listen(session_target, "before_commit", _before_commit)
    event.listen(session_target, "after_commit", _after_commit)
    event.listen(session_target, "after_transaction_end", _forget)


def _before_commit(session) -> None:
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    session.flush()
    ids = [n.id for n in pending.values() if inspect(n).persistent]
    if ids:
        session.info[READY] = ids


def _after_commit(session) -> None:
    ids = session.info.pop(READY, None)
    if ids:
        from app.services.notifications import queue

        queue.dispatch_later(ids)


def _forget(session, transaction) -> None:
    """The outermost transaction ended (after ``after_commit``): what is left was rolled back."""
    if transaction.parent is not None:
        return
    session.info.pop(PENDING, None)
    session.info.pop(READY, None)
