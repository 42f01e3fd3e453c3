"""Wiring of the notifications (issue 13): session hooks, pages, commands."""

from flask import Flask

from app.extensions import db
from app.notify_cli import register_notify_commands
from app.services.notifications import after_commit, jobs  # noqa: F401  (pywebpush loads at start, not at the first push)
from app.web.notifications import init_notification_pages


def init_notifications(app: Flask) -> None:
    after_commit.listen(db.session)
    init_notification_pages(app)
    register_notify_commands(app)
