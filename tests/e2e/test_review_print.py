"""The management review on paper and on screen: printed to PDF by headless Chromium
(A4, each part on a new page, no navigation), and axe-clean in bokmål and English at
360 px and 768 px, with the exports page and the list of units."""

import os
import re
from pathlib import Path

import pytest

from app.extensions import db
from app.models import Deviation, Idea, Unit, User
from app.services import deviations as deviation_service
from app.services import ideas
from app.services.demo import HOME_CARE
from app.services.review import pack_years
from tests.conftest import HISTORY_NOW
from tests.e2e.test_leader_a11y import _check, browser_log_in
from tests.fixtures.browser import LANGUAGE_AND_WIDTH, assert_accessible
from tests.web.leader_support import make_deviation, make_idea

pytestmark = pytest.mark.e2e
A4_POINTS = (595, 842)  # 210 × 297 mm
PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]")


@pytest.fixture
def history(app, demo_history):
    """The demo unit's 13 weeks up to HISTORY_NOW: every kind of deviation and idea, most
    closed or decided."""
    with app.app_context():
        return db.session.scalar(db.select(Unit.id).where(Unit.name == HOME_CARE))


@pytest.fixture
def a_little(app, demo):
    """One closed deviation with two measures and one idea done, this year."""
    deviation_id, idea_id = make_deviation(app, severity="high"), make_idea(app)
    with app.app_context():
        leader = db.session.scalar(db.select(User).where(User.username == "leder"))
        deviation = db.session.get(Deviation, deviation_id)
        deviation_service.add_measure(deviation, leader, "Sklimatte på badet", "Ola")
        deviation_service.add_measure(deviation, leader, "Sjekk lyset i gangen")
        deviation_service.change_deviation_status(
            deviation, leader, "closed", closing_summary="Matte lagt ut; ingen fall siden."
        )
        idea = db.session.get(Idea, idea_id)
        ideas.just_do_it(idea, leader, "Nøklene henger nå på faste plasser.")
        db.session.commit()
        return db.session.scalar(db.select(Unit.id).where(Unit.name == HOME_CARE))


def test_the_pack_prints_on_a4_each_part_on_its_own_page(page, history):
    year = HISTORY_NOW.year
    browser_log_in(page, "koordinator", "nb")
    page.goto(f"/units/{history}/review/{year}")
    assert page.get_by_role("heading", level=1).inner_text().endswith(str(year))
    page.emulate_media(media="print")
    for hidden in (".topbar", ".footer", ".no-print"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.get_by_role("table").first.is_visible()

    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    if os.environ.get("STEG_REVIEW_PDF"):  # to look at the pages: pdftoppm -png FILE out
        Path(os.environ["STEG_REVIEW_PDF"]).write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    pages = len(PAGE_OBJECT.findall(pdf))
    assert pages >= 4, pages  # the cover, then three parts each from a new page
    width, height = (round(float(v)) for v in MEDIA_BOX.search(pdf).groups())
    assert (width, height) == A4_POINTS


@pytest.mark.parametrize(("lang", "width"), LANGUAGE_AND_WIDTH)
def test_review_and_export_pages_are_accessible(page, a_little, lang, width):
    unit = a_little
    year = pack_years()[0]
    page.set_viewport_size({"width": width, "height": 900})
    browser_log_in(page, "leder", lang)
    _check(page, f"/units/{unit}/review/{year}")
    _check(page, "/review")
    _check(page, f"/units/{unit}/exports")
    # A refused period: the errors named beside the fields and in the list above them.
    page.goto(f"/units/{unit}/exports/ideas.csv?day_from=2026-02-30&day_to=")
    page.locator("#period-errors").wait_for()
    assert_accessible(page)
