"""The unit's board on a worker's tablet (real Chromium): offline after one sync,
support and comment offline, the leader sees them; another unit's worker sees
nothing of it; axe finds no WCAG 2.1 A/AA violation in nb or en."""

import os
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from app.extensions import db
from app.models import Event, Idea, IdeaSupport, Unit, User
from app.services import records
from app.services.demo import DEMO_PASSWORD, HOME_CARE
from app.services.ideas import decide_idea
from app.services.users import create_user
from tests.conftest import log_in as log_in_client
from tests.e2e.conftest import (
    TIMEOUT_MS,
    last_synced_at,
    log_in,
    unsent,
    wait_offline_ready,
    wait_ready,
    wait_synced_after,
)
from tests.fixtures.browser import LANGUAGE_AND_WIDTH, assert_accessible, assert_fits

pytestmark = pytest.mark.e2e

COLLEAGUE_IDEA = "Fast plass til nøkkelboksen"
COLLEAGUE_DEVIATION = "Per fant døren ulåst"


def _idea(actor, title, **data):
    body = {"title": title, "problem": "Vi leter hver morgen.", "proposal": "En merket krok."}
    return records.create_idea(actor, str(uuid.uuid4()), {**body, **data}, None)


@pytest.fixture
def board(app, demo):
    """Home care's board: Per's ideas in every column (one old, one overdue) and his deviation."""
    with app.app_context():
        unit = db.session.scalar(db.select(Unit).where(Unit.name == HOME_CARE))
        per = create_user("ansatt2", DEMO_PASSWORD, "worker", unit, "Per Lie")
        kari = db.session.get(User, demo["ansatt"])
        leader = db.session.get(User, demo["leder"])
        ideas = {"new": _idea(per, COLLEAGUE_IDEA)}
        records.create_deviation(
            per,
            str(uuid.uuid4()),
            {
                "category": "fall",
                "severity": "low",
                "occurred_at": datetime.now(UTC),
                "description": COLLEAGUE_DEVIATION,
            },
            None,
        )
        waiting = _idea(per, "Felles handleliste")
        waiting.status_changed_at = datetime.now(UTC) - timedelta(days=20)
        old = _idea(per, "Nattvakt-overlapp")
        decide_idea(old, leader, "under_review")
        old.status_changed_at = datetime.now(UTC) - timedelta(days=40)
        late = _idea(per, "Ny nøkkelrutine")
        decide_idea(
            late,
            leader,
            "approved",
            responsible="Kari Hansen",
            responsible_id=kari.id,
            due_date=date.today() - timedelta(days=3),
        )
        working = _idea(per, "Sjekkliste ved vaktskifte")
        decide_idea(working, leader, "approved", responsible="Kari Hansen", responsible_id=kari.id)
        decide_idea(working, leader, "in_progress")
        done = _idea(per, "Merkede medisinbokser")
        decide_idea(done, leader, "done", learning="Vi merket boksene med farger.")
        decide_idea(_idea(per, "Parkert forslag"), leader, "parked")
        decide_idea(_idea(per, "Avvist forslag"), leader, "rejected", comment="For dyrt nå.")
        ideas["in_progress"] = working
        ideas["own"] = _idea(kari, "Kroker i gangen")
        db.session.commit()
        return {key: idea.id for key, idea in ideas.items()}


def _go(page, route):
    """Open a route and wait until its view is drawn (not the one before it)."""
    page.evaluate("document.querySelector('#view h1')?.setAttribute('data-left', '')")
    page.evaluate(f"location.hash = '#{route}'")
    page.locator("#view h1:not([data-left])").wait_for()


