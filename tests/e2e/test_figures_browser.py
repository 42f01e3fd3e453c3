"""The figures pages and the gain forms in a real browser: axe (WCAG 2.1 A/AA) in bokmål and
English, at 360 and 768 px without sideways scrolling, touch targets of 44 px, and the
charts drawn as SVG with their numbers in tables."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e.test_leader_a11y import _check, browser_log_in
from tests.figures.support import deviation_at, idea_at
from tests.fixtures.browser import LANGUAGE_AND_WIDTH

pytestmark = pytest.mark.e2e


def _history(app) -> str:
    now = datetime.now(UTC)
    with app.app_context():
        approved = idea_at(now - timedelta(days=20), ("approved", now - timedelta(days=15)))
        idea_at(now - timedelta(days=9), ("just_done", now - timedelta(days=2)))
        for days, severity in ((30, "low"), (12, "high"), (5, "critical")):
            deviation_at(
                now - timedelta(days=days), ("closed", now - timedelta(days=1)), severity=severity
            )
        deviation_at(now - timedelta(days=3), username="nav-ansatt", category="housing")
    return approved


@pytest.mark.parametrize(("lang", "width"), LANGUAGE_AND_WIDTH)
def test_the_leaders_figures_and_gain_forms_are_accessible(app, page, demo, lang, width):
    idea_id = _history(app)
    page.set_viewport_size({"width": width, "height": 900})
    browser_log_in(page, "leder", lang)

    _check(page, "/figures/?period=12w")
    assert page.locator("svg.chart-svg[role=img]").count() == 3
    assert page.locator("#severity-table tbody tr").count() == 12
    _check(page, "/figures/?period=52w")
    page.locator(".definitions summary").first.click()
    _check(page, "/figures/?from=2026-13-01&to=2026-12-01")  # a refused date, shown on its field
    assert page.locator("#from-error").is_visible()

    _check(page, f"/leader/ideas/{idea_id}")
    page.locator("#expected-kind").select_option("time")
    page.locator("#expected-hours_per_week").fill("mye")
    page.locator("#gains form button[type=submit]").click()
    page.locator("#expected-hours_per_week-error").wait_for()
    _check(page, page.url)
    page.locator("#expected-hours_per_week").fill("1,5")
    page.locator("#gains form button[type=submit]").click()
    page.locator("#gain-expected .gain-arithmetic").wait_for()
    assert "52" in page.locator("#gain-expected .gain-arithmetic").inner_text()


@pytest.mark.parametrize(("lang", "width"), LANGUAGE_AND_WIDTH)
def test_the_coordinators_figures_and_settings_are_accessible(app, page, demo, lang, width):
    _history(app)
    page.set_viewport_size({"width": width, "height": 900})
    browser_log_in(page, "koordinator", lang)
    _check(page, "/figures/?period=12w")
    assert page.locator("#units-table tbody tr").count() == 2
    page.locator("#units-table tbody a").first.click()
    page.locator("#ideas-new").wait_for()
    _check(page, page.url)
    _check(page, "/figures/settings")
