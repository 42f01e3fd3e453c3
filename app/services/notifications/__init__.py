"""Notifications: who is told what, and when (issue 13).

A notification is a row (app/models/notification.py) made in the same
transaction as what caused it, or right after a push batch's commit. Sending
(Web Push, e-mail) happens only after the commit, in a job: on the Redis queue
(RQ) when one is configured, else inline. A failure to notify is logged and
never undoes or holds up the record.

The hooks, one line each in the code that changes records:
- ``after_push(actor, results)``: after a push batch is committed (app/api/sync.py);
- ``on_event(record, actor, event)``: every history event (app/services/history.py);
  a leader's decision or comment on someone else's record is their answer.
"""

from app.services.notifications.fanout import after_push, on_event

__all__ = ["after_push", "on_event"]
