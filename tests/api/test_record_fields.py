"""Each record type's fields are declared once (app/schemas/record_fields.py).

Every other list is derived from the schemas; these tests hold the derived
lists, the tablet's own list and what a client sees to that one declaration.
"""

import re
from pathlib import Path

from app.models import Deviation, Idea
from app.schemas.record_fields import (
    COPIED,
    FREE_TEXT,
    NEW_ROW_COLUMNS,
    PDSA_FIELDS,
    REPORTER_FIELDS,
)
from app.schemas.records import DeviationSchema, IdeaSchema
from app.services import inbox, records
from app.services.push import postgres
from tests.api.helpers import deviation_create, idea_create

STATIC_JS = Path(__file__).resolve().parents[2] / "static" / "js"
# The idea fields the board and the leader own: no reporter sends them.
BOARD_FIELDS = (
    "decision_comment",
    "responsible",
    "responsible_id",
    "due_date",
    "status_changed_at",
    "pdsa_plan",
    "pdsa_do",
    "pdsa_study",
    "pdsa_act",
    "learning",
)


def test_the_reporter_fields_are_the_data_schemas_in_order():
    assert REPORTER_FIELDS == {
        "deviation": (
            "category",
            "severity",
            "occurred_at",
            "location",
            "description",
            "immediate_action",
        ),
        "idea": ("title", "problem", "proposal", "benefit", "deviation_id"),
    }
    assert FREE_TEXT["deviation"] == ("location", "description", "immediate_action")
    assert FREE_TEXT["idea"] == ("title", "problem", "proposal", "benefit")
    assert PDSA_FIELDS == ("pdsa_plan", "pdsa_do", "pdsa_study", "pdsa_act")


def test_every_derived_list_follows_the_declaration():
    assert COPIED["deviation"] == records.DEVIATION_FIELDS
    assert COPIED["idea"] == records.IDEA_FIELDS
    assert inbox.SEARCH_COLUMNS["idea"] == FREE_TEXT["idea"]
    for kind, model in (("deviation", Deviation), ("idea", Idea)):
        for column in NEW_ROW_COLUMNS[kind]:
            assert column in model.__table__.c, (kind, column)
            # (a column the statement finds from another field travels as that field)
            assert postgres.BY_CODE.get(column, column) in postgres.ITEM_COLUMNS, (kind, column)
            assert f" {column}" in postgres.INSERT_COUNTED.text
        shown = (DeviationSchema if kind == "deviation" else IdeaSchema)().fields
        assert set(COPIED[kind]) <= set(shown), kind  # a reporter's field is shown back


def _js_list(source: str, name: str) -> list[str]:
    match = re.search(rf"\b{name}:\s*\[([^\]]*)\]", source)
    assert match, f"no {name} list"
    return re.findall(r'"([a-z_]+)"', match.group(1))


def test_the_tablets_field_list_is_the_declaration():
    """The tablet keeps its own copy (static/js): it must name the same fields, in order."""
    sources = [p.read_text() for p in STATIC_JS.rglob("*.js") if "vendor" not in p.parts]
    declared = [s for s in sources if re.search(r"export const FIELDS = \{", s)]
    assert len(declared) == 1, "one FIELDS list in static/js"
    for kind in ("deviation", "idea"):
        assert tuple(_js_list(declared[0], kind)) == REPORTER_FIELDS[kind]


def test_the_tablets_forms_ask_only_for_declared_fields_and_mark_the_free_text():
    source = (STATIC_JS / "ui" / "labels.js").read_text()
    for kind, function in (("deviation", "deviationFields"), ("idea", "ideaFields")):
        body = source[source.index(f"function {function}(") :]
        body = body[: body.index("\n}\n")]
        names = re.findall(r'name: "([a-z_]+)"', body)
        assert set(names) <= set(REPORTER_FIELDS[kind]), kind
        free = re.findall(r'name: "([a-z_]+)"[^{}]*freeText: true', body)
        assert tuple(free) == FREE_TEXT[kind], kind


def test_the_board_fields_are_in_the_published_contract(app):
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    shown = spec["components"]["schemas"]["Idea"]["properties"]
    assert set(BOARD_FIELDS) <= set(shown)


def test_a_new_idea_shows_the_board_fields_empty_on_both_write_paths(api):
    """The board's fields flow from IdeaSchema alone into a new idea's answer.

    The batch path builds the answer before the row exists (NEW_RECORD_EMPTY);
    an idea pointing at a deviation goes one by one through the ORM. Both show
    every board field, empty, exactly as the next pull does.
    """
    worker = api("ansatt")
    deviation = deviation_create()
    batch = [idea_create(), deviation, idea_create(deviation_id=deviation["record_id"])]
    results = worker.push(*batch)["results"]
    assert [r["status"] for r in results] == ["applied"] * 3
    pulled = {c["id"]: c["record"] for c in worker.pull_all()[0]}
    for result in (results[0], results[2]):
        record = result["record"]
        assert set(record) == set(IdeaSchema().fields)
        assert {name: record[name] for name in BOARD_FIELDS} == dict.fromkeys(BOARD_FIELDS)
        assert record["supporter_ids"] == []
        assert pulled[record["id"]] == record
