"""The fast path of a push: a batch's new records, built as rows to insert together.

A "plain create" is a new report whose mutation id and record id are neither
stored nor used earlier in the batch, with data that passed its checks and
pointing at no deviation. Its row, its "created" event, the applied-mutation
row and the answer (the record as the API shows it) are built before the
write lock (``build_new``). Under the lock a run of them gets change numbers
and goes in together, the way the database's strategy does it (sqlite.py: one
insert per table in a savepoint; postgres.py: one statement that skips taken
keys). An item the run could not insert is applied on its own (one_by_one.py),
which answers a replay or a race with ``duplicate``.
"""

from types import SimpleNamespace

from app.models.base import utcnow
from app.schemas.record_fields import NEW_RECORD_EMPTY
from app.schemas.records import dump_record
from app.services import records


def can_build(item) -> bool:
    mutation = item.mutation
    if mutation["op"] != "create" or item.error is not None:
        return False
    return not (mutation["type"] == "idea" and item.data.get("deviation_id"))


def build_new(actor, item, strategy):
    """The rows and the answer of a new report (DomainError: its category is not allowed).

    A strategy that checks the category in its insert (``CATEGORY_BY_CODE``)
    gets the code, and the report's category is not looked up here.
    """
    kind, now = item.mutation["type"], utcnow()
    values, category = records.new_record_values(
        actor,
        kind,
        item.record_id,
        item.data,
        item.mutation["client_time"],
        now,
        category_by_code=strategy.CATEGORY_BY_CODE,
    )
    event = {
        "deviation_id": item.record_id if kind == "deviation" else None,
        "idea_id": item.record_id if kind == "idea" else None,
        "actor_id": actor.id,
        "at": now,
        "action": "created",
        "from_status": None,
        "to_status": "new",
        "comment": None,
    }
    shown = SimpleNamespace(
        **{
            **NEW_RECORD_EMPTY[kind],  # nothing decided yet (app/schemas/record_fields.py)
            **values,
            "reporter": actor,
            "category": category,
            "events": [SimpleNamespace(**event, actor=actor)],
        }
    )
    return values, event, {"status": "applied", "record": dump_record(shown, kind)}


def only_new(items: list) -> bool:
    """Only new reports, each id once (postgres.py inserts those before any look-up)."""
    keys = {key for item in items for key in (item.mutation_id, item.record_id)}
    return len(keys) == 2 * len(items) and all(item.new is not None for item in items)


def is_plain_create(item, known: dict, seen: set) -> bool:
    """A new report the batch can insert with the others (``known``: the prefetch)."""
    if item.new is None or item.mutation_id in seen or item.record_id in seen:
        return False
    absent = object()
    return (
        known.get(("mutation", item.mutation_id), absent) is None
        and known.get((item.mutation["type"], item.record_id), absent) is None
    )


class Run:
    """Plain creates waiting to be inserted together."""

    def __init__(self, actor, strategy):
        self.actor, self.strategy = actor, strategy  # sqlite.py or postgres.py
        self.items = []
        self.records = []  # each item's record row, in the batch's order
        self.rows = {"deviation": [], "idea": [], "event": [], "applied": []}

    def add(self, index, item, known: dict) -> None:
        kind = item.mutation["type"]
        known.pop(("mutation", item.mutation_id), None)  # later look-ups find this run's rows
        known.pop((kind, item.record_id), None)
        values, event, result = item.new
        record = dict(values)  # its change number comes when the run goes in
        self.records.append(record)
        self.rows[kind].append(record)
        self.rows["event"].append(event)
        self.rows["applied"].append(
            {
                "mutation_id": item.mutation_id,
                "user_id": self.actor.id,
                "content_hash": item.digest,
                "record_type": kind,
                "record_id": item.record_id,
                "result": result,
                "applied_at": values["created_at"],
            }
        )
        self.items.append((index, item, result))

    def finish(self) -> list[tuple]:
        """Insert the run: (index, item, result), result None when the item must go alone."""
        items, record_rows, rows = self.items, self.records, self.rows
        self.__init__(self.actor, self.strategy)
        if not items:
            return []
        return self.strategy.insert_run(self.actor, items, record_rows, rows)
