"""The injury register: the leader fills in who and the injury; leader and coordinator export it."""

import csv
import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from app.extensions import db
from app.models import InjuryRecord, Unit
from app.services.demo import HOME_CARE, REFUGEE
from tests.web.leader_support import make_deviation


def _unit_id(app, name):
    with app.app_context():
        return db.session.scalar(db.select(Unit.id).where(Unit.name == name))


def _fill(client, deviation_id, person_ref="4711", injury="Bitt i hånden."):
    return client.post(
        f"/leader/deviations/{deviation_id}/injury",
        data={"csrf_token": client.csrf, "person_ref": person_ref, "injury": injury},
    )


def _csv(response) -> list[list[str]]:
    assert response.headers["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _injured(app, when: datetime, **fields):
    return make_deviation(app, category="staff_injury", occurred_at=when, **fields)


def test_the_leader_fills_in_the_register_and_it_is_exported_as_csv(app, login):
    deviation = _injured(
        app,
        datetime(2026, 5, 4, 12, 15, tzinfo=UTC),
        location="Stue",
        description="Bruker bet meg i hånden.",
    )
    leader = login("leder")
    leader.post(
        f"/leader/deviations/{deviation}/measures",
        data={"csrf_token": leader.csrf, "text": "Opplæring i trygg håndtering"},
    )

    saved = _fill(leader, deviation)
    response = leader.get("/leader/injury-register/export.csv?first=2026-05-01&last=2026-05-31")

    assert saved.status_code == 302
    rows = _csv(response)
    assert rows[0] == [
        "Referanse",
        "Skadet ansatt: ansattnummer",
        "Tidspunkt",
        "Sted",
        "Hva skjedde?",
        "Skaden",
        "Tiltak",
        "Kategori",
        "Alvorlighet",
        "Status",
    ]
    assert rows[1][:7] == [
        deviation,
        "4711",
        "2026-05-04 14:15",  # Oslo summer time
        "Stue",
        "Bruker bet meg i hånden.",
        "Bitt i hånden.",
        "Opplæring i trygg håndtering",
    ]
    assert len(rows) == 2
    assert 'filename="steg-injury-register-' in response.headers["Content-Disposition"]


def test_the_register_fields_are_checked_by_the_units_choice(app, login):
    deviation = _injured(app, datetime(2026, 5, 4, 12, 0, tzinfo=UTC))
    leader = login("leder")

    letters = _fill(leader, deviation, person_ref="KH")
    identity_number = _fill(leader, deviation, person_ref="24128510180")
    no_injury = _fill(leader, deviation, injury="")
    leader.post(
        "/leader/injury-register/kind",
        data={"csrf_token": leader.csrf, "kind": "initials", "unit": ""},
    )
    initials = _fill(leader, deviation, person_ref="k.h")
    digits = _fill(leader, deviation, person_ref="4711")

    assert [r.status_code for r in (letters, identity_number, no_injury)] == [422, 422, 422]
    assert "Skriv ansattnummeret: 1 til 10 sifre." in letters.text
    assert "Beskriv skaden." in no_injury.text
    assert initials.status_code == 422  # a dot is not a letter
    assert digits.status_code == 422
    assert _fill(leader, deviation, person_ref="kh").status_code == 302
    with app.app_context():
        assert db.session.get(InjuryRecord, deviation).person_ref == "KH"


def test_a_deviation_that_is_not_hms_has_no_register_fields(app, login):
    fall = make_deviation(app, category="fall")
    leader = login("leder")

    response = _fill(leader, fall)

    assert response.status_code == 422
    assert "Bare HMS-avvik føres i skaderegisteret." in response.text


def test_formula_cells_are_neutralised_in_csv_and_xlsx(app, login):
    deviation = _injured(
        app,
        datetime(2026, 5, 4, 12, 0, tzinfo=UTC),
        location="@SUM(A1:A9)",
        description='=HYPERLINK("http://x","klikk")',
    )
    leader = login("leder")
    _fill(leader, deviation, injury="+cmd|' /C calc'!A0")
    query = "first=2026-05-01&last=2026-05-31"

    rows = _csv(leader.get(f"/leader/injury-register/export.csv?{query}"))
    book = load_workbook(
        io.BytesIO(leader.get(f"/leader/injury-register/export.xlsx?{query}").data)
    )
    sheet = book.active

    assert rows[1][3:6] == [
        "'@SUM(A1:A9)",
        '\'=HYPERLINK("http://x","klikk")',
        "'+cmd|' /C calc'!A0",
    ]
    values = [cell.value for cell in sheet[2]]
    assert values[3:6] == [
        "'@SUM(A1:A9)",
        '\'=HYPERLINK("http://x","klikk")',
        "'+cmd|' /C calc'!A0",
    ]
    assert values[2] == datetime(2026, 5, 4, 14, 0)  # a real date cell, Oslo time
    assert sheet.title == "Skaderegister"


def test_the_period_is_whole_days_in_oslo(app, login):
    leader = login("leder")
    # 00:30 on 1 April in Oslo (summer time) and 23:59 on 31 March.
    april = _injured(app, datetime(2026, 3, 31, 22, 30, tzinfo=UTC))
    march = _injured(app, datetime(2026, 3, 31, 21, 59, tzinfo=UTC))
    # 00:30 on 1 February in Oslo (winter time).
    february = _injured(app, datetime(2026, 1, 31, 23, 30, tzinfo=UTC))
    for deviation in (april, march, february):
        assert _fill(leader, deviation).status_code == 302

    def ids(first, last):
        url = f"/leader/injury-register/export.csv?first={first}&last={last}"
        return [row[0] for row in _csv(leader.get(url))[1:]]

    assert ids("2026-04-01", "2026-04-30") == [april]
    assert ids("2026-03-01", "2026-03-31") == [march]
    assert ids("2026-02-01", "2026-02-28") == [february]
    assert ids("2026-01-01", "2026-01-31") == []
    assert ids("2026-03-31", "2026-04-01") == [march, april]


def test_an_end_before_the_start_is_an_error_on_the_field(app, login):
    response = login("leder").get("/leader/injury-register/?first=2026-05-02&last=2026-05-01")

    assert response.status_code == 422
    assert "Sluttdatoen er før startdatoen." in response.text


def test_the_page_lists_the_register_and_the_hms_deviations_without_it(app, login):
    filled = _injured(app, datetime(2026, 5, 4, 12, 0, tzinfo=UTC))
    waiting = make_deviation(app, category="violence", occurred_at=datetime(2026, 5, 5, tzinfo=UTC))
    make_deviation(app, category="fall", occurred_at=datetime(2026, 5, 5, tzinfo=UTC))
    leader = login("leder")
    _fill(leader, filled)

    html = leader.get("/leader/injury-register/?first=2026-05-01&last=2026-05-31").text

    assert "I registeret (1)" in html
    assert f'data-id="{filled}"' in html
    assert "HMS-avvik i perioden uten skaderegistrering (1)" in html
    assert f'data-id="{waiting}"' in html


def test_another_units_leader_gets_nothing_and_workers_and_safety_reps_are_refused(app, login):
    deviation = _injured(app, datetime(2026, 5, 4, 12, 0, tzinfo=UTC))
    _fill(login("leder"), deviation)
    home_care = _unit_id(app, HOME_CARE)
    query = f"unit={home_care}&first=2026-05-01&last=2026-05-31"

    nav_leader = login("nav-leder")
    other_page = nav_leader.get(f"/leader/injury-register/?{query}")
    other_export = nav_leader.get(f"/leader/injury-register/export.csv?{query}")
    own_export = _csv(
        nav_leader.get("/leader/injury-register/export.csv?first=2026-05-01&last=2026-05-31")
    )
    other_fill = _fill(nav_leader, deviation, person_ref="1")
    other_kind = nav_leader.post(
        "/leader/injury-register/kind",
        data={"csrf_token": nav_leader.csrf, "kind": "initials", "unit": str(home_care)},
    )

    assert (other_page.status_code, other_export.status_code) == (404, 404)
    assert own_export[1:] == []
    assert other_fill.status_code == 404
    assert other_kind.status_code == 404
    for username in ("ansatt", "verneombud"):
        client = login(username)
        assert client.get(f"/leader/injury-register/export.csv?{query}").status_code == 403
        assert client.get("/leader/injury-register/").status_code == 403
        assert _fill(client, deviation, person_ref="1").status_code == 403
    with app.app_context():
        assert db.session.get(InjuryRecord, deviation).person_ref == "4711"
        assert db.session.get(Unit, home_care).injury_person_ref == "employee_number"


def test_the_coordinator_exports_any_unit(app, login):
    deviation = _injured(app, datetime(2026, 5, 4, 12, 0, tzinfo=UTC))
    _fill(login("leder"), deviation)
    coordinator = login("koordinator")
    period = "first=2026-05-01&last=2026-05-31"

    home = _csv(
        coordinator.get(
            f"/leader/injury-register/export.csv?unit={_unit_id(app, HOME_CARE)}&{period}"
        )
    )
    refugee = _csv(
        coordinator.get(
            f"/leader/injury-register/export.csv?unit={_unit_id(app, REFUGEE)}&{period}"
        )
    )

    assert [row[0] for row in home[1:]] == [deviation]
    assert refugee[1:] == []
    assert coordinator.get("/leader/injury-register/export.csv?unit=999999").status_code == 404
    assert coordinator.get("/leader/injury-register/export.pdf").status_code == 404


def test_the_demo_history_fills_the_register_for_staff_injuries(demo_history, app_ctx):
    entries = db.session.scalars(db.select(InjuryRecord)).all()
    assert entries
    assert all(e.deviation.category.code == "staff_injury" for e in entries)
    assert all(e.person_ref.isdigit() for e in entries)
