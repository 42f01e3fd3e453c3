"""API test helpers: a logged-in JSON client, mutation factories, PostgreSQL-only marks."""

import os

import pytest

from app.extensions import db
from app.models import Category, Unit, User
from app.services.demo import DEMO_PASSWORD, HOME_CARE
from app.services.users import create_user
from tests.conftest import log_in

ON_POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))


def pytest_collection_modifyitems(config, items):
    if ON_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set TEST_DATABASE_URL)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


class ApiClient:
    """A test client logged in as one person, sending the CSRF header on every POST."""

    def __init__(self, client):
        self.client = client
        self.csrf = client.get("/api/v1/session").json["csrf_token"]

    def get(self, path, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path, json=None, **kwargs):
        headers = {"X-CSRFToken": self.csrf, **kwargs.pop("headers", {})}
        return self.client.post(path, json=json, headers=headers, **kwargs)

    def push(self, *mutations, expect=200):
        response = self.post("/api/v1/sync/push", {"device_id": "dev-1", "mutations": mutations})
        assert response.status_code == expect, response.text
        return response.json

    def push_one(self, mutation):
        return self.push(mutation)["results"][0]

    def pull(self, cursor=None, limit=None, expect=200):
        params = {k: v for k, v in {"cursor": cursor, "limit": limit}.items() if v is not None}
        response = self.get("/api/v1/sync/pull", query_string=params)
        assert response.status_code == expect, response.text
        return response.json

    def pull_all(self, cursor=None, limit=200):
        changes, pages = [], 0
        while True:
            page = self.pull(cursor, limit)
            changes += page["changes"]
            cursor, pages = page["cursor"], pages + 1
            if not page["has_more"]:
                return changes, cursor, pages


@pytest.fixture
def api(app, demo):
    """api("ansatt") -> ApiClient logged in (through the login form) as that person."""

    def _api(username: str) -> ApiClient:
        client = app.test_client()
        assert log_in(client, username).status_code == 302, f"login as {username} failed"
        return ApiClient(client)

    return _api


@pytest.fixture
def second_worker(app, demo):
    """Another home-care worker: 'ansatt2' (Per Lie)."""
    with app.app_context():
        unit = db.session.scalar(db.select(Unit).where(Unit.name == HOME_CARE))
        user = create_user("ansatt2", DEMO_PASSWORD, "worker", unit, "Per Lie")
        db.session.commit()
        return user.id


@pytest.fixture
def retire_category(app, demo):
    def _retire(code, unit_name=HOME_CARE):
        with app.app_context():
            category = db.session.scalar(
                db.select(Category).join(Unit).where(Unit.name == unit_name, Category.code == code)
            )
            category.active = False
            db.session.commit()

    return _retire


@pytest.fixture
def move_user(app, demo):
    def _move(username, unit_name=None, role=None):
        with app.app_context():
            user = db.session.scalar(db.select(User).where(User.username == username))
            if unit_name:
                user.unit = db.session.scalar(db.select(Unit).where(Unit.name == unit_name))
            if role:
                user.role = role
            db.session.commit()

    return _move
