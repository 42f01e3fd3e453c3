"""The fast path of a push: a batch's new records inserted together.

A "plain create" is a new report whose mutation id and record id are neither
stored nor used earlier in the batch, with data that passed its checks and
pointing at no deviation. Its row, its "created" event, the applied-mutation
row and the answer (the record as the API shows it) are built before the
write lock (``build_new``). Under the lock a run of them gets change numbers
and goes in together. On SQLite that is one insert per table (the driver's
executemany) in one savepoint: if it fails (a stored key), it rolls back and
services/sync.py applies each item on its own. On PostgreSQL it is one
statement that skips taken keys (services/push_pg.py, no savepoint): only the
skipped items go on their own, which answers a replay or a race with
``duplicate``. A batch of new reports only is even inserted before anything is
looked up (``inserts_first``), and that statement takes its change numbers itself.
"""

from types import SimpleNamespace

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import AppliedMutation, Deviation, Event, Idea
from app.models.base import utcnow
from app.schemas.records import dump_record
from app.services import push_pg, reports
from app.services.change_seq import next_change_seq

# Records before the events and applied mutations that point at them.
INSERT_ORDER = (
    ("deviation", Deviation.__table__),
    ("idea", Idea.__table__),
    ("event", Event.__table__),
    ("applied", AppliedMutation.__table__),
)

# SQLite: one compiled statement per table, its rows sent with the driver's executemany.
_MANY_ROWS = {key: insert(table) for key, table in INSERT_ORDER}


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
        responsible_id=None,
        due_date=None,
        status_changed_at=None,
        pdsa_plan=None,
        pdsa_do=None,
        pdsa_study=None,
        pdsa_act=None,
        learning=None,
        supporter_ids=[],
    )
    return values, event, {"status": "applied", "record": dump_record(shown, kind)}


def inserts_first(items: list) -> bool:
    """PostgreSQL and only new reports, each id once: insert without looking up first."""
    if db.session.get_bind().dialect.name != "postgresql":
        return False
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

    def __init__(self, actor):
        self.actor = actor
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
        items, records, rows = self.items, self.records, self.rows
        self.__init__(self.actor)
        if not items:
            return []
        if db.session.get_bind().dialect.name == "postgresql":
            return _insert_skipping_taken(self.actor, items, records, rows["applied"])
        for record in records:
            record["change_seq"] = next_change_seq()
        try:
            with db.session.begin_nested():
                for key, statement in _MANY_ROWS.items():
                    if rows[key]:
                        db.session.execute(statement, rows[key])
        except IntegrityError:
            return [(index, item, None) for index, item, _result in items]
        return items


def _insert_skipping_taken(actor, items: list, records: list, applied: list) -> list[tuple]:
    """PostgreSQL: insert what no one else stored, in one statement (services/push_pg.py)."""
    done = push_pg.insert_new(actor, records, applied)
    return [(i, item, result if item.mutation_id in done else None) for i, item, result in items]
