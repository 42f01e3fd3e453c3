"""The unit's ideas and deviations of a period, as a leader or coordinator downloads them.

Hand-built records with known times: the rows, columns and words a spreadsheet
shows are written out here, with the period's edges at New Year and at the
two DST changes in Norway (29 March and 25 October 2026).
"""

import csv
import io
import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.models import AuditEntry, Deviation, Idea, Unit
from app.services import deviations as deviation_service
from app.services import exports, tabular
from app.services import gains as gain_service
from app.services import ideas as idea_service
from app.services.demo import HOME_CARE, REFUGEE
from tests.web.board_support import person
from tests.web.leader_support import make_deviation, make_idea

NB_DEVIATION_HEADERS = [
    "Meldt (norsk tid)",
    "Tidspunkt (norsk tid)",
    "Kategori",
    "Alvorlighet",
    "Status",
    "Sted",
    "Hva skjedde?",
    "Strakstiltak",
    "Oppsummering",
    "Tiltak",
    "Tiltak utført",
    "Meldt av",
    "ID",
]
EN_IDEA_HEADERS = [
    "Reported (Norwegian time)",
    "Title",
    "Current situation",
    "Proposal",
    "Expected benefit",
    "Status",
    "Status changed (Norwegian time)",
    "Reported by",
    "Responsible",
    "Due date",
    "Comment on the decision",
    "What was done and learnt",
    "Made from a deviation",
    "Expected gain",
    "Expected hours per week",
    "Expected kroner per year",
    "Realised gain",
    "Realised hours per week",
    "Realised kroner per year",
    "ID",
]


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def deviation_at(app, occurred: datetime, username="ansatt", reported=None, **fields) -> str:
    """A deviation that happened at ``occurred`` and reached the server then (or ``reported``)."""
    deviation_id = make_deviation(app, username, **fields)
    with app.app_context():
        record = db.session.get(Deviation, deviation_id)
        record.occurred_at = occurred
        record.created_at = reported or occurred
        db.session.commit()
    return deviation_id


def idea_at(app, created: datetime, username: str = "ansatt", **fields) -> str:
    idea_id = make_idea(app, username, **fields)
    with app.app_context():
        record = db.session.get(Idea, idea_id)
        record.created_at = created
        db.session.commit()
    return idea_id


def unit_id(app, name: str = HOME_CARE) -> int:
    with app.app_context():
        return db.session.scalar(db.select(Unit.id).where(Unit.name == name))


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.text[:500]
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def xlsx_rows(response) -> list[tuple]:
    assert response.status_code == 200, response.text[:500]
    sheet = load_workbook(io.BytesIO(response.data)).active
    return list(sheet.iter_rows(values_only=True))


def url(unit: int, kind: str, fmt: str, day_from: str, day_to: str) -> str:
    return f"/units/{unit}/exports/{kind}.{fmt}?day_from={day_from}&day_to={day_to}"


def export(app, client, kind: str, fmt: str, days: str, unit: str = HOME_CARE):
    """``days`` is "first/last"."""
    day_from, day_to = days.split("/")
    return client.get(url(unit_id(app, unit), kind, fmt, day_from, day_to))


@pytest.fixture
def new_year_and_dst(app, demo):
    """Deviations either side of each edge, one in the other unit, one hostile."""
    ids = {
        "old_year": deviation_at(app, utc(2025, 12, 31, 22, 59), description="Siste i 2025"),
        "new_year": deviation_at(
            app, utc(2025, 12, 31, 23, 0), description="=cmd|' /C calc'!A0", severity="critical"
        ),
        # Happened in 2025, reported (synced) in 2026: it counts where it was reported.
        "late_report": deviation_at(
            app, utc(2025, 12, 31, 22, 50), reported=utc(2025, 12, 31, 23, 10), description="Sent"
        ),
        "spring_last": deviation_at(app, utc(2026, 3, 29, 21, 59), description="Før midnatt"),
        "spring_next": deviation_at(app, utc(2026, 3, 29, 22, 0), description="Etter midnatt"),
        "autumn": deviation_at(app, utc(2026, 10, 25, 1, 30), description="Etter at klokka gikk"),
        "other_unit": deviation_at(
            app, utc(2026, 2, 1, 12), "nav-ansatt", category="housing", description="NAV"
        ),
    }
    with app.app_context():
        record = db.session.get(Deviation, ids["new_year"])
        leader = person("leder")
        deviation_service.add_measure(record, leader, "Dobbeltkontroll", "Kari")
        measure = deviation_service.add_measure(record, leader, "Opplæring")
        deviation_service.set_measure_done(measure, leader, True)
        deviation_service.change_deviation_status(
            record, leader, "closed", closing_summary="+Lærte å sjekke listen"
        )
        db.session.commit()
    return ids


