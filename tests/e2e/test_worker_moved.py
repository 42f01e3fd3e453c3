"""A worker moved to another unit: the old unit's reports leave the tablet at the next sync."""

import time

import pytest

from app.extensions import db
from app.models import Deviation, Unit, User
from app.services import admin
from app.services.demo import REFUGEE
from tests.e2e.conftest import (
    count_records,
    last_synced_at,
    log_in,
    save_deviation,
    unsent,
    wait_synced_after,
)

pytestmark = pytest.mark.e2e

LOCAL_DESCRIPTIONS = """() => import('/static/js/store/records.js')
    .then(m => m.listRecords()).then(rs => rs.map(r => r.fields.description))"""


def _move(app, username: str, unit_name: str) -> None:
    with app.app_context():
        coordinator = db.session.scalar(db.select(User).where(User.username == "koordinator"))
        person = db.session.scalar(db.select(User).where(User.username == username))
        unit = db.session.scalar(db.select(Unit).where(Unit.name == unit_name))
        admin.update_user(coordinator, person, person.display_name, person.role, unit)
        db.session.commit()


def test_the_old_units_reports_leave_the_tablet_after_a_move(app, app_server, open_page):
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    save_deviation(page, "Meldt i hjemmetjenesten")
    unsent(page, 0).wait_for()
    assert page.evaluate(LOCAL_DESCRIPTIONS) == ["Meldt i hjemmetjenesten"]

    page.locator("#status-last[data-at^='20']").wait_for()
    synced = last_synced_at(page)

    _move(app, "ansatt", REFUGEE)
    page.get_by_role("button", name="Send nå").click()
    wait_synced_after(page, synced)
    # A sync already running when the button was tapped may finish first: the one
    # the tap asked for follows it, and after that the report is gone.
    deadline = time.monotonic() + 15
    while page.evaluate(LOCAL_DESCRIPTIONS) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert page.evaluate(LOCAL_DESCRIPTIONS) == []
    page.evaluate("location.hash = '#mine'")
    assert page.get_by_text("Meldt i hjemmetjenesten").count() == 0
    assert count_records(app, Deviation, description="Meldt i hjemmetjenesten") == 1  # kept
