"""The fast path of a push: a batch's new records inserted together.

A "plain create" is a new report whose mutation id and record id are neither
stored nor used earlier in the batch, with data that passed its checks and
pointing at no deviation. Its row, its "created" event, the applied-mutation
row and the answer (the record as the API shows it) are built before the
write lock (``build_new``). Under the lock a run of them gets change numbers
and goes in with one multi-row insert per table, in one savepoint. If that
fails (a racing request stored one of the keys first), the savepoint rolls
back and services/sync.py applies each item on its own, which answers a race
with ``duplicate``.
"""

from types import SimpleNamespace

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import AppliedMutation, Deviation, Event, Idea
from app.models.base import utcnow
from app.schemas.records import dump_record
from app.services import reports
from app.services.change_seq import next_change_seq

# Records before the events and applied mutations that point at them.
INSERT_ORDER = (
    ("deviation", Deviation.__table__),
    ("idea", Idea.__table__),
    ("event", Event.__table__),
    ("applied", AppliedMutation.__table__),
)

# RETURNING makes SQLAlchemy send a run as one multi-row INSERT ("insertmanyvalues")
# instead of one statement per row (psycopg's executemany): ~3x fewer round trips.
_MANY_ROWS = {key: insert(table).returning(*table.primary_key) for key, table in INSERT_ORDER}


def can_build(item) -> bool:
    mutation = item.mutation
    if mutation["op"] != "create" or item.error is not None:
        return False
    return not (mutation["type"] == "idea" and item.data.get("deviation_id"))


def build_new(actor, item):
    """The rows and the answer of a new report (DomainError: its category is not allowed)."""
    kind, now = item.mutation["type"], utcnow()
    values, category = reports.new_record_values(
        actor, kind, item.record_id, item.data, item.mutation["client_time"], now
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
        **values,
        reporter=actor,
        category=category,
        events=[SimpleNamespace(**event, actor=actor)],
        measures=[],
        closing_summary=None,
        decision_comment=None,
        responsible=None,
        due_date=None,
    )
    return values, event, {"status": "applied", "record": dump_record(shown, kind)}


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

    def __init__(self):
        self.items = []
        self.rows = {"deviation": [], "idea": [], "event": [], "applied": []}

    def add(self, actor, index, item, known: dict) -> None:
        kind = item.mutation["type"]
        known.pop(("mutation", item.mutation_id), None)  # later look-ups find this run's rows
        known.pop((kind, item.record_id), None)
        values, event, result = item.new
        self.rows[kind].append({**values, "change_seq": next_change_seq()})
        self.rows["event"].append(event)
        self.rows["applied"].append(
            {
                "mutation_id": item.mutation_id,
                "user_id": actor.id,
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
        items, rows = self.items, self.rows
        self.__init__()
        if not items:
            return []
        try:
            with db.session.begin_nested():
                for key, statement in _MANY_ROWS.items():
                    if rows[key]:
                        db.session.execute(statement, rows[key])
        except IntegrityError:
            return [(index, item, None) for index, item, _result in items]
        return items
