"""The coordinator sets up units, people and categories without the command line."""

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from app.extensions import db
from app.models import AuditEntry, Category, Unit, User, UserSession
from app.services import reports
from app.services.errors import Invalid
from tests.conftest import log_in

PASSWORD_ON_PAGE = re.compile(r'id="one-time-password">([^<]+)<')


def _get(app, model, **where):
    with app.app_context():
        record = db.session.scalar(db.select(model).filter_by(**where))
        if record is not None:
            db.session.expunge(record)
        return record


def _post(client, url, **data):
    return client.post(url, data={"csrf_token": client.csrf, **data})


def test_coordinator_creates_and_renames_a_unit(app, login):
    coordinator = login("koordinator")

    created = _post(coordinator, "/admin/units", name="Omsorg Nord")
    unit = _get(app, Unit, name="Omsorg Nord")
    renamed = _post(coordinator, f"/admin/units/{unit.id}", name="Omsorg Nord – hjemmetjenesten 1")

    assert (created.status_code, renamed.status_code) == (302, 302)
    assert _get(app, Unit, id=unit.id).name == "Omsorg Nord – hjemmetjenesten 1"
    assert "Omsorg Nord – hjemmetjenesten 1" in coordinator.get("/admin/units").text


def test_a_unit_name_in_use_is_refused_on_the_field(app, login):
    coordinator = login("koordinator")

    response = _post(coordinator, "/admin/units", name="NAV flyktningetjenesten")

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert len(_all(app, Unit)) == 2


def _all(app, model):
    with app.app_context():
        return db.session.scalars(db.select(model)).all()


def test_new_user_gets_a_one_time_password_that_must_be_changed(app, login):
    coordinator = login("koordinator")
    home_care = _get(app, Unit, name="Omsorg Sør – hjemmetjenesten 2")

    response = _post(
        coordinator,
        "/admin/users/new",
        username="Per.Hansen",
        display_name="Per Hansen",
        role="worker",
        unit=str(home_care.id),
    )

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    password = PASSWORD_ON_PAGE.search(response.text).group(1)
    person = _get(app, User, username="per.hansen")
    assert (person.role, person.unit_id, person.must_change_password) == (
        "worker",
        home_care.id,
        True,
    )
    assert log_in(app.test_client(), "per.hansen", password).status_code == 302
    assert log_in(app.test_client(), "per.hansen", "wrong-password-123").status_code == 200


def test_a_taken_username_is_refused_and_no_user_is_made(app, login):
    coordinator = login("koordinator")

    response = _post(
        coordinator,
        "/admin/users/new",
        username="ansatt",
        role="worker",
        unit=str(_get(app, Unit, name="NAV flyktningetjenesten").id),
    )

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert len(_all(app, User)) == 7


def test_a_worker_without_a_unit_is_refused(app, login):
    coordinator = login("koordinator")

    response = _post(coordinator, "/admin/users/new", username="ny", role="worker", unit="")

    assert 'aria-invalid="true"' in response.text
    assert _get(app, User, username="ny") is None


def test_coordinator_moves_a_person_to_another_unit_and_role(app, login, demo):
    coordinator = login("koordinator")
    nav = _get(app, Unit, name="NAV flyktningetjenesten")

    response = _post(
        coordinator,
        f"/admin/users/{demo['ansatt']}",
        display_name="Kari Hansen",
        role="leader",
        unit=str(nav.id),
    )

    assert response.status_code == 302
    person = _get(app, User, id=demo["ansatt"])
    assert (person.role, person.unit_id) == ("leader", nav.id)


def test_deactivated_users_session_stops_working_on_the_next_request(app, login, demo):
    worker = login("ansatt")
    assert worker.get("/").status_code == 200
    assert worker.get("/api/v1/session").status_code == 200
    coordinator = login("koordinator")

    response = _post(coordinator, f"/admin/users/{demo['ansatt']}/deactivate")

    assert response.status_code == 302
    page = worker.get("/")
    assert page.status_code == 302
    assert "/login" in page.headers["Location"]
    assert worker.get("/api/v1/session").status_code == 401
    assert log_in(app.test_client(), "ansatt").status_code == 200  # cannot log in again


def test_reactivated_user_can_log_in_again(app, login, demo):
    coordinator = login("koordinator")
    _post(coordinator, f"/admin/users/{demo['ansatt']}/deactivate")

    _post(coordinator, f"/admin/users/{demo['ansatt']}/reactivate")

    assert log_in(app.test_client(), "ansatt").status_code == 302