def test_deviations_csv_has_the_period_rows_in_words_and_oslo_time(app, login, new_year_and_dst):
    ids = new_year_and_dst
    response = export(app, login("leder"), "deviations", "csv", "2026-01-01/2026-03-29")
    rows = csv_rows(response)
    assert rows[0] == NB_DEVIATION_HEADERS
    assert [r[-1] for r in rows[1:]] == [ids["new_year"], ids["late_report"], ids["spring_last"]]
    assert rows[1] == [
        "2026-01-01 00:00:00",
        "2026-01-01 00:00:00",
        "Fall",
        "Kritisk",
        "Lukket",
        "Bad",
        "'=cmd|' /C calc'!A0",  # a formula neutralised
        "",
        "'+Lærte å sjekke listen",
        "2",
        "1",
        "Kari Hansen",
        ids["new_year"],
    ]
    assert rows[2][:2] == ["2026-01-01 00:10:00", "2025-12-31 23:50:00"]
    assert rows[3][:5] == ["2026-03-29 23:59:00", "2026-03-29 23:59:00", "Fall", "Moderat", "Ny"]
    assert 'filename="steg-deviations-unit' in response.headers["Content-Disposition"]


def test_the_day_before_new_year_and_after_the_spring_change_are_their_own_periods(
    app, login, new_year_and_dst
):
    ids = new_year_and_dst
    leader = login("leder")
    december = csv_rows(export(app, leader, "deviations", "csv", "2025-12-31/2025-12-31"))
    assert [(r[0], r[-1]) for r in december[1:]] == [("2025-12-31 23:59:00", ids["old_year"])]
    march_30 = csv_rows(export(app, leader, "deviations", "csv", "2026-03-30/2026-03-30"))
    assert [(r[0], r[-1]) for r in march_30[1:]] == [("2026-03-30 00:00:00", ids["spring_next"])]
    # 01:30 UTC on the autumn change is 02:30 winter time (the clock went back at 01:00 UTC).
    autumn = csv_rows(export(app, leader, "deviations", "csv", "2026-10-25/2026-10-25"))
    assert [(r[0], r[-1]) for r in autumn[1:]] == [("2026-10-25 02:30:00", ids["autumn"])]


def test_deviations_xlsx_keeps_times_and_counts_typed_and_formulas_inert(
    app, login, new_year_and_dst
):
    rows = xlsx_rows(
        export(app, login("koordinator"), "deviations", "xlsx", "2026-01-01/2026-12-31")
    )
    assert list(rows[0]) == NB_DEVIATION_HEADERS
    assert len(rows) == 1 + 5  # new year, late, spring (two), autumn; never the NAV unit's
    first = rows[1]
    assert first[0] == datetime(2026, 1, 1, 0, 0)
    assert (first[3], first[4], first[6]) == ("Kritisk", "Lukket", "'=cmd|' /C calc'!A0")
    assert (first[9], first[10]) == (2, 1)
    assert "NAV" not in {r[6] for r in rows[1:]}


def test_the_coordinator_exports_any_unit_and_sees_only_that_one(app, login, new_year_and_dst):
    coordinator = login("koordinator")
    rows = csv_rows(export(app, coordinator, "deviations", "csv", "2026-01-01/2026-12-31", REFUGEE))
    assert [(r[2], r[6]) for r in rows[1:]] == [("Bolig", "NAV")]


