"""PostgreSQL sessions run in UTC whatever the server's own zone, and times read back are UTC.

app/database.py asks for it when it connects: psycopg then hands timestamps
back in ``datetime.UTC`` itself, and the app reads them without converting.
"""

from datetime import UTC

import pytest
from sqlalchemy import select, text

from app.extensions import db
from app.models import Deviation
from tests.api.helpers import deviation_create


@pytest.fixture
def server_zone_oslo(app):
    """The database's default zone set to Europe/Oslo for new connections, reset after."""
    with app.app_context():
        name = db.session.scalar(text("SELECT current_database()"))
        db.session.commit()
        with db.engine.connect() as connection:
            connection.execute(text(f"ALTER DATABASE \"{name}\" SET TimeZone = 'Europe/Oslo'"))
            connection.commit()
        db.engine.dispose()
    yield
    with app.app_context():
        with db.engine.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" RESET TimeZone'))
            connection.commit()
        db.engine.dispose()


@pytest.mark.postgres_only
def test_times_are_read_in_utc_when_the_server_keeps_another_zone(app, api, server_zone_oslo):
    sent = deviation_create()
    pushed = api("ansatt").push_one(sent)["record"]
    with app.app_context():
        assert db.session.scalar(text("SHOW TimeZone")) == "UTC"
        occurred = db.session.scalar(
            select(Deviation.occurred_at).where(Deviation.id == sent["record_id"])
        )
    assert occurred.tzinfo is UTC
    assert occurred.isoformat() == "2026-11-27T12:50:00+00:00"  # 13:50 in Oslo, sent at +01:00
    assert pushed["occurred_at"] == "2026-11-27T12:50:00+00:00"
