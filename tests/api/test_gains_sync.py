"""A gain recorded on an idea reaches the reporter's tablet at the next pull."""

from app.extensions import db
from app.models import Idea
from app.services import gains
from tests.api.helpers import idea_create
from tests.figures.support import person


def test_the_gain_reaches_the_reporters_tablet_with_the_decision(app, api):
    worker, leader = api("ansatt"), api("leder")
    idea = worker.push_one(idea_create())["record"]
    assert idea["gains"] == []
    leader.post(f"/api/v1/ideas/{idea['id']}/status", {"status": "approved"})
    with app.app_context():
        record = db.session.get(Idea, idea["id"])
        gains.record_gain(record, person("leder"), "expected", "time", "2", None, "Mindre leting")
        db.session.commit()
    changes = worker.pull()["changes"]
    pulled = next(c["record"] for c in changes if c["id"] == idea["id"])
    assert pulled["gains"] == [
        {
            "stage": "expected",
            "kind": "time",
            "hours_per_week": 2.0,
            "kroner_per_year": None,
            "note": "Mindre leting",
        }
    ]
    assert [e["action"] for e in pulled["events"]][-1] == "gain_expected"
