"""flask purge-expired: dry-run changes nothing; the real run removes exactly what it listed."""

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import (
    AppliedMutation,
    AuditEntry,
    Deviation,
    Event,
    Idea,
    Measure,
    Notification,
    Tombstone,
)
from app.models.base import utcnow
from app.services import deviations
from tests.security.conftest import make_records, user

TEXTS = {"text": "Feil dose gitt.", "short": "Dose"}


def _age(app, model, record_id, years: float) -> None:
    with app.app_context():
        record = db.session.get(model, record_id)
        record.updated_at = utcnow() - timedelta(days=365.25 * years)
        db.session.commit()


def _snapshot(app) -> dict:
    with app.app_context():
        count = lambda m: db.session.scalar(db.select(db.func.count()).select_from(m))  # noqa: E731
        return {m.__name__: count(m) for m in (Deviation, Idea, Event, Measure, Tombstone)} | {
            "ids": sorted(db.session.scalars(db.select(Deviation.id)).all())
            + sorted(db.session.scalars(db.select(Idea.id)).all())
        }


@pytest.fixture
def aged(app, demo):
    """Two sets of records; one set past its retention period, the other not."""
    old = make_records(app, TEXTS)
    young = make_records(app, TEXTS)
    _age(app, Deviation, old["deviation_id"], 5.1)  # closed, 5.1 years: goes
    _age(app, Deviation, old["open_deviation_id"], 9)  # still new: stays
    _age(app, Idea, old["idea_id"], 3.1)  # rejected, 3.1 years: goes
    _age(app, Idea, old["new_idea_id"], 9)  # still new: stays
    _age(app, Deviation, young["deviation_id"], 4.9)  # closed, but young: stays
    _age(app, Idea, young["idea_id"], 2.9)  # rejected, but young: stays
    with app.app_context():  # an idea made from the old deviation, still in use
        kept = deviations.create_idea_from_deviation(
            db.session.get(Deviation, old["deviation_id"]), user("leder"), proposal="Sjekkliste"
        )
        db.session.add(
            AppliedMutation(
                mutation_id="11111111-1111-4111-8111-111111111111",
                user_id=user("ansatt").id,
                content_hash="x" * 64,
                record_type="deviation",
                record_id=old["deviation_id"],
                result={"description": TEXTS["text"]},
            )
        )
        kept_id = kept.id
        db.session.commit()
    old["linked_idea_id"] = kept_id
    _age(app, Deviation, old["deviation_id"], 5.1)  # making the idea touched it
    return old, young


def test_dry_run_lists_and_changes_nothing(app, aged):
    old, _ = aged
    before = _snapshot(app)
    result = app.test_cli_runner().invoke(args=["purge-expired", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"would delete deviation {old['deviation_id']}" in result.output
    assert f"would delete idea {old['idea_id']}" in result.output
    assert f"would unlink idea {old['linked_idea_id']}" in result.output
    assert "nothing changed" in result.output
    assert _snapshot(app) == before


def test_real_run_removes_exactly_what_the_dry_run_listed(app, aged):
    old, young = aged
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["purge-expired", "--dry-run"]).output.splitlines()[:-1]
    before = _snapshot(app)
    with app.app_context():
        seq_before = db.session.scalar(db.select(db.func.max(Idea.change_seq)))
    result = runner.invoke(args=["purge-expired"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:-1] == [line.removeprefix("would ") for line in listed]
    assert "Removed 2 record(s)." in result.output

    after = _snapshot(app)
    assert set(before["ids"]) - set(after["ids"]) == {old["deviation_id"], old["idea_id"]}
    assert after["Tombstone"] == 2
    assert after["Measure"] == before["Measure"] - 1
    with app.app_context():
        assert (
            db.session.scalars(
                db.select(Event).where(Event.deviation_id == old["deviation_id"])
            ).all()
            == []
        )
        tombstones = db.session.scalars(db.select(Tombstone).order_by(Tombstone.change_seq)).all()
        assert {(t.record_type, t.record_id) for t in tombstones} == {
            ("deviation", old["deviation_id"]),
            ("idea", old["idea_id"]),
        }
        assert all(t.change_seq > seq_before for t in tombstones)
        linked = db.session.get(Idea, old["linked_idea_id"])
        assert linked.deviation_id is None
        assert linked.change_seq > seq_before
        assert db.session.scalar(db.select(db.func.count()).select_from(AppliedMutation)) == 0
        purge = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "purge")).one()
        assert purge.detail["deviations"] == [old["deviation_id"]]
        assert purge.detail["ideas"] == [old["idea_id"]]
    # The young records and the ones still open are all there.
    for record_id in (young["deviation_id"], young["idea_id"], old["open_deviation_id"]):
        assert record_id in after["ids"]
    # Nothing left to do: a second run removes nothing.
    assert "Removed 0 record(s)." in runner.invoke(args=["purge-expired"]).output


def test_devices_learn_the_removal_as_deleted(app, aged, login):
    old, _ = aged
    worker = login("ansatt")
    cursor = worker.get("/api/v1/sync/pull?limit=500").get_json()["cursor"]
    app.test_cli_runner().invoke(args=["purge-expired"])
    changes = worker.get(f"/api/v1/sync/pull?cursor={cursor}").get_json()["changes"]
    deleted = {c["id"] for c in changes if c["deleted"]}
    assert {old["deviation_id"], old["idea_id"]} <= deleted


def test_retention_periods_come_from_the_configuration(make_app, aged):
    old, _ = aged
    longer = make_app(RETENTION_DEVIATION_YEARS=10, RETENTION_IDEA_YEARS=10)
    output = longer.test_cli_runner().invoke(args=["purge-expired", "--dry-run"]).output
    assert "0 change(s) listed" in output


def test_old_notifications_and_those_of_removed_records_go(app, aged):
    old, young = aged
    with app.app_context():
        db.session.execute(db.delete(Notification))
        leader = user("leder").id

        def note(record_id, days):
            created = utcnow() - timedelta(days=days)
            return Notification(
                user_id=leader,
                kind="critical_deviation",
                record_type="deviation",
                record_id=record_id,
                created_at=created,
            )

        db.session.add_all(
            [
                note(young["deviation_id"], 91),  # no longer news: goes
                note(old["deviation_id"], 1),  # its deviation is removed: goes
                note(young["deviation_id"], 89),  # stays
            ]
        )
        db.session.commit()
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["purge-expired", "--dry-run"]).output
    assert "would delete 2 notification(s) from before" in listed
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Notification)) == 3

    assert runner.invoke(args=["purge-expired"]).exit_code == 0
    with app.app_context():
        kept = db.session.scalars(db.select(Notification)).all()
        assert [(n.record_id, (utcnow() - n.created_at).days) for n in kept] == [
            (young["deviation_id"], 89)
        ]
        purge = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "purge")).one()
        assert purge.detail["notifications"] == 2


def test_how_long_notifications_are_kept_comes_from_the_configuration(make_app, aged):
    shorter = make_app(NOTIFICATION_KEEP_DAYS=0)
    output = shorter.test_cli_runner().invoke(args=["purge-expired", "--dry-run"]).output
    with shorter.app_context():
        total = db.session.scalar(db.select(db.func.count()).select_from(Notification))
    assert total > 0  # the records' answers and decisions told their people
    assert f"would delete {total} notification(s)" in output
