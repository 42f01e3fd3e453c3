"""PostgreSQL: a run of new reports in one statement (new_rows.py builds the run).

The records, their applied mutations and their "created" events go in with
one statement of data-modifying CTEs over the items, sent as one JSON array
(``json_to_recordset``). That is one round trip under the counter lock
instead of four; a batch of new reports only even takes the lock and its
change numbers in the same statement (the counter's ``UPDATE`` runs before any
insert). The array is one parameter that orjson writes, and the
statement's text never changes, so psycopg parses it once and the server
prepares it once per connection. (A multi-row ``VALUES`` list is new text for
every batch size and too long for psycopg's statement cache; arrays of text
are escaped element by element in Python.)

Taken keys are skipped (``ON CONFLICT DO NOTHING``): a record id someone
stored, or a mutation id someone applied. Only records whose applied mutation
went in get an event; a record whose mutation id turned out to be taken (a
racing request, or an id reused for other content) is deleted again right
after. The caller answers every skipped item on its own (one_by_one.py).

A batch of new reports only is inserted before anything is looked up
(batch.py ``_insert_first``), and then this statement takes its change numbers itself.

A deviation's category travels as its code and the statement finds the unit's
active category itself (``CATEGORY_BY_CODE``): no look-up before it. A code the
unit has no active category for leaves the report out, and the caller answers
it on its own, as for a taken key (one_by_one.py: rejected, the same error).
The statement gives back each new deviation's HMS mark, which decides whether
anyone is told after the commit (services/categories.py, notifications/fanout.py).
"""

from psycopg.types.json import Json
from sqlalchemy import Boolean, Date, DateTime, Integer, TypeDecorator, delete, text

from app import json_provider
from app.extensions import db
from app.models import Deviation, Idea
from app.schemas.record_fields import NEW_ROW_COLUMNS
from app.services import categories
from app.services.change_seq import has_reservation, next_change_seq

NAME = "postgresql"
CATEGORY_BY_CODE = True

TABLES = {"deviation": Deviation.__table__, "idea": Idea.__table__}


_SQL_TYPES = ((DateTime, "timestamptz"), (Integer, "integer"), (Date, "date"), (Boolean, "boolean"))


def _sql_type(column) -> str:
    """The type json_to_recordset reads a column's value as."""
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    for python_type, name in _SQL_TYPES:
        if isinstance(kind, python_type):
            return name
    return "text"


# A column the statement finds from the item's field: a deviation's category by its code.
BY_CODE = {"category_id": "category"}

# The fields of one item in the JSON array, and their SQL types: the run's own,
# then each kind's columns from the reporter's data (app/schemas/record_fields.py).
ITEM_COLUMNS = {
    "n": "integer",
    "kind": "text",
    "id": "text",
    "mutation_id": "text",
    "created_at": "timestamptz",
    "client_time": "timestamptz",
    "content_hash": "text",
    "result": "json",
    **{
        BY_CODE.get(name, name): "text" if name in BY_CODE else _sql_type(TABLES[kind].c[name])
        for kind in TABLES
        for name in NEW_ROW_COLUMNS[kind]
    },
}


def _items(*more_columns: str) -> str:
    columns = [f"{name} {kind}" for name, kind in ITEM_COLUMNS.items()] + list(more_columns)
    return f"json_to_recordset(CAST(:items AS json)) AS item({', '.join(columns)})"


# Numbers the batch reserved earlier travel with the items ...
NUMBERED_ITEMS = f"item AS (SELECT * FROM {_items('change_seq bigint')})"
# ... else the statement takes them: the counter first (its row lock before any insert).
COUNTED_ITEMS = f"""counter AS (
    UPDATE change_counter SET value = value + :count WHERE id = 1 RETURNING value
), item AS (
    SELECT item.*, counter.value - :count + item.n AS change_seq
    FROM {_items()} CROSS JOIN counter
)"""

RECORD_COLUMNS = (
    "id, unit_id, reporter_id, status, version, change_seq, created_at, updated_at, client_time"
)
RECORD_VALUES = (
    "item.id, :unit_id, :user_id, 'new', 1, item.change_seq, item.created_at, item.created_at,"
    " item.client_time"
)
# The unit's active category with the item's code; no row (so no insert) without one.
CATEGORY_JOIN = """JOIN categories AS category ON category.unit_id = :unit_id
        AND category.code = item.category AND category.active"""


