"""The jobs the queue runs: find where a notification goes, then deliver it.

``dispatch`` turns notifications into one delivery job per push subscription
(and an e-mail to a leader who has none), so a retry resends only what failed.
Jobs read and write in a session of their own: inline they run right after
the request's commit, when the request's session can no longer be used.
"""

import logging

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.database import reading_only
from app.extensions import db
from app.models import Notification, PushSubscription, User
from app.services.notifications import mail, message, webpush
from app.services.notifications.queue import run_later

log = logging.getLogger("steg.notifications")
MAIL_ROLES = frozenset({"leader", "safety_rep"})


def dispatch(notification_ids: list[int]) -> None:
    config = current_app.config
    with reading_only(), Session(db.engine) as session:
        plans = _plans(session, notification_ids)
    for note_id, person, device_ids in plans:
        if person is None or not person.active:
            continue  # deactivated since: told nothing
        if config["VAPID_PRIVATE_KEY"]:
            for sub_id in device_ids:
                run_later(deliver_push, note_id, sub_id)
        if _mail_wanted(person, bool(device_ids), config):
            run_later(deliver_email, note_id)


def _plans(session, notification_ids: list[int]) -> list[tuple]:
    """(notification id, the person's role/e-mail/active, their push subscription ids)."""
    query = select(Notification.id, Notification.user_id).where(
        Notification.id.in_(notification_ids)
    )
    notes = session.execute(query).all()
    user_ids = {user_id for _id, user_id in notes}
    devices: dict[int, list[int]] = {}
    for sub_id, user_id in session.execute(
        select(PushSubscription.id, PushSubscription.user_id).where(
            PushSubscription.user_id.in_(user_ids)
        )
    ):
        devices.setdefault(user_id, []).append(sub_id)
    people = {
        row.id: row
        for row in session.execute(
            select(User.id, User.role, User.email, User.active).where(User.id.in_(user_ids))
        )
    }
    return [(note_id, people.get(uid), devices.get(uid, [])) for note_id, uid in notes]


def _mail_wanted(person, has_push: bool, config) -> bool:
    """The e-mail fallback: a leader with an address and no push subscription, SMTP set up."""
    if not config["SMTP_HOST"] or not person.email:
        return False
    return person.role in MAIL_ROLES and not (has_push and config["VAPID_PRIVATE_KEY"])


def deliver_push(notification_id: int, subscription_id: int) -> int | None:
    config = current_app.config
    with reading_only(), Session(db.engine) as session:
        note = session.get(Notification, notification_id)
        sub = session.get(PushSubscription, subscription_id)
        user = session.get(User, note.user_id) if note else None
        if note is None or sub is None or user is None or sub.user_id != user.id:
            return None  # removed meanwhile (turned off on /account, the person deleted)
        if not user.active:
            return None
        payload = message.push_payload(note, user)
        session.expunge_all()
    try:
        return webpush.send(sub, payload, config)
    except webpush.SubscriptionGone:
        _forget_subscription(subscription_id)
        log.info("push subscription %s is gone; removed", subscription_id)
        return None


def _forget_subscription(subscription_id: int) -> None:
    with Session(db.engine) as session, session.begin():
        session.execute(delete(PushSubscription).where(PushSubscription.id == subscription_id))


def deliver_email(notification_id: int) -> bool:
    config = current_app.config
    with reading_only(), Session(db.engine) as session:
        note = session.get(Notification, notification_id)
        user = session.get(User, note.user_id) if note else None
        if user is None or not user.email:
            return False
        parts = message.mail_parts(note, user)
        address = user.email
    mail.send(address, parts, config)
    return True
