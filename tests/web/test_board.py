"""The leader's improvement board: columns by status, age and overdue markers in words,
support counts; deviations never on it; each unit sees only its own board."""

import re

from app.extensions import db
from app.models import Unit
from app.services.demo import REFUGEE
from tests.web.board_support import seed_board


def column(html: str, status: str) -> str:
    """The HTML of one column (a section) or folded group (a details) of the board."""
    match = re.search(rf'data-status="{status}">(.*?)</(section|details)>', html, re.S)
    assert match, status
    return match.group(1)


def card(html: str, idea_id: str) -> str:
    match = re.search(rf'<li class="card[^"]*" data-id="{idea_id}">(.*?)</li>', html, re.S)
    assert match, idea_id
    return match.group(0)


def test_board_puts_every_idea_in_its_status_column_with_counts(app, login):
    ids = seed_board(app)
    html = login("leder").get("/leader/board").text

    new = column(html, "new")
    assert re.search(r'Ny <span class="column-count">\(3\)</span>', new)
    assert all(f"Ny idé {n}" in new for n in (1, 2, 3))
    assert "Forfalt idé" in column(html, "approved")
    assert "Gammel idé" in column(html, "in_progress")
    assert "Ferdig idé" in column(html, "done")
    assert column(html, "under_review").count('<li class="card') == 0
    # Parked and rejected are folded away, with their counts.
    assert re.search(r"<summary>Parkert \(1\)</summary>", html)
    assert re.search(r"<summary>Avvist \(1\)</summary>", html)
    assert "Parkert idé" in column(html, "parked")
    assert "Avvist idé" in column(html, "rejected")
    # Deviations never appear on the board; another unit's ideas neither.
    assert "Avvik som aldri er på tavla" not in html
    assert "NAV sin idé" not in html
    assert ids["deviation"] not in html


def test_cards_carry_age_overdue_and_support_in_words_not_colour_alone(app, login):
    ids = seed_board(app)
    html = login("leder").get("/leader/board").text

    fresh, ageing, old = card(html, ids["new1"]), card(html, ids["overdue"]), card(html, ids["old"])
    assert 'data-age="fresh"' in fresh
    assert "Under 2 uker" in fresh
    assert 'data-age="ageing"' in ageing
    assert "2–4 uker" in ageing
    assert 'data-age="old"' in old
    assert "Over 4 uker" in old
    assert "20 dager i denne statusen" in ageing
    assert "40 dager i denne statusen" in old
    # Overdue: the word and a sign, not only red.
    assert "card-overdue" in ageing
    assert "Forfalt:" in ageing
    assert "Ansvarlig: Kari Hansen" in ageing
    assert "Forfalt:" not in old
    assert "2 støtter dette" in fresh
    assert "0 støtter dette" in card(html, ids["new2"])
    assert f'href="/leader/ideas/{ids["new1"]}"' in fresh


def test_board_in_english(app, login):
    ids = seed_board(app)
    leader = login("leder")
    leader.post("/language", data={"lang": "en", "csrf_token": leader.csrf})
    html = leader.get("/leader/board").text
    assert "Improvement board" in html
    assert "Over 4 weeks" in card(html, ids["old"])
    assert "Overdue:" in card(html, ids["overdue"])
    assert "<summary>Parked (1)</summary>" in html


def _nav_unit(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(Unit.id).where(Unit.name == REFUGEE))


def test_coordinator_chooses_the_unit_and_a_leader_cannot(app, login):
    seed_board(app)
    nav = _nav_unit(app)
    coordinator = login("koordinator").get(f"/leader/board?unit={nav}")
    assert coordinator.status_code == 200
    assert "NAV sin idé" in coordinator.text
    assert "Ny idé 1" not in coordinator.text
    assert 'id="unit"' in coordinator.text  # the unit chooser

    assert login("leder").get(f"/leader/board?unit={nav}").status_code == 404
    assert login("leder").get("/leader/board?unit=abc").status_code == 404
    nav_leader = login("nav-leder").get("/leader/board").text
    assert "NAV sin idé" in nav_leader
    assert "Ny idé 1" not in nav_leader
    assert login("ansatt").get("/leader/board").status_code == 403
