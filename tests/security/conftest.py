"""Helpers for the security tests: URLs from the URL map, records, extra apps, HTTP."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import UTC, datetime

import pytest
from werkzeug.routing import IntegerConverter, PathConverter

from app import create_app
from app.extensions import db
from app.models import User
from app.services import deviations, ideas, records

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
SAMPLE_UUID = "00000000-0000-4000-8000-000000000000"
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def sample_value(rule, name: str, ids: dict | None = None):
    """A value for a URL argument: a real record id where one is known, else a dummy."""
    ids = ids or {}
    converter = rule._converters[name]
    if isinstance(converter, IntegerConverter):
        return ids.get(name, 1)
    if isinstance(converter, PathConverter):
        return ids.get(name, "x")
    return ids.get(name, SAMPLE_UUID)


def rule_url(app, rule, ids: dict | None = None) -> str:
    values = {name: sample_value(rule, name, ids) for name in rule.arguments}
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        return adapter.build(rule.endpoint, values, method=None, force_external=False)


def rules(app, methods: set[str] | None = None):
    """(rule, method) for every route in the URL map, sorted for stable test ids."""
    out = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if methods is None or method in methods:
                out.append((rule, method))
    return out


def user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def set_locale(app, username: str, locale: str) -> None:
    with app.app_context():
        user(username).locale = locale
        db.session.commit()


# --- records -------------------------------------------------------------------


def make_records(app, texts: dict) -> dict:
    """A deviation (with a measure, closed) and an idea (rejected) whose every free-text
    field holds the given text; plus a new deviation and idea as reported. Returns ids."""
    with app.app_context():
        worker, leader = user("ansatt"), user("leder")
        now = datetime.now(UTC)
        open_dev = records.create_deviation(worker, str(uuid.uuid4()), _dev_data(texts), now)
        closed = records.create_deviation(worker, str(uuid.uuid4()), _dev_data(texts), now)
        measure = deviations.add_measure(closed, leader, texts["text"], texts["short"])
        deviations.change_deviation_status(closed, leader, "in_progress", comment=texts["text"])
        deviations.change_deviation_status(
            closed, leader, "closed", comment=texts["text"], closing_summary=texts["text"]
        )
        idea = records.create_idea(worker, str(uuid.uuid4()), _idea_data(texts), now)
        new_idea = records.create_idea(worker, str(uuid.uuid4()), _idea_data(texts), now)
        ideas.decide_idea(idea, leader, "rejected", comment=texts["text"])
        db.session.commit()
        return {
            "deviation_id": closed.id,
            "open_deviation_id": open_dev.id,
            "measure_id": measure.id,
            "idea_id": idea.id,
            "new_idea_id": new_idea.id,
        }


def _dev_data(texts):
    return {
        "category": "fall",
        "severity": "moderate",
        "occurred_at": datetime.now(UTC),
        "location": texts["short"],
        "description": texts["text"],
        "immediate_action": texts["text"],
    }


def _idea_data(texts):
    return {
        "title": texts["short"],
        "problem": texts["text"],
        "proposal": texts["text"],
        "benefit": texts["text"],
    }


# --- extra apps and real HTTP ----------------------------------------------------


@pytest.fixture
def make_app(database_url):
    """create_app("testing") with overrides, on the shared test database; disposed after."""
    apps = []

    def _make(**overrides):
        application = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url, **overrides})
        apps.append(application)
        return application

    yield _make
    for application in apps:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


class Browser:
    """A cookie-keeping HTTP client on the standard library, for real servers."""

    def __init__(
        self, base_url: str, forwarded_for: str | None = None, headers: dict | None = None
    ):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.forwarded_for = forwarded_for
        self.headers = headers or {}
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, base_url: str | None = None):
        url = (base_url or self.base_url) + path
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body)
        if self.forwarded_for:
            req.add_header("X-Forwarded-For", self.forwarded_for)
        for name, value in self.headers.items():
            req.add_header(name, value)
        try:
            with self.opener.open(req, timeout=15) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def csrf(self, path: str = "/login", base_url: str | None = None) -> str:
        _, _, text = self.request(path, base_url=base_url)
        match = CSRF_FIELD.search(text)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def log_in(self, username: str, password: str, base_url: str | None = None) -> int:
        token = self.csrf(base_url=base_url)
        status, _, _ = self.request(
            "/login",
            {"username": username, "password": password, "csrf_token": token},
            base_url=base_url,
        )
        return status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
