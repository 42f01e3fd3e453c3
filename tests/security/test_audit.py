"""The audit log: logins, access denied, decisions, opened deviations; append-only; the
coordinator's page and CSV export."""

import csv
import io

import pytest

from app.extensions import db
from app.models import AuditEntry
from app.security.audit_hooks import AppendOnlyError
from app.services import deviations
from app.services.audit import record
from app.services.tabular import text_cell as csv_cell
from tests.conftest import log_in
from tests.security.conftest import make_records, user

TEXTS = {"text": "Bruker falt i trappa.", "short": "Trapp"}


def entries(app, action=None) -> list[AuditEntry]:
    with app.app_context():
        query = db.select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        found = db.session.scalars(query).all()
        db.session.expunge_all()
        return found


def test_successful_and_failed_logins_are_recorded_with_address(app, demo):
    client = app.test_client()
    log_in(client, "ansatt", "not-the-password")
    log_in(client, "nobody-like-this")
    log_in(client, "ansatt")
    failed = entries(app, "login_failed")
    assert [e.username for e in failed] == ["ansatt", "nobody-like-this"]
    assert failed[0].actor_id is None
    succeeded = entries(app, "login_succeeded")
    assert [(e.username, e.actor_id) for e in succeeded] == [("ansatt", demo["ansatt"])]
    assert succeeded[0].remote_addr == "127.0.0.1"
    assert succeeded[0].at is not None
    assert succeeded[0].at.tzinfo is not None


def test_access_denied_is_recorded(app, login):
    worker = login("ansatt")
    assert worker.get("/admin/audit").status_code == 403
    denied = entries(app, "access_denied")
    assert len(denied) == 1
    assert denied[0].username == "ansatt"
    assert denied[0].detail["path"] == "/admin/audit"
    assert denied[0].detail["status"] == 403


def test_a_leader_of_another_unit_opening_a_deviation_is_recorded_as_denied(app, login):
    ids = make_records(app, TEXTS)
    other_leader = login("nav-leder")
    response = other_leader.get(f"/leader/deviations/{ids['deviation_id']}")
    assert response.status_code == 404
    denied = entries(app, "access_denied")
    assert [(e.username, e.detail["status"]) for e in denied] == [("nav-leder", 404)]
    assert entries(app, "record_viewed") == []


def test_every_decision_is_recorded_whichever_way_it_is_made(app, demo):
    ids = make_records(app, TEXTS)
    decisions = entries(app, "decision")
    # make_records: one measure, two status changes, one idea rejected.
    by_event = sorted(
        (e.target_type, e.detail.get("event")) for e in decisions if e.detail.get("event")
    )
    assert ("deviation", "measure_added") in by_event
    assert ("idea", "status_changed") in by_event
    assert all(e.username == "leder" for e in decisions)
    # A reporter's own create is not a decision.
    assert not any(e.target_id == ids["new_idea_id"] for e in decisions)


def test_decision_entry_rolls_back_with_the_decision(app, demo):
    ids = make_records(app, TEXTS)
    before = len(entries(app, "decision"))
    with app.app_context():
        from app.models import Deviation

        deviation = db.session.get(Deviation, ids["open_deviation_id"])
        deviations.change_deviation_status(deviation, user("leder"), "in_progress")
        db.session.rollback()
    assert len(entries(app, "decision")) == before


def test_opening_a_deviation_is_recorded(app, login):
    ids = make_records(app, TEXTS)
    leader = login("leder")
    assert leader.get(f"/leader/deviations/{ids['deviation_id']}").status_code == 200
    viewed = entries(app, "record_viewed")
    assert [(e.username, e.target_type, e.target_id) for e in viewed] == [
        ("leder", "deviation", ids["deviation_id"])
    ]


def test_audit_entries_cannot_be_changed_or_deleted(app, demo):
    with app.app_context():
        entry = record("login_failed", username="someone")
        db.session.commit()
        entry.username = "someone-else"
        with pytest.raises(AppendOnlyError):
            db.session.flush()
        db.session.rollback()
        db.session.delete(db.session.get(AuditEntry, entry.id))
        with pytest.raises(AppendOnlyError):
            db.session.flush()
        db.session.rollback()
    assert [e.username for e in entries(app, "login_failed")] == ["someone"]


@pytest.mark.postgres_only
def test_postgres_refuses_updates_of_the_audit_log_in_sql(app, demo):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with app.app_context():
        record("login_failed", username="someone")
        db.session.commit()
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text("UPDATE audit_log SET username = 'x'"))
        db.session.rollback()


# --- the coordinator's page and export ----------------------------------------------


def test_only_the_coordinator_sees_the_audit_log(app, login):
    assert login("leder").get("/admin/audit").status_code == 403
    assert login("ansatt").get("/admin/audit/export.csv").status_code == 403
    assert login("koordinator").get("/admin/audit").status_code == 200


def test_coordinator_filters_by_action_and_person(app, login):
    log_in(app.test_client(), "ansatt", "wrong-password")
    log_in(app.test_client(), "leder", "wrong-password")
    coordinator = login("koordinator")
    page = coordinator.get("/admin/audit?action=login_failed&person=leder")
    assert page.status_code == 200
    rows = page.text.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 1
    assert "leder" in rows


def test_audit_log_is_paged(app, login):
    with app.app_context():
        for i in range(60):
            record("login_failed", username=f"guess{i}")
        db.session.commit()
    coordinator = login("koordinator")
    first = coordinator.get("/admin/audit?action=login_failed")
    second = coordinator.get("/admin/audit?action=login_failed&page=2")
    assert first.text.split("<tbody>")[1].count("<tr>") == 50
    assert second.text.split("<tbody>")[1].count("<tr>") == 10
    assert "page=2" in first.text


def test_unknown_query_parameters_are_not_passed_on(app, login):
    coordinator = login("koordinator")
    page = coordinator.get("/admin/audit?action=login_failed&endpoint=x&_external=1")
    assert page.status_code == 200
    export_link = next(line for line in page.text.splitlines() if "export.csv" in line)
    assert "action=login_failed" in export_link
    assert "endpoint" not in export_link


def test_date_filter_uses_norwegian_days(app, login):
    coordinator = login("koordinator")
    none = coordinator.get(
        "/admin/audit?day_from=2001-01-01&day_to=2001-01-02&action=login_succeeded"
    )
    assert none.text.split("<tbody>")[1].count("<tr>") == 1  # the "No entries." row
    assert "guess" not in none.text


def test_csv_export_neutralises_formulas(app, login):
    log_in(app.test_client(), '=HYPERLINK("http://evil")', "x")
    log_in(app.test_client(), "+cmd", "x")
    log_in(app.test_client(), "@SUM(A1)", "x")
    log_in(app.test_client(), "-2+3", "x")
    coordinator = login("koordinator")
    response = coordinator.get("/admin/audit/export.csv?action=login_failed")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text.removeprefix("\ufeff"))))
    usernames = sorted(r["username"] for r in rows)
    assert usernames == sorted(['\'=hyperlink("http://evil")', "'+cmd", "'@sum(a1)", "'-2+3"])
    assert all(not r["username"].startswith(("=", "+", "-", "@")) for r in rows)
    exported = entries(app, "audit_exported")
    assert [(e.username, e.detail) for e in exported] == [
        ("koordinator", {"action": "login_failed"})
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("ok", "ok"),
        (None, ""),
    ],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected
