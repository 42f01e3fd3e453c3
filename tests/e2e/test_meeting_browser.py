"""The board meeting in real Chromium: run through on a big screen (1920×1080) and a
tablet (768 px) with the timer visible, and the board and meeting pages pass axe
(WCAG 2.1 A/AA) in bokmål and English, from 360 px up, without sideways scrolling."""

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import BoardMeeting
from app.models.base import utcnow
from tests.e2e.test_leader_a11y import _check, browser_log_in
from tests.fixtures.browser import LANGUAGE_AND_WIDTH, assert_accessible
from tests.web.board_support import seed_board

pytestmark = pytest.mark.e2e


def decide(page, title: str, button: str, **fields) -> None:
    page.locator("#current-title").get_by_text(title).wait_for()
    for selector, value in fields.items():
        field = page.locator(f"#{selector}")
        if selector == "responsible_id":
            field.select_option(label=value)
        else:
            field.fill(value)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (768, 1024)])
def test_a_board_meeting_run_through_in_the_browser(app, page, demo, width, height):
    seed_board(app)
    page.set_viewport_size({"width": width, "height": height})
    browser_log_in(page, "leder", "nb")
    page.goto("/leader/board")
    page.get_by_role("button", name="Start tavlemøte").click()
    page.wait_for_url("**/leader/meetings/*")

    timer = page.locator("#meeting-timer")
    timer.get_by_text("Brukt 00:0").wait_for()
    assert timer.is_visible()
    assert "Igjen 1" in timer.inner_text()  # 15:00 counting down
    page.screenshot(path=f"/tmp/meeting-{width}.png", full_page=False)

    page.locator("#present_count").fill("7")
    page.get_by_role("button", name="Lagre antall").click()
    page.get_by_text("Antall til stede: 7.").wait_for()

    # The oldest new idea comes first.
    decide(page, "Ny idé 1", "Godkjenn", responsible_id="Kari Hansen", due_date="2026-12-24")
    page.get_by_text("Ny idé 1: Godkjent").wait_for()
    decide(page, "Ny idé 2", "Bare gjør det", learning="Hengt opp en lapp ved døra")
    page.get_by_text("Ny idé 2: Gjennomført").wait_for()
    decide(page, "Ny idé 3", "Avvis")  # no reason: the field says why
    page.locator("#comment-error").wait_for()
    decide(page, "Ny idé 3", "Avvis", comment="Vi har allerede en ordning")
    page.get_by_text("Ingen nye forslag: alt har fått svar.").wait_for()

    assert "Forfalt idé" in page.locator("#overdue").inner_text()
    finished = page.locator("#finished").inner_text()
    assert "Ferdig idé" in finished
    assert "Ny idé 2" in finished  # done in this meeting: applause too
    assert page.locator("#figures tbody tr").count() == 4
    assert page.locator(".decided-list li").count() == 3

    # A reload (or a second screen) counts from the stored start, not from zero.
    with app.app_context():
        meeting = db.session.scalar(db.select(BoardMeeting))
        meeting.started_at = utcnow() - timedelta(minutes=16)
        db.session.commit()
    page.reload()
    timer.get_by_text("Over tiden med 01:").wait_for()
    assert timer.get_attribute("data-state") == "over"

    page.get_by_role("button", name="Avslutt møtet").click()
    page.get_by_text("Tavlemøtet er avsluttet. Takk!").wait_for()
    assert page.locator("#decisions li").count() == 3
    assert page.locator("#present-count").inner_text() == "7"
    page.screenshot(path=f"/tmp/meeting-record-{width}.png", full_page=True)
    page.goto("/leader/meetings/")
    page.screenshot(path=f"/tmp/meetings-{width}.png", full_page=True)
    assert "3 beslutninger" in page.locator("#meeting-list").inner_text()


@pytest.mark.parametrize(("lang", "width"), [*LANGUAGE_AND_WIDTH, ("en", 1920)])
def test_board_and_meeting_pages_are_accessible(app, page, demo, lang, width):
    seed_board(app)
    page.set_viewport_size({"width": width, "height": 1080 if width == 1920 else 900})
    browser_log_in(page, "leder", lang)

    _check(page, "/leader/board")
    page.locator("details.folded summary").first.click()
    assert_accessible(page)
    page.screenshot(path=f"/tmp/board-{lang}-{width}.png", full_page=True)
    page.get_by_role(
        "button", name="Start tavlemøte" if lang == "nb" else "Start board meeting"
    ).click()
    page.wait_for_url("**/leader/meetings/*")
    page.locator("#meeting-timer").get_by_text("00:0").wait_for()
    page.screenshot(path=f"/tmp/meeting-{lang}-{width}.png", full_page=True)
    _check(page, page.url)
    # A refused decision: the errors are shown on the form, still accessible.
    page.get_by_role("button", name="Avvis" if lang == "nb" else "Reject", exact=True).click()
    page.locator("#comment-error").wait_for()
    assert_accessible(page)
    _check(page, "/leader/meetings/")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_idea_page_with_pdsa_notes_is_accessible(app, page, demo, lang):
    ids = seed_board(app)
    page.set_viewport_size({"width": 768, "height": 900})
    browser_log_in(page, "leder", lang)
    _check(page, f"/leader/ideas/{ids['old']}")  # in work: the PDSA notes form
    page.locator("#pdsa_plan").fill("Prøve faste plasser i to uker")
    page.get_by_role(
        "button", name="Lagre PDSA-notater" if lang == "nb" else "Save PDSA notes"
    ).click()
    page.locator("#pdsa_plan").wait_for()
    assert page.locator("#pdsa_plan").input_value() == "Prøve faste plasser i to uker"
    assert_accessible(page)
    _check(page, f"/leader/ideas/{ids['new1']}")  # new: "bare gjør det"
    page.screenshot(path=f"/tmp/idea-{lang}-768.png", full_page=True)
