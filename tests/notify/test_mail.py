"""The e-mail fallback, delivered to a real SMTP server the test runs (aiosmtpd)."""

import email
import time
from email import policy

import pytest
from aiosmtpd.controller import Controller

from tests.api.helpers import deviation_create
from tests.fixtures.servers import free_port
from tests.notify.conftest import SECRET_TEXT, set_user, subscribe
from tests.notify.push_endpoint import Browser


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(
            (envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_inbox():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def mail_on(push_on, monkeypatch, smtp_inbox):
    _inbox, port = smtp_inbox
    monkeypatch.setitem(push_on.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(push_on.config, "SMTP_PORT", port)
    monkeypatch.setitem(push_on.config, "SMTP_STARTTLS", False)
    monkeypatch.setitem(push_on.config, "MAIL_FROM", "steg@kommune.example")
    monkeypatch.setitem(push_on.config, "PUBLIC_URL", "https://steg.kommune.example")
    return push_on


def _wait(inbox, count, seconds=5):
    deadline = time.monotonic() + seconds
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return inbox.messages


def test_a_leader_without_push_gets_an_email_with_a_link_and_no_case_text(
    mail_on, app, api, smtp_inbox
):
    inbox, _port = smtp_inbox
    set_user(app, "leder", email="leder@kommune.example")
    result = api("ansatt").push_one(
        deviation_create(severity="critical", description=SECRET_TEXT, location="Trappa")
    )
    assert result["status"] == "applied"

    [(recipients, message)] = _wait(inbox, 1)
    assert recipients == ["leder@kommune.example"]
    assert message["From"] == "steg@kommune.example"
    assert message["Subject"] == "Steg: Nytt alvorlig avvik"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "https://steg.kommune.example/notifications/" in text
    assert 'href="https://steg.kommune.example/notifications/' in html
    for part in (text, html, str(message["Subject"])):
        assert SECRET_TEXT not in part
        assert "Trappa" not in part
        assert result["record"]["id"] not in part


def test_no_email_when_smtp_is_off_or_the_leader_has_push_or_no_address(
    mail_on, app, api, smtp_inbox, push_endpoint, monkeypatch
):
    inbox, _port = smtp_inbox
    worker = api("ansatt")
    worker.push_one(deviation_create(severity="critical"))  # the leader has no address
    set_user(app, "leder", email="leder@kommune.example")
    subscribe(api("leder"), push_endpoint.url("leder"), Browser())
    worker.push_one(deviation_create(severity="high"))  # push instead of e-mail
    push_endpoint.wait_for(1)
    monkeypatch.setitem(app.config, "SMTP_HOST", "")
    monkeypatch.setitem(app.config, "VAPID_PRIVATE_KEY", "")
    worker.push_one(deviation_create(severity="critical"))  # e-mail is off (the default)
    time.sleep(0.3)
    assert inbox.messages == []
    assert len(push_endpoint.received) == 1


def test_a_worker_never_gets_email(mail_on, app, api, smtp_inbox):
    inbox, _port = smtp_inbox
    set_user(app, "ansatt", email="ansatt@kommune.example")
    record = api("ansatt").push_one(deviation_create())["record"]
    leader = api("leder")
    leader.post(f"/api/v1/deviations/{record['id']}/status", {"status": "in_progress"})
    time.sleep(0.3)
    assert inbox.messages == []
