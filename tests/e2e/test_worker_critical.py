"""Kritisk: the tablet says at once to call the leader (with the unit's number),
before and after saving, offline too; and the critical deviation is the first
to reach the server when the network returns."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Deviation, Unit
from tests.e2e.conftest import log_in, save_deviation, unsent, wait_offline_ready
from tests.fixtures.browser import assert_accessible

pytestmark = pytest.mark.e2e

HOME_CARE = "Omsorg Sør – hjemmetjenesten 2"
CALL = "Ring leder nå hvis noen er i fare"


def _set_phone(app, phone):
    with app.app_context():
        db.session.scalar(select(Unit).filter_by(name=HOME_CARE)).phone = phone
        db.session.commit()
        db.session.remove()


def _server_order(app) -> list[str]:
    """The descriptions of the unit's deviations in the order the server applied them."""
    with app.app_context():
        try:
            return list(
                db.session.scalars(select(Deviation.description).order_by(Deviation.change_seq))
            )
        finally:
            db.session.remove()


def _choose_critical(page, description):
    page.evaluate("location.hash = '#new-deviation'")
    page.get_by_label("Kategori").select_option(label="Fall")
    page.get_by_label("Alvorlighet").select_option(label="Kritisk")
    page.get_by_label("Hva skjedde?").fill(description)


def test_critical_offline_shows_whom_to_call_and_is_sent_first(app, app_server, profiles):
    _set_phone(app, "+4791234567")
    profile = profiles(app_server, width=768)
    page = profile.page()
    log_in(page, "ansatt")
    wait_offline_ready(page)
    page.locator("#status-last[data-at^='20']").wait_for()
    profile.context.set_offline(True)
    page.get_by_text("Frakoblet", exact=True).wait_for()
    save_deviation(page, "Først: glatt gulv i gangen")
    save_deviation(page, "Så: feil på heisen")

    _choose_critical(page, "Bruker har pustebesvær og er alene")
    notice = page.locator("[data-call-leader]")
    assert notice.get_by_text(CALL).is_visible()
    call = notice.get_by_role("link", name="Ring 912 34 567")
    assert call.get_attribute("href") == "tel:+4791234567"
    assert call.bounding_box()["height"] >= 44
    page.get_by_label("Alvorlighet").select_option(label="Høy")
    assert notice.count() == 0, "only Kritisk asks to call"
    page.get_by_label("Alvorlighet").select_option(label="Kritisk")
    page.get_by_role("button", name="Lagre").click()

    page.get_by_text("Lagret på nettbrettet").wait_for()
    assert page.locator("[data-call-leader]").get_by_text(CALL).is_visible()
    assert page.get_by_role("link", name="Ring 912 34 567").is_visible()
    unsent(page, 3).wait_for()
    assert _server_order(app) == []

    profile.context.set_offline(False)
    unsent(page, 0).wait_for()
    assert _server_order(app) == [
        "Bruker har pustebesvær og er alene",
        "Først: glatt gulv i gangen",
        "Så: feil på heisen",
    ]


def test_without_a_unit_number_the_tablet_says_to_call_the_leader(app, app_server, profiles):
    profile = profiles(app_server, width=360)
    page = profile.page()
    log_in(page, "ansatt")
    _choose_critical(page, "Kollega truet med kniv")

    notice = page.locator("[data-call-leader]")
    assert notice.get_by_text(CALL).is_visible()
    assert notice.get_by_text("Ring lederen din på nummeret du har").is_visible()
    assert notice.get_by_role("link").count() == 0
    assert_accessible(page)
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Lagret på nettbrettet").wait_for()
    assert page.locator("[data-call-leader]").get_by_text(CALL).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling"
