"""Notification fixtures: a real push endpoint, the server's VAPID key, logged-in API clients."""

import pytest

from app.extensions import db
from app.models import User
from app.services.notifications import vapid
from tests.api.conftest import ApiClient, api, second_worker  # noqa: F401  (fixtures)
from tests.notify.push_endpoint import Browser, PushEndpoint

VAPID_PEM, VAPID_PUBLIC = vapid.generate()
# What a worker writes: none of it may reach a push service or a mailbox.
SECRET_TEXT = "Bruker Kari falt i trappa ved postkassen"


@pytest.fixture
def push_endpoint():
    endpoint = PushEndpoint()
    yield endpoint
    endpoint.close()


@pytest.fixture
def push_on(app, monkeypatch):
    """Web Push set up (a VAPID key), jobs inline (no queue), e-mail off."""
    monkeypatch.setitem(app.config, "VAPID_PRIVATE_KEY", VAPID_PEM)
    monkeypatch.setitem(app.config, "VAPID_SUBJECT", "mailto:drift@kommune.example")
    monkeypatch.setitem(app.config, "QUEUE_URL", "")
    monkeypatch.setitem(app.config, "SMTP_HOST", "")
    return app


def subscribe(client: ApiClient, endpoint_url: str, browser: Browser, label="Nettbrett"):
    body = {
        "endpoint": endpoint_url,
        "keys": {"p256dh": browser.p256dh, "auth": browser.auth},
        "device_label": label,
    }
    return client.post("/api/v1/push/subscriptions", body)


def set_user(app, username: str, **values) -> None:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == username))
        for name, value in values.items():
            setattr(user, name, value)
        db.session.commit()
