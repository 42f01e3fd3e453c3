"""A worker with no network: the app opens cold, saves, and sends later."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import Deviation, Idea
from tests.e2e.conftest import (
    last_synced_at,
    log_in,
    save_deviation,
    save_idea,
    unsent,
    wait_offline_ready,
    wait_ready,
    wait_synced_after,
)

pytestmark = pytest.mark.e2e


def count(app, model, **filters) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model).filter_by(**filters)
        return db.session.scalar(query)


def test_app_opens_offline_after_restart_and_sends_both_records_once(app, app_server, profiles):
    profile = profiles(app_server)
    page = profile.page()
    log_in(page, "ansatt")
    wait_offline_ready(page)
    page.locator("#status-last[data-at^='20']").wait_for()
    synced_before = last_synced_at(page)

    context = profile.reopen(offline=True)
    page = profile.page()
    page.goto("/app")
    wait_ready(page)
    assert page.locator("#status-net").inner_text() == "Frakoblet"
    save_deviation(page, "Bruker falt på badet, ingen skade")
    save_idea(page, "Sjekkliste for medisiner")
    unsent(page, 2).wait_for()
    assert count(app, Deviation) == 0

    context.set_offline(False)
    unsent(page, 0).wait_for()
    wait_synced_after(page, synced_before)
    assert page.locator("#status-net").inner_text() == "Tilkoblet"
    assert count(app, Deviation, description="Bruker falt på badet, ingen skade") == 1
    assert count(app, Idea, title="Sjekkliste for medisiner") == 1
    page.evaluate("location.hash = '#mine'")
    expect(page.locator("[data-where='sent']")).to_have_count(2)


def test_app_opens_offline_without_a_session_and_sends_after_login(app, app_server, profiles):
    profile = profiles(app_server)
    page = profile.page()
    log_in(page, "ansatt")
    wait_offline_ready(page)

    context = profile.reopen(offline=True, keep_session=False)
    page = profile.page()
    page.goto("/app")
    wait_ready(page)
    save_deviation(page, "Lagret uten gyldig innlogging")
    unsent(page, 1).wait_for()

    context.set_offline(False)
    login = page.locator("#status-message").get_by_role("link", name="Logg inn")
    login.wait_for()
    assert count(app, Deviation) == 0
    login.click()
    page.get_by_label("Brukernavn").fill("ansatt")
    page.get_by_label("Passord").fill("demo-steg-2026")
    page.get_by_role("button", name="Logg inn").click()
    unsent(page, 0).wait_for()
    assert count(app, Deviation, description="Lagret uten gyldig innlogging") == 1
