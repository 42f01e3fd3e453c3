"""What a push or an e-mail says: the kind in the person's language and a link, no record text."""

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.labels import NOTIFICATION_KIND

OPEN_TO_SEE = _l("Open Steg to see it.")
MAIL_INTRO = _l("Something in Steg needs you.")
MAIL_LINK = _l("Open it in Steg")
MAIL_WHY = _l("You get this e-mail because you lead a unit in Steg. It holds no case text.")


def link_path(notification) -> str:
    """Where opening it leads: the worker app for an answer, else the server's opener."""
    if notification.kind == "answer":
        return f"/app#record/{notification.record_id}"
    return f"/notifications/{notification.id}"


def push_payload(notification, user) -> dict:
    with force_locale(user.locale or "nb"):
        return {
            "title": str(NOTIFICATION_KIND[notification.kind]),
            "body": str(OPEN_TO_SEE),
            "url": link_path(notification),
            "tag": f"steg-{notification.kind}-{notification.id}",
            "urgent": notification.kind != "answer",
        }


def mail_parts(notification, user) -> dict:
    url = current_app.config["PUBLIC_URL"] + link_path(notification)
    with force_locale(user.locale or "nb"):
        title = str(NOTIFICATION_KIND[notification.kind])
        words = {"title": title, "intro": str(MAIL_INTRO), "link": str(MAIL_LINK)}
        words["why"] = str(MAIL_WHY)
    return {**words, "url": url}
