"""Factories for the leader and coordinator page tests: records made the way the app makes them."""

import uuid
from datetime import UTC, datetime

import pytest

from app.extensions import db
from app.models import Deviation, Idea, User
from app.services import records


def make_idea(app, username: str = "ansatt", **fields) -> str:
    """An idea reported by ``username`` (through the reporting service); returns its id."""
    data = {
        "title": "Felles nøkkelskap",
        "problem": "Vi leter etter nøkler hver morgen.",
        "proposal": "Ett skap med faste plasser.",
        **fields,
    }
    with app.app_context():
        actor = db.session.scalar(db.select(User).where(User.username == username))
        idea = records.create_idea(actor, str(uuid.uuid4()), data, datetime.now(UTC))
        db.session.commit()
        return idea.id


def make_deviation(app, username: str = "ansatt", **fields) -> str:
    data = {
        "category": "fall",
        "severity": "moderate",
        "occurred_at": datetime.now(UTC),
        "description": "Bruker falt på badet.",
        "location": "Bad",
        **fields,
    }
    with app.app_context():
        actor = db.session.scalar(db.select(User).where(User.username == username))
        deviation = records.create_deviation(actor, str(uuid.uuid4()), data, datetime.now(UTC))
        db.session.commit()
        return deviation.id


def load(app, model, record_id):
    """The record as the database has it now, detached (with its events loaded)."""
    with app.app_context():
        record = db.session.get(model, record_id)
        _ = list(record.events)
        if model is Deviation:
            _ = list(record.measures)
        db.session.expunge(record)
        return record


def state(app, model, record_id) -> tuple:
    """What a reporter's device would notice: status, version, change_seq, number of events."""
    record = load(app, model, record_id)
    return record.status, record.version, record.change_seq, len(record.events)


@pytest.fixture
def idea_id(app, demo):
    return make_idea(app)


@pytest.fixture
def deviation_id(app, demo):
    return make_deviation(app)


__all__ = [
    "Deviation",
    "Idea",
    "deviation_id",
    "idea_id",
    "load",
    "make_deviation",
    "make_idea",
    "state",
]