def test_coordinator_cannot_deactivate_themself(app, login, demo):
    coordinator = login("koordinator")

    _post(coordinator, f"/admin/users/{demo['koordinator']}/deactivate")

    assert _get(app, User, id=demo["koordinator"]).active
    assert coordinator.get("/admin/users").status_code == 200


def test_new_one_time_password_ends_the_old_sessions(app, login, demo):
    worker = login("ansatt")
    coordinator = login("koordinator")

    response = _post(coordinator, f"/admin/users/{demo['ansatt']}/password")

    password = PASSWORD_ON_PAGE.search(response.text).group(1)
    assert worker.get("/").status_code == 302
    assert _get(app, User, id=demo["ansatt"]).must_change_password
    assert log_in(app.test_client(), "ansatt", password).status_code == 302


def test_coordinator_adds_relabels_and_retires_a_category(app, login):
    coordinator = login("koordinator")
    unit = _get(app, Unit, name="NAV flyktningetjenesten")

    _post(
        coordinator,
        f"/admin/categories?unit={unit.id}",
        code="school",
        label_nb="Skole",
        label_en="School",
    )
    category = _get(app, Category, unit_id=unit.id, code="school")
    _post(
        coordinator,
        f"/admin/categories/{category.id}",
        label_nb="Skole og barnehage",
        label_en="School and kindergarten",
    )
    _post(coordinator, f"/admin/categories/{category.id}/active", active="0")

    category = _get(app, Category, id=category.id)
    assert (category.label_nb, category.label_en, category.active) == (
        "Skole og barnehage",
        "School and kindergarten",
        False,
    )
    listing = coordinator.get(f"/admin/categories?unit={unit.id}").text
    assert "Skole og barnehage" in listing


def test_a_retired_category_stays_on_old_records_but_is_refused_for_new(app, login, demo):
    coordinator = login("koordinator")
    fall = _get(app, Category, code="fall", unit_id=_get(app, User, username="ansatt").unit_id)
    old_id = _report_fall(app)

    _post(coordinator, f"/admin/categories/{fall.id}/active", active="0")

    leader = login("leder")
    page = leader.get(f"/leader/deviations/{old_id}")
    assert page.status_code == 200
    assert "Fall" in page.text
    with pytest.raises(Invalid):
        _report_fall(app)
    _post(coordinator, f"/admin/categories/{fall.id}/active", active="1")
    assert _report_fall(app)


def _report_fall(app) -> str:
    with app.app_context():
        actor = db.session.scalar(db.select(User).where(User.username == "ansatt"))
        data = {
            "category": "fall",
            "severity": "low",
            "occurred_at": datetime.now(UTC),
            "description": "Snublet i trappen.",
        }
        record = reports.create_deviation(actor, str(uuid.uuid4()), data, datetime.now(UTC))
        db.session.commit()
        return record.id


def test_a_category_code_must_be_short_and_plain(app, login):
    coordinator = login("koordinator")
    unit = _get(app, Unit, name="NAV flyktningetjenesten")

    response = _post(
        coordinator,
        f"/admin/categories?unit={unit.id}",
        code="Skole og bhg",
        label_nb="Skole",
        label_en="School",
    )

    assert 'aria-invalid="true"' in response.text
    assert _get(app, Category, unit_id=unit.id, label_nb="Skole") is None


def test_coordinator_changes_are_written_to_the_audit_log(app, login):
    coordinator = login("koordinator")
    _post(coordinator, "/admin/units", name="Omsorg Vest")

    entries = [(e.username, e.action) for e in _all(app, AuditEntry)]
    assert ("koordinator", "unit_created") in entries


def test_changing_people_needs_a_recent_password(app, login, demo):
    coordinator = login("koordinator")
    with app.app_context():
        long_ago = datetime.now(UTC) - timedelta(hours=2)
        db.session.execute(update(UserSession).values(authenticated_at=long_ago))
        db.session.commit()

    response = _post(coordinator, f"/admin/users/{demo['ansatt']}/deactivate")

    assert response.status_code == 302
    assert "/account/confirm" in response.headers["Location"]
    assert _get(app, User, id=demo["ansatt"]).active


def test_the_user_page_shows_the_persons_current_role_and_unit(app, login, demo):
    home_care = _get(app, User, id=demo["leder"]).unit_id

    html = login("koordinator").get(f"/admin/users/{demo['leder']}").text

    assert re.search(r'<option selected value="leader">|<option value="leader" selected>', html)
    assert re.search(
        rf'<option selected value="{home_care}">|<option value="{home_care}" selected>', html
    )
