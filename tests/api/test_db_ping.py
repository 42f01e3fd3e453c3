"""A pooled connection that the database closed is replaced before a request uses it."""

import psycopg
import pytest

from app import db_ping
from app.extensions import db


@pytest.mark.postgres_only
def test_connections_the_server_closed_while_idle_are_replaced_unseen(app, api, monkeypatch):
    worker = api("ansatt")
    assert worker.get("/api/v1/session").status_code == 200  # the pool holds a connection now
    with app.app_context():
        url = db.engine.url.set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as other:
        ended = other.execute(  # what a database restart or a firewall does to idle connections
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    assert ended >= 1, "no pooled connection was there to close"
    monkeypatch.setattr(db_ping, "PING_AFTER_IDLE_SECONDS", 0.0)  # every one counts as idle now

    for _ in range(3):  # more requests than the pool had connections: each is checked
        response = worker.get("/api/v1/session")
        assert response.status_code == 200
        assert response.json["user"]["username"] == "ansatt"
