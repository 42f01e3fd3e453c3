"""Push: apply a batch of device mutations, each on its own (pull: services/pull.py).

- contract.py: the rules: outcomes, idempotency (mutation id + content hash),
  conflicts. It decides; the modules below write.
- batch.py: a batch in order: checked before the write lock, applied under it.
- one_by_one.py: the ORM strategy, one mutation per savepoint (any database).
- new_rows.py: a run of new reports built as rows, inserted together by the
  database's strategy: sqlite.py (one insert per table) or postgres.py (one
  statement). The strategy is chosen once, when the app starts (``init_app``).

``push`` is the one place a push batch is committed.
"""

from flask import Flask, current_app
from sqlalchemy.engine import make_url

from app.extensions import db
from app.services import notifications
from app.services.push import postgres, sqlite
from app.services.push.batch import push_mutations as _push_mutations
from app.services.push.contract import content_hash
from app.services.push.one_by_one import apply_mutation

__all__ = ["apply_mutation", "content_hash", "init_app", "push", "push_mutations"]

STRATEGIES = {postgres.NAME: postgres, sqlite.NAME: sqlite}
_EXTENSION = "steg_push_strategy"


def init_app(app: Flask) -> None:
    """Choose the new-report strategy for the app's database, once."""
    backend = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name()
    app.extensions[_EXTENSION] = STRATEGIES.get(backend, sqlite)


def push(actor, mutations: list) -> list[dict]:
    """Apply a device's batch and commit it: one result per mutation, in order."""
    results = push_mutations(actor, mutations)
    db.session.commit()
    notifications.after_push(actor, results)  # after the commit: never delays or loses a record
    return results


def push_mutations(actor, mutations: list) -> list[dict]:
    """The batch applied in the session's transaction, not committed (``push`` commits)."""
    return _push_mutations(actor, mutations, current_app.extensions[_EXTENSION])
