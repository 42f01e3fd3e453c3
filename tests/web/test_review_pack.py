"""Ledelsens gjennomgang: a unit's year, counted from hand-built records.

The year's edges are New Year in Norwegian time; the other unit's records never
show; the words are the person's language.
"""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from app.extensions import db
from app.models import AuditEntry, Deviation, Idea, Unit
from app.services import deviations as deviation_service
from app.services import gains as gain_service
from app.services import ideas as idea_service
from app.services.demo import HOME_CARE, REFUGEE
from app.services.review import review_pack
from tests.web.board_support import person
from tests.web.test_exports import deviation_at, idea_at, unit_id


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def close(app, deviation_id: str, summary: str, *measures: tuple[str, bool]) -> None:
    with app.app_context():
        record = db.session.get(Deviation, deviation_id)
        leader = person("leder")
        for text, done in measures:
            measure = deviation_service.add_measure(record, leader, text, "Kari")
            if done:
                deviation_service.set_measure_done(measure, leader, True)
        deviation_service.change_deviation_status(record, leader, "closed", closing_summary=summary)
        db.session.commit()


def done_idea(app, created, done, title: str, learning: str, *gains: tuple) -> str:
    """Done "bare gjør det" at ``done``, with (stage, kind, hours or kroner, note) gains."""
    idea_id = idea_at(app, created, title=title)
    with app.app_context():
        idea = db.session.get(Idea, idea_id)
        leader = person("leder")
        idea_service.just_do_it(idea, leader, learning)
        for stage, kind, amount, note in gains:
            amounts = {"kroner_per_year": amount} if kind == "money" else {}
            if kind == "time":
                amounts = {"hours_per_week": Decimal(amount)}
            gain_service.record_gain(idea, leader, stage, kind, note=note, **amounts)
        idea.status_changed_at = idea.done_at = idea.decided_at = done
        db.session.commit()
    return idea_id


@pytest.fixture
def year_2026(app, demo):
    """2026 in home care: four deviations, two closed; three ideas, one done in the year."""
    falls = [
        deviation_at(app, utc(2025, 12, 31, 23, 0), description="Falt i gangen"),  # 1 Jan 00:00
        deviation_at(app, utc(2026, 7, 1, 9), description="Falt på badet"),
    ]
    medication = deviation_at(
        app, utc(2026, 3, 29, 21, 59), category="medication", severity="critical"
    )
    deviation_at(app, utc(2026, 5, 5, 10), category="violence", severity="high")
    deviation_at(app, utc(2025, 12, 31, 22, 59), description="2025")  # 31 Dec 23:59
    deviation_at(app, utc(2026, 12, 31, 23, 0), description="2027")  # 1 Jan 2027 00:00
    deviation_at(app, utc(2026, 6, 1, 12), "nav-ansatt", category="housing", severity="low")
    close(app, falls[0], "Sklimatte i gangen.", ("Sklimatte", True), ("Sjekk lys", False))
    close(app, medication, "Dobbeltkontroll innført.")
    done_idea(
        app,
        utc(2026, 2, 1, 8),
        utc(2026, 2, 10, 8),
        "Nøkkelskap",
        "Sparer leting",
        ("expected", "time", "1.5", None),
        ("realised", "time", "2", None),
    )
    done_idea(
        app,
        utc(2026, 9, 1, 8),
        utc(2026, 9, 2, 8),
        "Rolig morgen",
        "Færre avbrudd",
        ("realised", "quality", None, "Færre feil i medisinlisten"),
    )
    done_idea(app, utc(2025, 11, 1, 8), utc(2025, 12, 31, 22, 59), "I fjor", "Gammelt")
    idea_at(app, utc(2026, 4, 1, 8), title="Fortsatt ny")
    return {"falls": falls, "medication": medication}


def test_the_year_counts_by_category_and_severity(app, year_2026):
    with app.app_context():
        unit = db.session.scalar(db.select(Unit).where(Unit.name == HOME_CARE))
        pack = review_pack(unit, 2026, "nb")
        counts = {row.label: (row.by_severity, row.total) for row in pack.categories if row.total}
        assert counts == {
            "Fall": ({"low": 0, "moderate": 2, "high": 0, "critical": 0}, 2),
            "Legemiddel": ({"low": 0, "moderate": 0, "high": 0, "critical": 1}, 1),
            "Vold og trusler – HMS": ({"low": 0, "moderate": 0, "high": 1, "critical": 0}, 1),
        }
        assert pack.categories[0].label == "Fall"  # most first
        assert len(pack.categories) == 10  # every category of the unit, with or without any
        assert pack.severity_totals == {"low": 0, "moderate": 2, "high": 1, "critical": 1}
        assert pack.deviation_total == 4
        assert [(c.category, c.summary, len(c.measures)) for c in pack.closed] == [
            ("Fall", "Sklimatte i gangen.", 2),
            ("Legemiddel", "Dobbeltkontroll innført.", 0),
        ]
        done = [(i.title, i.learning, i.expected.minutes_per_week) for i in pack.done_ideas[:1]]
        assert done == [("Nøkkelskap", "Sparer leting", 90)]
        assert [i.title for i in pack.done_ideas] == ["Nøkkelskap", "Rolig morgen"]
        # The figures service's numbers for the year (not last year's idea, not 2027's deviation)
        f = pack.figures.units[unit.id]
        assert (f.ideas.flow.new, f.ideas.flow.done, f.deviations.reported) == (3, 2, 4)
        assert f.deviations.closed_with_summary == 2
        assert (f.gains.identified.minutes_per_week, f.gains.realised.minutes_per_week) == (90, 120)
        assert [b.key for b in pack.figures.buckets][:2] == ["2026-01", "2026-02"]
        assert len(pack.figures.buckets) == 12


