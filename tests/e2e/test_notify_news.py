"""The tablet's "Nytt" list: answers the worker has not opened, from the records already
on the tablet (so it shows offline too); opening one takes it off the list."""

import pytest

from app.extensions import db
from app.models import Deviation, User
from app.services.deviations import change_deviation_status
from tests.e2e.conftest import log_in, save_deviation, unsent, wait_offline_ready, wait_ready

pytestmark = pytest.mark.e2e


def _leader_acknowledges(app) -> str:
    with app.app_context():
        deviation = db.session.scalars(db.select(Deviation)).one()
        leader = db.session.scalar(db.select(User).where(User.username == "leder"))
        change_deviation_status(deviation, leader, "in_progress", "Vi ser på det i morgen")
        db.session.commit()
        return deviation.id


def test_a_new_answer_is_listed_under_nytt_offline_until_opened(app, app_server, profiles):
    profile = profiles(app_server)
    page = profile.page()
    log_in(page, "ansatt")
    news = page.locator("#news")
    news.get_by_text("Ingenting nytt akkurat nå.").wait_for()
    save_deviation(page, "Heisen sto fast mellom etasjene")
    unsent(page, 0).wait_for()
    record_id = _leader_acknowledges(app)

    page.reload()
    wait_ready(page)
    item = news.locator(f"[data-news-id='{record_id}']")
    item.get_by_text("Nytt svar").wait_for()
    assert news.locator(".badge-news").first.inner_text() == "1"

    wait_offline_ready(page)  # the service worker holds the app before the network goes
    profile.context.set_offline(True)
    page.reload()
    wait_ready(page)
    item.wait_for()  # from the tablet's own store, with no network
    item.get_by_role("link").click()
    page.get_by_role("region", name="Svar fra lederen din").get_by_text(
        "Vi ser på det i morgen"
    ).wait_for()
    page.evaluate("location.hash = '#mine'")
    news.get_by_text("Ingenting nytt akkurat nå.").wait_for()
