"""Every route in the URL map, driven with hostile query strings, path values and bodies.

Whoever asks and whatever they send, the answer is never a 5xx: it is the
JSON envelope under /api/ and a page elsewhere, with the security headers.
The routes come from the app's URL map, so a new page is fuzzed without being
listed here. A fixed sweep sends each hostile value to every parameter the
pages read; hypothesis then mixes random text, bytes and numbers (bounded:
the whole module runs in well under a minute). The API's documented shapes
are fuzzed by schemathesis too (tests/api/test_openapi.py).
"""

import json
import re
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.demo import DEMO_PASSWORD
from tests.conftest import csrf_from, log_in
from tests.web.leader_support import make_deviation, make_idea

# Routes that end the fuzzing client's session; their own tests cover them.
SKIPPED = {"static", "auth.logout", "account.logout_everywhere"}
# Every query and form parameter a page or the API reads.
PARAMETERS = [
    "q",
    "type",
    "status",
    "category",
    "severity",
    "period",
    "action",
    "person",
    "day_from",
    "day_to",
    "page",
    "endpoint",  # url_for's own argument name: a page must not pass it on
    "unit",
    "next",
    "cursor",
    "limit",
    "lang",
    "username",
    "password",
    "display_name",
    "role",
    "name",
    "code",
    "label",
    "text",
    "responsible",
    "due_date",
    "comment",
    "closing_summary",
    "decision_comment",
    "title",
    "problem",
    "proposal",
    "benefit",
    "done",
    "active",
    "current_password",
    "new_password",
    "confirm_password",
    "responsible_id",
    "learning",
    "what_was_done",
    "pdsa_plan",
    "pdsa_do",
    "pdsa_study",
    "pdsa_act",
    "present_count",
    "idea",
    "version",
    "keys",
    "device_label",
    "email",
    "first",
    "last",
    "kind",
    "person_ref",
    "injury",
    "hms_arbeidstilsynet",
    "hms_police",
    "hms_safety_rep",
    "hms_follow_up",
]
HOSTILE = [
    "\x00",
    "a\x00b",
    "\x07\x1b[2J",
    "\r\n\t",
    "²",
    "٣",  # an Arabic-Indic digit: a digit to str.isdigit, not to a database
    "1" * 40,
    str(2**63),
    "-1",
    "0",
    "Infinity",
    "NaN",
    "1e400",
    "0001-01-01",
    "9999-12-31",
    "0000-00-00",
    "2026-02-30",
    "%",
    "'; DROP TABLE users; --",
    "<script>alert(1)</script>",
    "\u202e\u200b\ufeff",
    "x" * 5000,
]
RAW_QUERY_BYTES = ["%00", "%ED%A0%80", "%FF%FE", "%C0%80", "a%F0%9F"]
HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Cache-Control")


@pytest.fixture
def clients(app, login):
    """A coordinator, a leader, a worker, a safety rep and no one, each with their CSRF token."""
    people = {name: login(name) for name in ("koordinator", "leder", "ansatt", "verneombud")}
    anonymous = app.test_client()
    anonymous.csrf = csrf_from(anonymous.get("/login").text)
    return {**people, "anonymous": anonymous}


@pytest.fixture
def records(app, clients):
    """Real ids, so hostile bodies reach the forms of real records too."""
    # An HMS deviation: the safety representative's pages and the leader's checklist read it.
    return {"idea": make_idea(app), "deviation": make_deviation(app, category="violence")}


def routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in SKIPPED:
            yield rule


def path_for(rule, value: str) -> str:
    """The rule's URL with every variable part replaced by ``value`` (percent-encoded)."""
    quoted = urllib.parse.quote(value, safe="")
    return re.sub(r"<[^>]+>", quoted, rule.rule)


def check(response, path: str) -> None:
    assert response.status_code < 500, (path, response.status_code, response.text[:300])
    for header in HEADERS:
        assert header in response.headers, (path, header)
    if path.startswith("/api/") and response.status_code >= 400:
        body = response.get_json(silent=True)
        assert body, (path, response.text[:300])
        assert {"code", "message"} <= set(body["error"]), (path, body)


def send(client, rule, path: str, value: str, query: str | None = None):
    query = query if query is not None else urllib.parse.urlencode(dict.fromkeys(PARAMETERS, value))
    url = f"{path}?{query}"
    if "POST" not in rule.methods:
        return client.get(url)
    if path.startswith("/api/"):
        body = json.dumps(dict.fromkeys(PARAMETERS, value))
        headers = {"X-CSRFToken": client.csrf, "Content-Type": "application/json"}
        return client.post(url, data=body, headers=headers)
    form = {**dict.fromkeys(PARAMETERS, value), "csrf_token": client.csrf}
    return client.post(url, data=form)


def test_every_route_survives_hostile_values_from_everyone(app, clients, records):
    """Each route × each hostile value, in the path too, asked by each person in turn."""
    people = list(clients.values())
    for rule in routes(app):
        path_values = _real_ids(rule, records)
        for turn, value in enumerate(HOSTILE):
            for shift, path_value in enumerate([value, *path_values]):
                client = people[(turn + shift) % len(people)]
                path = path_for(rule, path_value)
                check(send(client, rule, path, value), path)


def _real_ids(rule, records) -> list[str]:
    """The real records' ids a rule's path may hold, so that hostile bodies reach their
    forms: the idea's on a route about ideas, the deviation's on one about deviations
    (elsewhere a record id only meets the router's "not found", as the hostile values do)."""
    if "<" not in rule.rule:
        return []
    return [records[kind] for kind in ("idea", "deviation") if kind in rule.rule]


def test_every_route_survives_undecodable_query_bytes(app, clients):
    """Each person sends each byte sequence in one query, and each parameter gets each
    sequence from someone (person n's parameter i holds sequence i + n)."""
    for rule in routes(app):
        path = path_for(rule, "1")
        for shift, client in enumerate(clients.values()):
            raws = [
                RAW_QUERY_BYTES[(i + shift) % len(RAW_QUERY_BYTES)] for i in range(len(PARAMETERS))
            ]
            query = "&".join(f"{name}={raw}" for name, raw in zip(PARAMETERS, raws, strict=True))
            check(send(client, rule, path, raws[0], query=query), path)


def test_login_with_hostile_text_is_a_form_error_not_a_crash(app, demo):
    for value in HOSTILE[:4]:
        client = app.test_client()
        csrf = csrf_from(client.get("/login").text)
        response = client.post(
            "/login", data={"username": f"ansatt{value}", "password": value, "csrf_token": csrf}
        )
        check(response, "/login")
    assert log_in(app.test_client(), "ansatt", DEMO_PASSWORD).status_code == 302


hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Nd", "No", "Zs", "L", "P"]),
    max_size=30,
) | st.sampled_from(HOSTILE)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_hostile_requests_never_fail_on_the_server(app, clients, records, data):
    rule = data.draw(st.sampled_from(sorted(routes(app), key=lambda r: r.rule)), label="rule")
    client = clients[data.draw(st.sampled_from(sorted(clients)), label="who")]
    path_value = data.draw(hostile_text | st.sampled_from(sorted(records.values())), label="id")
    query = data.draw(
        st.dictionaries(st.sampled_from(PARAMETERS) | hostile_text, hostile_text, max_size=5)
    )
    value = data.draw(hostile_text, label="body value")
    path = path_for(rule, path_value)
    check(send(client, rule, path, value, query=urllib.parse.urlencode(query)), path)
