"""The compiled record dumps (app/schemas/compiled.py) give exactly the JSON the schemas give."""

from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace

from app.extensions import db
from app.json_provider import dumps
from app.models import Deviation, Idea
from app.schemas.compiled import compile_dump
from app.schemas.records import DeviationSchema, IdeaSchema, dump_record
from tests.api.helpers import deviation_create, idea_create


def _rich_records(api):
    """A deviation with measures and a closing, an approved idea, and a bare new idea."""
    worker, leader = api("ansatt"), api("leder")
    deviation = worker.push_one(deviation_create(location=None, immediate_action=None))["record"]
    path = f"/api/v1/deviations/{deviation['id']}"
    leader.post(f"{path}/measures", {"text": "Matte", "responsible": "Lise", "due_date": None})
    leader.post(f"{path}/measures", {"text": "Rekkverk", "due_date": "2026-12-01"})
    leader.post(f"{path}/status", {"status": "closed", "closing_summary": "Matte lagt på."})
    idea = worker.push_one(idea_create(benefit=None))["record"]
    body = {"status": "approved", "responsible": "Kari", "due_date": "2026-12-15"}
    leader.post(f"/api/v1/ideas/{idea['id']}/status", body)
    worker.push_one(idea_create(deviation_id=deviation["id"]))


def test_compiled_dump_equals_the_schema_dump_for_every_stored_record(app, api):
    _rich_records(api)
    with app.app_context():
        deviations = db.session.scalars(db.select(Deviation)).all()
        ideas = db.session.scalars(db.select(Idea)).all()
        assert deviations[0].measures
        assert deviations[0].closing_summary
        assert len(ideas) == 2
        for record, schema in [(d, DeviationSchema()) for d in deviations] + [
            (i, IdeaSchema()) for i in ideas
        ]:
            assert dumps(dump_record(record)) == dumps(schema.dump(record))  # keys in order


def test_an_object_missing_an_attribute_is_dumped_as_the_schema_would():
    class Partial(IdeaSchema):
        pass

    partial = SimpleNamespace(id="x", title="T")  # most attributes absent: keys left out
    assert dumps(compile_dump(Partial())(partial)) == dumps(Partial().dump(partial))


def test_values_of_another_type_are_formatted_by_the_field_as_the_schema_would():
    class Small(IdeaSchema):
        class Meta:
            fields = ("id", "version", "title", "created_at", "reporter", "events")

    oslo = datetime(2026, 11, 27, 14, 3, tzinfo=timezone(timedelta(hours=1)))
    odd = SimpleNamespace(
        id=7,  # an int where the schema says String
        version="3",  # a string where it says Integer
        title=None,
        created_at=oslo,
        reporter=SimpleNamespace(id=1, display_name="Kari"),
        events=[],
    )
    dumped = compile_dump(Small())(odd)
    assert dumps(dumped) == dumps(Small().dump(odd))
    assert (dumped["id"], dumped["version"]) == ("7", 3)
    assert f'"created_at":"{oslo.astimezone(UTC).isoformat()}"' in dumps(dumped)
