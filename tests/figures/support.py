"""A hand-built history for the figures: ideas and deviations made through the services
at chosen moments (``clock_at``), so every timestamp, event and milestone is the real one."""

import uuid
from datetime import UTC, datetime

from app.extensions import db
from app.models import Category, Deviation, Idea, Measure, Unit, User
from app.models.base import clock_at
from app.services import deviations, gains, ideas, reports, users
from app.services.demo import HOME_CARE, REFUGEE


def noon(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


def person(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def unit_id(name: str = HOME_CARE) -> int:
    return db.session.scalar(db.select(Unit.id).where(Unit.name == name))


def add_worker(username: str, unit_name: str = HOME_CARE, active: bool = True) -> None:
    unit = db.session.get(Unit, unit_id(unit_name))
    user = users.create_user(username, "et-langt-passord-2026", "worker", unit, username)
    user.active = active
    db.session.commit()


def idea_at(created: datetime, *steps, username: str = "ansatt") -> str:
    """An idea reported at ``created``, then (status, when) steps by the leader.

    A step's status "just_done" is "bare gjør det"; ("gain", when, stage, hours) records a gain.
    """
    with clock_at(created):
        actor = person(username)
        data = {"title": "Nøkkelskap", "problem": "Vi leter.", "proposal": "Faste plasser."}
        idea = reports.create_idea(actor, str(uuid.uuid4()), data, created)
    for step in steps:
        with clock_at(step[1]):
            if step[0] == "gain":
                _, _, stage, hours, *note = step
                gains.record_gain(idea, person("leder"), stage, "time", hours, None, *note)
            elif step[0] == "just_done":
                ideas.just_do_it(idea, person("leder"), "Gjort på stedet")
            else:
                ideas.decide_idea(idea, person("leder"), step[0], comment="Grunn")
    db.session.commit()
    return idea.id


def deviation_at(created: datetime, *steps, username="ansatt", category="fall", severity="low"):
    """A deviation reported at ``created``; steps: ("measure"|"in_progress"|"closed", when)."""
    with clock_at(created):
        actor = person(username)
        data = {
            "category": category,
            "severity": severity,
            "occurred_at": created,
            "description": "Bruker falt.",
        }
        record = reports.create_deviation(actor, str(uuid.uuid4()), data, created)
    for status, when in steps:
        with clock_at(when):
            if status == "measure":
                deviations.add_measure(record, person("leder"), "Matte på badet")
            elif status == "closed":
                deviations.change_deviation_status(
                    record, person("leder"), "closed", closing_summary="Matte lagt på."
                )
            else:
                deviations.change_deviation_status(record, person("leder"), status)
    db.session.commit()
    return record.id


__all__ = ["HOME_CARE", "REFUGEE", "Category", "Deviation", "Idea", "Measure"]
