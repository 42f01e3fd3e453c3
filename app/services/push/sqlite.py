"""SQLite: a run of new reports as one insert per table, in one savepoint.

Each table's rows go with the driver's executemany. If the run fails on a key
(a record or mutation someone stored), the savepoint rolls back and every item
of the run is applied on its own (one_by_one.py), as a race is.

A batch of new reports only is inserted before anything is looked up
(batch.py ``_insert_first``): the run then takes its change numbers itself,
with one statement that is also the transaction's first write (SQLite's
write lock, app/database.py).
"""

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import AppliedMutation, Deviation, Event, Idea
from app.services.change_seq import has_reservation, next_change_seq, reserve_change_seqs

NAME = "sqlite"
# A new report's category is looked up before the write lock (its id goes in the row).
CATEGORY_BY_CODE = False

# Records before the events and applied mutations that point at them.
INSERT_ORDER = (
    ("deviation", Deviation.__table__),
    ("idea", Idea.__table__),
    ("event", Event.__table__),
    ("applied", AppliedMutation.__table__),
)

# One compiled statement per table, its rows sent with the driver's executemany.
_MANY_ROWS = {key: insert(table) for key, table in INSERT_ORDER}


def insert_run(_actor, items: list, records: list, rows: dict) -> list[tuple]:
    """(index, item, result) per item; result None for each when the run did not go in."""
    if not has_reservation():
        reserve_change_seqs(len(records))  # the write lock (BEGIN IMMEDIATE) and the run's numbers
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