def _insert(kind: str) -> str:
    columns = NEW_ROW_COLUMNS[kind]
    values = ", ".join("category.id" if c in BY_CODE else f"item.{c}" for c in columns)
    joined = f"{CATEGORY_JOIN}\n    " if "category_id" in columns else ""
    returned = "id, category_id" if "category_id" in columns else "id, NULL::integer AS category_id"
    return f"""new_{kind} AS (
    INSERT INTO {TABLES[kind].name} ({RECORD_COLUMNS}, {", ".join(columns)})
    SELECT {RECORD_VALUES}, {values}
    FROM item {joined}WHERE item.kind = '{kind}'
    ON CONFLICT DO NOTHING
    RETURNING {returned}
)"""


INSERTS = f"""{_insert("deviation")}, {_insert("idea")}, new_record AS (
    SELECT id, category_id FROM new_deviation UNION ALL SELECT id, category_id FROM new_idea
), applied AS (
    INSERT INTO applied_mutations
        (mutation_id, user_id, content_hash, record_type, record_id, result, applied_at)
    SELECT mutation_id, :user_id, content_hash, kind, id, result, created_at
    FROM item JOIN new_record USING (id)
    ON CONFLICT DO NOTHING
    RETURNING mutation_id, record_id
), created AS (
    INSERT INTO events (deviation_id, idea_id, actor_id, at, action, to_status)
    SELECT CASE WHEN kind = 'deviation' THEN id END, CASE WHEN kind = 'idea' THEN id END,
        :user_id, created_at, 'created', 'new'
    FROM item JOIN applied USING (mutation_id)
    ORDER BY n
)
SELECT new_record.id, applied.mutation_id, category.hms
FROM new_record LEFT JOIN applied ON applied.record_id = new_record.id
    LEFT JOIN categories AS category ON category.id = new_record.category_id"""

INSERT_NUMBERED = text(f"WITH {NUMBERED_ITEMS}, {INSERTS}")
INSERT_COUNTED = text(f"WITH {COUNTED_ITEMS}, {INSERTS}")


def insert_run(actor, items: list, records: list, rows: dict) -> list[tuple]:
    """(index, item, result) per item; result None for an item whose keys were taken."""
    done = insert_new(actor, records, rows["applied"])
    return [(i, item, result if item.mutation_id in done else None) for i, item, result in items]


def insert_new(actor, records: list, applied: list) -> set[str]:
    """Insert a run (new_rows.Run: record rows and applied rows, in the batch's order).

    Returns the mutation ids that went in (and tells services/categories.py
    the HMS mark of each new deviation's category).
    """
    items = _item_rows(records, applied)
    params = {"unit_id": actor.unit_id, "user_id": actor.id}
    if has_reservation():
        for item in items:
            item["change_seq"] = next_change_seq()
        statement = INSERT_NUMBERED
    else:
        statement, params["count"] = INSERT_COUNTED, len(items)
    params["items"] = Json(items, dumps=json_provider.dump_bytes)
    went_in, lost, hms_of = set(), {"deviation": [], "idea": []}, {}
    by_id = {item["id"]: item for item in items}
    for record_id, mutation_id, hms in db.session.execute(statement, params):
        item = by_id[record_id]
        if mutation_id is None:
            lost[item["kind"]].append(record_id)
        else:
            went_in.add(mutation_id)
            if hms is not None:
                hms_of[item["category"]] = hms
    for code, hms in hms_of.items():
        categories.saw_hms(actor.unit_id, code, hms)
    for kind, model in (("deviation", Deviation), ("idea", Idea)):
        if lost[kind]:
            db.session.execute(delete(model).where(model.id.in_(lost[kind])))
    return went_in


def _item_rows(records: list, applied: list) -> list[dict]:
    """One JSON object per item: its record's columns and its applied mutation's."""
    return [
        {
            **record,
            "n": n,
            "kind": done["record_type"],
            "mutation_id": done["mutation_id"],
            "content_hash": done["content_hash"],
            "result": done["result"],
        }
        for n, (record, done) in enumerate(zip(records, applied, strict=True), start=1)
    ]