def cells(html: str, caption_id: str) -> list[list[str]]:
    """A table's rows as the text of their cells (header row first, footer last)."""
    table = html.split(f'id="{caption_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
        for r in rows
    ]


def test_the_pack_page_in_bokmal(app, login, year_2026):
    response = login("leder").get(f"/units/{unit_id(app)}/review/2026")
    assert response.status_code == 200
    html = response.text
    assert "Ledelsens gjennomgang" in html
    table = cells(html, "by-category-caption")
    assert table[0] == ["Kategori", "Lav", "Moderat", "Høy", "Kritisk", "Totalt"]
    assert table[1] == ["Fall", "0", "2", "0", "0", "2"]
    assert table[-1] == ["Totalt", "0", "2", "1", "1", "4"]
    assert "Sklimatte i gangen." in html
    assert "Sklimatte – Kari (utført)" in html
    assert "Sjekk lys – Kari (ikke utført)" in html
    assert cells(html, "ideas-caption")[1:] == [
        [
            "Nøkkelskap",
            "10. feb. 2026",
            "Tid (timer i uka): 1,5",
            "Tid (timer i uka): 2",
            "Sparer leting",
        ],
        [
            "Rolig morgen",
            "2. sep. 2026",
            "–",
            "Kvalitet – Færre feil i medisinlisten",
            "Færre avbrudd",
        ],
    ]
    # The figures, as on the figures page: 12 months, the year's counts, gains in årsverk.
    assert re.search(r'id="ideas-new">\s*3\s*<', html)
    assert re.search(r'id="deviations-reported">\s*4\s*<', html)
    assert html.count('data-bucket="2026-') == 24  # ideas and deviations per month
    assert "2 hours a week" not in html  # words in bokmål
    assert "2 timer i uka × 52 uker = 104 timer i året" in html
    assert "Bolig" not in html
    assert "Gammelt" not in html


def test_the_pack_in_english(app, login, year_2026):
    client = login("koordinator")
    client.post("/language", data={"lang": "en", "csrf_token": client.csrf})
    html = client.get(f"/units/{unit_id(app)}/review/2026").text
    assert "Management review" in html
    assert cells(html, "by-category-caption")[0] == [
        "Category",
        "Low",
        "Moderate",
        "High",
        "Critical",
        "Total",
    ]
    assert ["Violence and threats – HSE", "0", "0", "1", "0", "1"] in cells(
        html, "by-category-caption"
    )


def test_the_coordinator_lists_every_unit_and_the_leader_their_own(app, login, demo):
    home, nav = unit_id(app), unit_id(app, REFUGEE)
    everyone = login("koordinator").get("/review").text
    assert f"/units/{home}/review/" in everyone
    assert f"/units/{nav}/review/" in everyone
    own = login("leder").get("/review").text
    assert f"/units/{home}/review/" in own
    assert f"/units/{nav}/review/" not in own
    assert login("ansatt").get("/review").status_code == 403


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [
        ("ansatt", HOME_CARE, 403),
        ("nav-leder", HOME_CARE, 404),
        ("leder", REFUGEE, 404),
        ("leder", HOME_CARE, 200),
        ("koordinator", REFUGEE, 200),
    ],
)
def test_who_may_open_a_pack(app, login, demo, who, unit, status):
    assert login(who).get(f"/units/{unit_id(app, unit)}/review/2026").status_code == status


@pytest.mark.parametrize("year", [0, 1999, 2200, 99999])
def test_a_year_out_of_range_is_not_found(app, login, demo, year):
    assert login("leder").get(f"/units/{unit_id(app)}/review/{year}").status_code == 404


def test_opening_a_pack_is_audited(app, login, demo):
    login("leder").get(f"/units/{unit_id(app)}/review/2026")
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "review_opened"))
        assert (entry.username, entry.detail) == ("leder", {"year": 2026})
