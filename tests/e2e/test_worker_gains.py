"""A gain the leader records reaches the reporter's tablet with the decision, in words."""

import pytest

from app.models import Idea
from tests.e2e.conftest import log_in, save_idea, unsent

pytestmark = pytest.mark.e2e


def _decide_with_gain(app, idea_id: str, status: str, stage: str, hours: str) -> None:
    from app.extensions import db
    from app.services import gains
    from app.services.ideas import decide_idea
    from app.services.users import find_user

    with app.app_context():
        idea = db.session.get(Idea, idea_id)
        leader = find_user("leder")
        decide_idea(idea, leader, status, learning="Nøklene henger på faste plasser")
        gains.record_gain(idea, leader, stage, "time", hours, None, "Mindre leting")
        db.session.commit()
        db.session.remove()


def _only_idea_id(app) -> str:
    from app.extensions import db

    with app.app_context():
        try:
            return db.session.scalars(db.select(Idea.id)).one()
        finally:
            db.session.remove()


def test_the_reporter_reads_what_the_idea_saves(app, app_server, open_page):
    page = open_page(app_server)
    log_in(page, "ansatt")
    save_idea(page, "Nøkkelskap", proposal="Faste plasser for nøklene")
    unsent(page, 0).wait_for()
    idea_id = _only_idea_id(app)

    _decide_with_gain(app, idea_id, "approved", "expected", "2")
    page.get_by_role("button", name="Send nå").click()
    page.evaluate(f"location.hash = '#record/{idea_id}'")
    answer = page.get_by_role("region", name="Svar fra lederen din")
    answer.get_by_text("Forslaget ditt er ventet å spare ca. 2 timer i uka").wait_for()

    _decide_with_gain(app, idea_id, "done", "realised", "1,5")
    page.evaluate("location.hash = '#mine'")
    page.get_by_role("button", name="Send nå").click()
    page.evaluate(f"location.hash = '#record/{idea_id}'")
    answer = page.get_by_role("region", name="Svar fra lederen din")
    answer.get_by_text("Forslaget ditt sparer ca. 1,5 timer i uka").wait_for()
    assert answer.get_by_text("Realisert gevinst").count() == 1