def test_the_board_is_on_the_tablet_offline_after_one_sync(app_server, profiles, board):
    profile = profiles(app_server)
    page = profile.page()
    log_in(page, "ansatt")
    wait_offline_ready(page)
    page.locator("#status-last[data-at^='20']").wait_for()

    profile.reopen(offline=True)
    page = profile.page()
    page.goto("/app#board")
    wait_ready(page)
    assert page.locator("#status-net").inner_text() == "Frakoblet"
    new = page.locator(".board-column[data-status='new']")
    new.get_by_role("link", name=COLLEAGUE_IDEA).wait_for()
    assert new.get_by_role("heading").inner_text() == "Ny (3)"
    assert page.get_by_text(COLLEAGUE_DEVIATION).count() == 0
    # Ages and due dates in words, not only in colour.
    review = page.locator(".board-column[data-status='under_review'] .board-card")
    assert "Gammel: 5 uker" in review.inner_text()
    approved = page.locator(".board-column[data-status='approved'] .board-card")
    assert "Forfalt:" in approved.inner_text()
    assert "Kari Hansen" in approved.inner_text()
    parked = page.locator(".board-fold[data-status='parked'] summary").text_content()
    assert " ".join(parked.split()) == "Parkert (1)"
    # "Mine saker" stays mine: a colleague's idea is on the board only.
    _go(page, "mine")
    assert page.get_by_text(COLLEAGUE_IDEA).count() == 0


def test_support_and_comment_offline_then_the_leader_sees_them(app, app_server, open_page, board):
    page = open_page(app_server)
    log_in(page, "ansatt")
    page.locator("#status-last[data-at^='20']").wait_for()
    synced = last_synced_at(page)
    page.context.set_offline(True)
    _go(page, f"board/{board['new']}")
    page.get_by_role("button", name="Jeg støtter dette").click()
    page.get_by_text("1 støtter dette").wait_for()
    assert page.get_by_role("button", name="Jeg støtter dette").get_attribute("aria-pressed") == (
        "true"
    )
    page.get_by_label("Din kommentar").fill("Godt forslag, jeg kan henge opp kroken.")
    page.get_by_role("button", name="Send kommentar").click()
    history = page.locator(".history li[data-action='commented']")
    history.get_by_text("Ikke sendt ennå").wait_for()
    unsent(page, 2).wait_for()
    _go(page, "board")  # the card shows it at once, and that it is not sent yet
    card = page.locator(f".board-card[data-idea-id='{board['new']}']")
    card.get_by_text("1 støtter dette").wait_for()
    assert card.locator("[data-where='local']").count() == 1
    _go(page, f"board/{board['new']}")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(IdeaSupport)) == 0

    page.context.set_offline(False)
    unsent(page, 0).wait_for()
    wait_synced_after(page, synced)
    history.get_by_text("Kari Hansen:").wait_for()
    # The leader's API shows the support and the comment.
    leader = app.test_client()
    assert log_in_client(leader, "leder").status_code == 302
    changes = leader.get("/api/v1/sync/pull").json["changes"]
    idea = next(c["record"] for c in changes if c["id"] == board["new"])
    with app.app_context():
        kari = db.session.scalar(db.select(User.id).where(User.username == "ansatt"))
        commented = (Event.idea_id == board["new"], Event.action == "commented")
        comment = db.session.scalar(db.select(Event.comment).where(*commented))
    assert idea["supporter_ids"] == [kari]
    assert comment == "Godt forslag, jeg kan henge opp kroken."


def test_a_sync_that_ends_while_someone_writes_keeps_what_they_wrote(app_server, open_page, board):
    page = open_page(app_server)
    log_in(page, "ansatt")
    page.locator("#status-last[data-at^='20']").wait_for()
    _go(page, f"board/{board['new']}")
    comment = page.get_by_label("Din kommentar")
    comment.fill("Halvskrevet om 241285 10180")
    synced = last_synced_at(page)
    page.evaluate("document.querySelector('#view h1').setAttribute('data-left', '')")
    page.context.set_offline(True)
    page.locator("#status-net[data-online='false']").wait_for()  # the tablet saw it go
    page.context.set_offline(False)  # the network returns: the tablet syncs and redraws
    # A loaded machine can lift the emulated outage after the "online" event: the first
    # try then fails and the tablet tries again after 2–6 s, and once more after 4–12 s.
    wait_synced_after(page, synced, timeout_ms=2 * TIMEOUT_MS)
    page.locator("#view h1:not([data-left])").wait_for()
    assert comment.input_value() == "Halvskrevet om 241285 10180"
    assert comment.evaluate("el => el === document.activeElement")
    # The warning about a national identity number comes back with the text.
    page.get_by_text("Dette ser ut som et fødselsnummer").wait_for()
    comment.fill("Godt forslag.")
    page.get_by_role("button", name="Send kommentar").click()
    page.locator(".history li[data-action='commented']").get_by_text("Kari Hansen:").wait_for()
    assert comment.input_value() == ""


