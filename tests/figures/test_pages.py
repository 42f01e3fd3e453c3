"""The figures pages: who may open them, what they show, and bad periods."""

import re
from datetime import UTC, datetime, timedelta

from app.extensions import db
from app.models import Idea
from app.services import gains
from tests.figures.support import deviation_at, idea_at, person

NOW = datetime.now(UTC)


def days_ago(n: int) -> datetime:
    return NOW - timedelta(days=n)


def _history(app):
    with app.app_context():
        idea_at(days_ago(10), ("approved", days_ago(8)))
        idea_at(days_ago(9), ("approved", days_ago(5)), ("done", days_ago(2)))
        deviation_at(days_ago(6), ("closed", days_ago(3)), category="medication")
        deviation_at(days_ago(4), username="nav-ansatt", category="housing")


def text_of(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</dd>', html, re.S)
    assert match, element_id
    return re.sub(r"<[^>]+>", "", match.group(1)).split("(")[0].strip()


def test_a_leader_sees_the_figures_of_their_own_unit(app, login):
    _history(app)
    page = login("leder").get("/figures/?period=4w")
    assert page.status_code == 200
    html = page.text
    assert "Tall for Omsorg Sør – hjemmetjenesten 2" in html
    assert text_of(html, "ideas-new") == "2"
    assert text_of(html, "ideas-decided") == "2"
    assert text_of(html, "ideas-done") == "1"
    assert text_of(html, "ideas-median-decision") == "3 dager"  # 2 and 4 days
    assert text_of(html, "deviations-reported") == "1"
    assert text_of(html, "deviations-median-close") == "3 dager"
    assert "Legemiddel" in html  # the category in words
    assert "housing" not in html
    assert "Bolig" not in html
    assert '<svg viewBox="0 0 640 260" class="chart-svg" role="img"' in html
    assert '<title id="chart-ideas-title">Forslag per uke</title>' in html
    assert "Bruker falt" not in html  # no record text


def test_the_coordinator_sees_each_unit_and_all_together_without_names_or_text(app, login):
    _history(app)
    html = login("koordinator").get("/figures/?period=12w").text
    assert 'data-unit="all"' in html
    assert "Omsorg Sør – hjemmetjenesten 2" in html
    assert "NAV flyktningetjenesten" in html
    assert text_of(html, "deviations-reported") == "2"
    for secret in ("Kari Hansen", "Amir Jensen", "Bruker falt", "Nøkkelskap"):
        assert secret not in html


def test_the_links_to_a_unit_keep_the_period_and_nothing_else(app, login):
    html = login("koordinator").get("/figures/?period=12w&endpoint=x&q=1").text
    links = [line for line in html.splitlines() if "/figures/units/" in line]
    assert links
    assert all("period=12w" in line for line in links)
    assert not any("endpoint" in line or "q=1" in line for line in links)


def test_workers_may_not_open_the_figures_and_leaders_not_another_unit(app, login):
    assert login("ansatt").get("/figures/").status_code == 403
    assert login("leder").get("/figures/units/1").status_code == 403
    assert login("koordinator").get("/figures/units/999999").status_code == 404


def test_a_bad_period_is_named_beside_its_field_and_the_default_is_shown(app, login):
    leader = login("leder")
    page = leader.get("/figures/?from=2026-13-01&to=2026-12-01")
    assert page.status_code == 422
    assert 'id="from-error"' in page.text
    assert "Skriv en dato, for eksempel 2026-12-01." in page.text
    page = leader.get("/figures/?from=2026-12-01&to=2026-11-01")
    assert page.status_code == 422
    assert "Første dag må være før eller lik siste dag." in page.text
    page = leader.get("/figures/?period=7y")
    assert page.status_code == 422
    assert leader.get("/figures/?from=2026-11-01&to=2026-11-30").status_code == 200


def test_the_leader_records_gains_on_the_idea_page_with_errors_per_field(app, login):
    with app.app_context():
        idea_id = idea_at(days_ago(3), ("approved", days_ago(2)))
    leader = login("leder")
    page = leader.get(f"/leader/ideas/{idea_id}")
    assert 'id="expected-kind"' in page.text
    assert 'id="realised-kind"' not in page.text  # realised only when done
    data = {"stage": "expected", "expected-csrf_token": leader.csrf, "expected-kind": "time"}
    refused = leader.post(
        f"/leader/ideas/{idea_id}/gain", data={**data, "expected-hours_per_week": "mye"}
    )
    assert refused.status_code == 422
    assert 'id="expected-hours_per_week-error"' in refused.text
    assert "Skriv timer per uke, for eksempel 1,5." in refused.text
    saved = leader.post(
        f"/leader/ideas/{idea_id}/gain", data={**data, "expected-hours_per_week": "2"}
    )
    assert saved.status_code == 302
    page = leader.get(f"/leader/ideas/{idea_id}").text
    assert "2 timer i uka × 52 uker = 104 timer i året" in page
    assert "Forventet gevinst registrert" in page  # in the history
    with app.app_context():
        assert db.session.get(Idea, idea_id).gains[0].minutes_per_week == 120


def test_the_coordinator_changes_the_conversion_settings(app, login):
    coordinator = login("koordinator")
    page = coordinator.get("/figures/settings")
    assert "1695" in page.text
    assert "45,2 uker" in page.text
    bad = coordinator.post(
        "/figures/settings",
        data={"csrf_token": coordinator.csrf, "hours_per_arsverk": "0", "repeat_threshold": "3"},
    )
    assert bad.status_code == 422
    assert 'id="hours_per_arsverk-error"' in bad.text
    good = coordinator.post(
        "/figures/settings",
        data={
            "csrf_token": coordinator.csrf,
            "hours_per_arsverk": "1700",
            "hours_source": "Vår avtale",
            "hourly_cost": "650",
            "repeat_threshold": "4",
        },
    )
    assert good.status_code == 302
    with app.app_context():
        settings = gains.get_settings()
        assert (settings.hours_per_arsverk, settings.hourly_cost, settings.repeat_threshold) == (
            1700,
            650,
            4,
        )
    assert login("leder").get("/figures/settings").status_code == 403
    _ = person


def test_the_coordinators_figures_are_kept_as_a_snapshot_and_counted_again_when_old(app, login):
    from app.models import FigureSnapshot

    _history(app)
    coordinator = login("koordinator")
    first = coordinator.get("/figures/?period=4w").text
    assert text_of(first, "ideas-new") == "2"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(FigureSnapshot)) == 1
        idea_at(days_ago(1))
    # Within ten minutes the page reads the snapshot: the new idea is not counted yet.
    assert text_of(coordinator.get("/figures/?period=4w").text, "ideas-new") == "2"
    with app.app_context():
        row = db.session.scalars(db.select(FigureSnapshot)).one()
        row.computed_at = NOW - timedelta(minutes=11)
        db.session.commit()
    assert text_of(coordinator.get("/figures/?period=4w").text, "ideas-new") == "3"
    # A leader's own unit is always counted live.
    with app.app_context():
        idea_at(days_ago(1))
    assert text_of(login("leder").get("/figures/?period=4w").text, "ideas-new") == "4"


def test_refresh_figures_counts_the_standard_periods_ahead(app, demo):
    from app.models import FigureSnapshot

    result = app.test_cli_runner().invoke(args=["refresh-figures"])
    assert result.exit_code == 0, result.output
    assert "for 3 period(s)" in result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(FigureSnapshot)) == 3