def test_ideas_in_english_with_statuses_as_words(app, login, demo):
    done = idea_at(app, utc(2026, 6, 1, 8), title="@SUM(A1)", benefit="Sparer tid")
    parked = idea_at(app, utc(2026, 6, 2, 8), title="Parkert forslag")
    idea_at(app, utc(2026, 7, 1, 8), title="Etter perioden")
    idea_at(app, utc(2026, 6, 1, 8), "nav-ansatt", title="NAV-forslag")
    with app.app_context():
        leader = person("leder")
        idea_service.decide_idea(
            db.session.get(Idea, done),
            leader,
            "approved",
            responsible="Kari",
            due_date=date(2026, 6, 30),
        )
        idea_service.decide_idea(db.session.get(Idea, done), leader, "in_progress")
        idea_service.decide_idea(db.session.get(Idea, done), leader, "done", learning="=1+1")
        gain_service.record_gain(
            db.session.get(Idea, done), leader, "expected", "time", hours_per_week=Decimal("1.5")
        )
        gain_service.record_gain(
            db.session.get(Idea, done), leader, "realised", "money", kroner_per_year=12000
        )
        idea_service.decide_idea(db.session.get(Idea, parked), leader, "parked", comment="Senere")
        db.session.commit()
    client = login("leder")
    client.post("/language", data={"lang": "en", "csrf_token": client.csrf})

    rows = csv_rows(client.get(url(unit_id(app), "ideas", "csv", "2026-06-01", "2026-06-30")))
    assert rows[0] == EN_IDEA_HEADERS
    assert [(r[1], r[5], r[-1]) for r in rows[1:]] == [
        ("'@SUM(A1)", "Done", done),
        ("Parkert forslag", "Parked", parked),
    ]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Reported (Norwegian time)"] == "2026-06-01 10:00:00"  # summer time
    assert first["Responsible"] == "Kari"
    assert first["Due date"] == "2026-06-30"
    assert first["What was done and learnt"] == "'=1+1"
    assert first["Made from a deviation"] == "No"
    assert first["Reported by"] == "Kari Hansen"
    gains = [first[h] for h in EN_IDEA_HEADERS[-7:-1]]
    assert gains == ["Time (hours a week)", "1.5", "", "Money (kroner a year)", "", "12000"]
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second["Comment on the decision"] == "Senere"
    assert [second[h] for h in EN_IDEA_HEADERS[-7:-1]] == [""] * 6

    sheet = xlsx_rows(client.get(url(unit_id(app), "ideas", "xlsx", "2026-06-01", "2026-06-30")))
    assert sheet[1][-6:-1] == (1.5, None, "Money (kroner a year)", None, 12000)


def test_export_is_audited(app, login, new_year_and_dst):
    export(app, login("leder"), "ideas", "xlsx", "2026-01-01/2026-01-31")
    with app.app_context():
        entry = db.session.scalar(
            db.select(AuditEntry).where(AuditEntry.action == "records_exported")
        )
        assert entry.username == "leder"
        expected = {"kind": "ideas", "format": "xlsx", "from": "2026-01-01", "to": "2026-01-31"}
        assert entry.detail == expected


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("day_from=2026-02-30&day_to=2026-03-01", ["Fra dato: Skriv en dato som 31.12.2026."]),
        ("day_from=&day_to=2026-03-01", ["Fra dato: Velg den første dagen."]),
        (
            "day_from=2026-03-02&day_to=2026-03-01",
            ["Til dato: Den siste dagen kan ikke være før den første."],
        ),
        ("day_from=1800-01-01&day_to=2026-03-01", ["Fra dato: Må være mellom årene 1900 og 2199."]),
    ],
)
def test_a_bad_period_is_shown_on_the_form_naming_the_field(app, login, demo, query, errors):
    response = login("leder").get(f"/units/{unit_id(app)}/exports/ideas.csv?{query}")
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    for error in errors:
        assert error in response.text


