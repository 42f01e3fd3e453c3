"""The coordinator sets whom a worker calls when a deviation is critical; the
tablet gets the number with the session (and in the shell, for the first offline start)."""

from app.extensions import db
from app.models import AuditEntry, Unit

HOME_CARE = "Omsorg Sør – hjemmetjenesten 2"


def _unit(app, name=HOME_CARE) -> Unit:
    with app.app_context():
        unit = db.session.scalar(db.select(Unit).filter_by(name=name))
        db.session.expunge(unit)
        return unit


def _save(client, unit, phone):
    return client.post(
        f"/admin/units/{unit.id}",
        data={
            "csrf_token": client.csrf,
            "name": unit.name,
            "board_shows_reporter": "y",
            "phone": phone,
        },
    )


def test_coordinator_sets_the_units_phone_and_the_worker_app_gets_it(app, login):
    unit = _unit(app)
    response = _save(login("koordinator"), unit, "912 34 567")

    assert response.status_code == 302
    assert _unit(app).phone == "+4791234567"
    worker = login("ansatt")
    assert worker.get("/api/v1/session").json["unit"]["phone"] == "+4791234567"
    assert 'data-unit-phone="+4791234567"' in worker.get("/app").text
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="unit_phone_changed"))
        assert entry.detail == {"from": None, "to": "+4791234567"}


def test_a_unit_without_a_number_says_so_to_the_tablet(app, login):
    worker = login("ansatt")
    assert worker.get("/api/v1/session").json["unit"]["phone"] is None
    assert 'data-unit-phone=""' in worker.get("/app").text


def test_a_number_that_is_not_norwegian_is_refused_on_the_field_in_norwegian(app, login):
    unit = _unit(app)
    coordinator = login("koordinator")
    _save(coordinator, unit, "91234567")

    response = _save(coordinator, unit, "113")

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert "Skriv et norsk telefonnummer med 8 sifre" in response.text
    assert _unit(app).phone == "+4791234567", "the number saved before is kept"


def test_an_empty_field_removes_the_number(app, login):
    unit = _unit(app)
    coordinator = login("koordinator")
    _save(coordinator, unit, "+47 22 12 34 56")
    assert _unit(app).phone == "+4722123456"

    assert _save(coordinator, unit, "").status_code == 302
    assert _unit(app).phone is None
    assert "Telefonnummer ved kritiske avvik" in coordinator.get(f"/admin/units/{unit.id}").text
