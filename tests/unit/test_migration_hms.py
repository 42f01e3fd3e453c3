"""The migration to the safety representative role and HMS categories keeps existing data."""

import pytest
from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app import ROOT, create_app
from app.extensions import db

MIGRATIONS = str(ROOT / "migrations")


def test_existing_units_get_violence_and_staff_injury_marked_hms(empty_database_url):
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(directory=MIGRATIONS, revision="c1785a338719")
        with db.engine.begin() as conn:
            unit = "INSERT INTO units (id, name, created_at) VALUES (1, 'U', '2026-01-01')"
            conn.execute(text(unit))
            for code in ("violence", "staff_injury", "fall"):
                conn.execute(
                    text(
                        "INSERT INTO categories (unit_id, code, label_nb, label_en, active)"
                        " VALUES (1, :code, :code, :code, :yes)"
                    ),
                    {"code": code, "yes": True},
                )
        upgrade(directory=MIGRATIONS)
        with db.engine.begin() as conn:
            rows = conn.execute(text("SELECT code, hms FROM categories ORDER BY code")).all()
            conn.execute(
                text(
                    "INSERT INTO users (username, display_name, role, unit_id, active,"
                    " password_hash, must_change_password, scope_version, role_from_groups,"
                    " created_at) VALUES ('vo', 'Vo', 'safety_rep', 1, :yes, '!', :no, 0, :no,"
                    " '2026-01-01')"
                ),
                {"yes": True, "no": False},
            )
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(text("UPDATE users SET role = 'boss' WHERE username = 'vo'"))
        db.engine.dispose()
    assert [(code, bool(hms)) for code, hms in rows] == [
        ("fall", False),
        ("staff_injury", True),
        ("violence", True),
    ]
