"""Stored XSS and SQL-looking text: shown as text on every page, verbatim in the API,
and the CSP would block an inline script anyway."""

import json

import pytest

from app.extensions import db
from app.models import Deviation, Idea
from app.security.headers import CONTENT_SECURITY_POLICY
from tests.security.conftest import make_records, rule_url, rules, user

XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)><svg onload=alert(3)>'
SQL = "'; DROP TABLE deviations; --"
TEXTS = {"text": f"{XSS} {SQL} javascript:alert(4)", "short": f"{XSS}{SQL}"[:110]}
RAW_MARKERS = ("<script>alert(1)", "<img src=x onerror", "<svg onload")
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _ids(app, ids: dict) -> dict:
    with app.app_context():
        person = user("ansatt")
        return {
            **ids,
            "record_id": ids["deviation_id"],
            "user_id": person.id,
            "unit_id": person.unit_id,
            "category_id": person.unit.categories[0].id,
            "lang": "nb",
        }


def _id_for(rule, values: dict) -> dict:
    """Ideas' routes get the idea's id where the argument is generic."""
    if "idea" in rule.endpoint and "record_id" in rule.arguments:
        return {**values, "record_id": values["idea_id"]}
    return values


@pytest.fixture
def stored(app, demo):
    return _ids(app, make_records(app, TEXTS))


@pytest.mark.parametrize("username", ["ansatt", "leder", "koordinator"])
def test_every_page_shows_stored_markup_as_text(app, login, stored, username):
    client = login(username)
    shown_on = []
    for rule, _method in rules(app, {"GET"}):
        if rule.endpoint == "static":
            continue
        response = client.get(rule_url(app, rule, _id_for(rule, stored)))
        body = response.get_data(as_text=True)
        if response.mimetype == "text/html":
            for marker in RAW_MARKERS:
                assert marker not in body, f"{rule.rule} shows raw markup to {username}"
            if ESCAPED in body:
                shown_on.append(rule.endpoint)
    if username in ("leder", "koordinator"):
        assert {"leader.deviation", "leader.idea"} <= set(shown_on), shown_on


def test_api_returns_stored_text_verbatim(app, login, stored):
    leader = login("leder")
    pull = leader.get("/api/v1/sync/pull")
    assert pull.status_code == 200
    assert pull.mimetype == "application/json"
    records = {c["id"]: c["record"] for c in pull.get_json()["changes"]}
    deviation = records[stored["deviation_id"]]
    assert deviation["description"] == TEXTS["text"]
    assert deviation["closing_summary"] == TEXTS["text"]
    assert deviation["measures"][0]["text"] == TEXTS["text"]
    idea = records[stored["idea_id"]]
    assert idea["problem"] == TEXTS["text"]
    assert idea["decision_comment"] == TEXTS["text"]
    # JSON, never HTML: the raw markup is only inside JSON strings.
    assert json.loads(pull.get_data(as_text=True))


def test_sql_looking_text_is_stored_and_shown_verbatim(app, login, stored):
    with app.app_context():
        deviation = db.session.get(Deviation, stored["deviation_id"])
        idea = db.session.get(Idea, stored["idea_id"])
        assert deviation.description == TEXTS["text"]
        assert idea.title == TEXTS["short"]
        assert db.session.scalar(db.select(db.func.count()).select_from(Deviation)) == 2
    page = login("leder").get(f"/leader/deviations/{stored['deviation_id']}")
    assert "&#39;; DROP TABLE deviations; --" in page.text


def test_csp_would_block_an_injected_inline_script():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert directives["object-src"] == "'none'"


@pytest.mark.e2e
def test_browser_shows_the_markup_as_text_and_runs_nothing(app, stored, page):
    from app.services.demo import DEMO_PASSWORD

    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/login")
    page.locator("#username").fill("leder")
    page.locator("#password").fill(DEMO_PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url("**/")
    for path in (
        f"/leader/deviations/{stored['deviation_id']}",
        f"/leader/ideas/{stored['idea_id']}",
    ):
        page.goto(path)
        assert page.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
        assert page.locator("main script, main img[onerror], main svg[onload]").count() == 0
    assert dialogs == []


@pytest.mark.e2e
def test_worker_app_shows_the_markup_as_text_and_runs_nothing(app, stored, page):
    from app.services.demo import DEMO_PASSWORD

    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/login?next=/app")
    page.locator("#username").fill("ansatt")
    page.locator("#password").fill(DEMO_PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url("**/app**")
    page.evaluate("location.hash = '#mine'")
    page.get_by_text("<script>alert(1)</script>", exact=False).first.wait_for()
    injected = page.evaluate(
        """() => document.querySelectorAll(
             'img[src="x"], img[onerror], svg[onload], body script:not([src])').length"""
    )
    assert injected == 0
    assert dialogs == []