def test_the_responsible_person_writes_pdsa_notes(app, app_server, open_page, board):
    page = open_page(app_server)
    log_in(page, "ansatt")
    page.locator("#status-last[data-at^='20']").wait_for()
    _go(page, f"board/{board['in_progress']}")
    page.get_by_label("Planlegg (valgfritt)").fill("Prøve sjekklisten i to uker.")
    page.get_by_role("button", name="Lagre PDSA-notatene").click()
    # The server's answer is in the history: "PDSA-notatene er oppdatert", by Kari.
    page.locator(".history li[data-action='pdsa_updated']").get_by_text("Kari Hansen:").wait_for()
    with app.app_context():
        idea = db.session.get(Idea, board["in_progress"])
        assert idea.pdsa_plan == "Prøve sjekklisten i to uker."


def test_the_reporter_just_does_a_small_idea(app, app_server, open_page, board):
    page = open_page(app_server)
    log_in(page, "ansatt")
    page.locator("#status-last[data-at^='20']").wait_for()
    _go(page, f"board/{board['own']}")
    page.get_by_label("Hva ble gjort?").fill("Satte opp tre kroker selv.")
    page.get_by_role("button", name="Bare gjør det: marker som gjennomført").click()
    page.locator(".history li[data-action='just_done']").get_by_text("Kari Hansen:").wait_for()
    _go(page, "board")
    done = page.locator(".board-column[data-status='done']")
    done.get_by_role("link", name="Kroker i gangen").wait_for()
    with app.app_context():
        idea = db.session.get(Idea, board["own"])
        assert (idea.status, idea.learning) == ("done", "Satte opp tre kroker selv.")
    _go(page, f"board/{board['new']}")  # a colleague's idea: no such button
    assert page.get_by_role("button", name="Bare gjør det: marker som gjennomført").count() == 0


def test_a_nav_worker_sees_nothing_of_home_cares_board(app_server, open_page, board):
    page = open_page(app_server)
    log_in(page, "nav-ansatt")
    page.locator("#status-last[data-at^='20']").wait_for()
    _go(page, "board")
    page.get_by_text("Det er ingen forbedringsforslag på tavla ennå.").wait_for()
    assert page.locator(".board-card").count() == 0
    _go(page, f"board/{board['new']}")
    assert page.locator("#view h1").inner_text() == "Ikke funnet"


@pytest.mark.parametrize(("lang", "width"), LANGUAGE_AND_WIDTH)
def test_the_board_is_accessible(app_server, open_page, board, lang, width):
    page = open_page(app_server, service_workers="block")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "ansatt")
    if lang == "en":
        page.get_by_role("button", name="English").click()
        wait_ready(page)
        page.locator("html[lang='en']").wait_for()
    page.locator("#status-last[data-at^='20']").wait_for()
    for route in ("board", f"board/{board['new']}", f"board/{board['in_progress']}"):
        _go(page, route)
        page.locator(".board-columns, .history").first.wait_for()
        page.locator("details.board-fold").evaluate_all("els => els.forEach(e => e.open = true)")
        page.wait_for_timeout(100)
        assert_accessible(page)
        assert_fits(page, where=route, touch_targets=False)
        shots = os.environ.get("STEG_BOARD_SCREENSHOTS")
        if shots:
            name = route.split("/")[0] + ("-idea" if "/" in route else "")
            page.screenshot(path=f"{shots}/{name}-{lang}-{width}.png", full_page=True)