def test_norwegian_typed_dates_work_too(app, login, new_year_and_dst):
    rows = csv_rows(
        login("leder").get(url(unit_id(app), "deviations", "csv", "01.01.2026", "01.01.2026"))
    )
    assert [r[-1] for r in rows[1:]] == [new_year_and_dst[k] for k in ("new_year", "late_report")]


def test_the_page_offers_this_year_so_far_and_the_four_files(app, login, demo):
    page = login("leder").get(f"/units/{unit_id(app)}/exports")
    assert page.status_code == 200
    assert 'value="' + str(date.today().year) + '-01-01"' in page.text
    for label in ("Forslag som Excel", "Forslag som CSV", "Avvik som Excel", "Avvik som CSV"):
        assert label in page.text


def test_links_from_the_leader_and_coordinator_pages(app, login, demo):
    home = unit_id(app)
    assert f"/units/{home}/exports" in login("leder").get("/leader/").text
    assert f"/units/{home}/exports" in login("koordinator").get(f"/admin/units/{home}").text
    assert f"/units/{home}/exports" in login("koordinator").get("/admin/units").text


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
def test_who_may_download(app, login, demo, who, unit, status):
    client = login(who)
    for kind in ("ideas", "deviations"):
        for fmt in ("csv", "xlsx"):
            response = client.get(url(unit_id(app, unit), kind, fmt, "2026-01-01", "2026-01-31"))
            assert response.status_code == status, (kind, fmt)
    assert client.get(f"/units/{unit_id(app, unit)}/exports").status_code == status


def test_unknown_kind_or_format_is_not_found(app, login, demo):
    client = login("leder")
    assert export(app, client, "users", "csv", "2026-01-01/2026-01-31").status_code == 404
    assert export(app, client, "ideas", "pdf", "2026-01-01/2026-01-31").status_code == 404


def test_an_excel_file_too_big_for_a_worker_is_refused_with_the_count(
    app, login, new_year_and_dst, monkeypatch
):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 5)
    client = login("leder")
    response = export(app, client, "deviations", "xlsx", "2025-01-01/2026-12-31")
    assert response.status_code == 422
    assert "Fra dato: Perioden har 6 avvik; en Excel-fil tar høyst 5." in response.text
    assert export(app, client, "deviations", "xlsx", "2026-01-01/2026-12-31").status_code == 200
    rows = csv_rows(export(app, client, "deviations", "csv", "2025-01-01/2026-12-31"))
    assert len(rows) == 1 + 6  # CSV has no limit


def test_thousands_of_rows_come_in_order_across_batches(app, login, demo, monkeypatch):
    """Read a batch at a time: three batches, every row once, oldest first."""
    monkeypatch.setattr(exports, "BATCH", 40)
    made = [
        idea_at(app, utc(2026, 5, 1, 8) + timedelta(minutes=n), title=f"Nr {n}") for n in range(100)
    ]
    rows = csv_rows(export(app, login("leder"), "ideas", "csv", "2026-05-01/2026-05-01"))
    assert [r[-1] for r in rows[1:]] == made
    assert [r[1] for r in rows[1:4]] == ["Nr 0", "Nr 1", "Nr 2"]


def test_a_download_in_progress_does_not_hold_up_reports(app, login, demo, monkeypatch):
    """While a CSV is being read, a worker's report is saved (SQLite: the export only reads)."""
    monkeypatch.setattr(exports, "BATCH", 2)
    monkeypatch.setattr(tabular, "CHUNK_CHARS", 1)  # a piece per row, so the file is half-read
    for n in range(6):
        idea_at(app, utc(2026, 5, 1, 8 + n), title=f"Nr {n}")
    response = export(app, login("leder"), "ideas", "csv", "2026-05-01/2026-05-01")
    pieces = iter(response.response)
    assert "Nr 0" in next(pieces).decode() + next(pieces).decode()

    saved = []
    writer = threading.Thread(target=lambda: saved.append(make_deviation(app)), daemon=True)
    writer.start()
    writer.join(timeout=10)
    assert saved, "the report waited for the export"
    rest = b"".join(pieces).decode()
    response.close()
    assert "Nr 5" in rest
