"""Who may call what: every /api/ rule × every kind of person × own, same-unit, other-unit.

The cases are generated from the app's URL map: an API endpoint that is not
in EXPECTED fails ``test_every_api_rule_is_in_the_matrix``.
"""

import uuid

import pytest

from app import create_app
from tests.api.conftest import ApiClient
from tests.api.helpers import deviation_create, idea_create, update
from tests.conftest import csrf_from, log_in
from tests.notify.push_endpoint import Browser

PERSONAS = {
    "worker": "ansatt",
    "leader": "leder",
    "coordinator": "koordinator",
    "other_leader": "nav-leder",
    "safety_rep": "verneombud",
    "anonymous": None,
}
# Who reported the record that is "own", "same_unit" or "other_unit" for each persona.
AUTHORS = {
    "worker": {"own": "ansatt", "same_unit": "ansatt2", "other_unit": "nav-ansatt"},
    "leader": {"own": "leder", "same_unit": "ansatt", "other_unit": "nav-ansatt"},
    "coordinator": {"same_unit": "ansatt", "other_unit": "nav-ansatt"},
    "other_leader": {"own": "nav-leder", "same_unit": "nav-ansatt", "other_unit": "ansatt"},
    "safety_rep": {"same_unit": "ansatt", "other_unit": "nav-ansatt"},
    "anonymous": {"own": "ansatt", "same_unit": "ansatt2", "other_unit": "nav-ansatt"},
}
CATEGORY = {"ansatt": "fall", "ansatt2": "fall", "leder": "fall"}  # else the NAV list
# Endpoints that act on an HMS deviation (both units have "violence").
HMS_ENDPOINTS = {"api.deviation_hms_checklist"}
# The safety representative does not use the tablet app's sync (services/access.py REPORTERS).
NOT_REPORTERS = {"safety_rep"}


def _leader_action(persona, relation):
    if persona == "anonymous":
        return 401
    if persona == "coordinator":
        return "ok"
    if relation == "other_unit":
        return 404
    return "ok" if persona in ("leader", "other_leader") else 403


def _push(persona, relation):
    if persona == "anonymous":
        return 401
    if persona in NOT_REPORTERS:
        return 403
    return "applied" if relation == "own" else "rejected:forbidden"


def _pull(persona, relation):
    if persona == "anonymous":
        return 401
    if persona in NOT_REPORTERS:
        return 403
    visible = {  # an idea: a worker sees the unit's board (tests/api/test_board.py: deviations)
        "worker": ("own", "same_unit"),
        "leader": ("own", "same_unit"),
        "other_leader": ("own", "same_unit"),
        "coordinator": ("same_unit", "other_unit"),
    }[persona]
    return "visible" if relation in visible else "hidden"


def _public(persona, relation):
    return "ok"


def _session(persona, relation):
    return 401 if persona == "anonymous" else "ok"


EXPECTED = {
    "api.session": ("none", _session),
    "api.push": ("idea", _push),
    "api.pull": ("idea", _pull),
    "api.idea_status": ("idea", _leader_action),
    "api.deviation_status": ("deviation", _leader_action),
    "api.deviation_measures": ("deviation", _leader_action),
    "api.deviation_hms_checklist": ("deviation", _leader_action),
    "api_meta.openapi_json": ("none", _public),
    # Push subscriptions (issue 13): anyone logged in, for their own browser only.
    "api.push_key": ("none", _session),
    "api.push_subscribe": ("none", _session),
    "api.push_unsubscribe": ("none", _session),
}


def _api_endpoints():
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return sorted({r.endpoint for r in app.url_map.iter_rules() if r.rule.startswith("/api/")})


API_ENDPOINTS = _api_endpoints()


def _cases():
    for endpoint in API_ENDPOINTS:
        kind = EXPECTED.get(endpoint, ("none",))[0]
        for persona in PERSONAS:
            relations = ["none"] if kind == "none" else list(AUTHORS[persona])
            for relation in relations:
                yield pytest.param(
                    endpoint, persona, relation, id=f"{endpoint}-{persona}-{relation}"
                )


def test_every_api_rule_is_in_the_matrix():
    missing = [e for e in API_ENDPOINTS if e not in EXPECTED]
    assert not missing, f"API endpoints without an access expectation: {missing}"


def _client(app, persona):
    username = PERSONAS[persona]
    client = app.test_client()
    if username is None:
        client.csrf = csrf_from(client.get("/login").text)  # past CSRF, to meet the 401
        api = ApiClient.__new__(ApiClient)
        api.client, api.csrf = client, client.csrf
        return api
    assert log_in(client, username).status_code == 302
    return ApiClient(client)


def _make_record(api, kind, author, endpoint=""):
    reporter = api(author)
    category = "violence" if endpoint in HMS_ENDPOINTS else CATEGORY.get(author, "housing")
    sent = deviation_create(category=category) if kind == "deviation" else idea_create()
    return reporter.push_one(sent)["record"]


def _call(endpoint, client, record):
    rid = record["id"] if record else None
    if endpoint == "api.session":
        return client.get("/api/v1/session")
    if endpoint == "api_meta.openapi_json":
        return client.get("/api/v1/openapi.json")
    if endpoint == "api.pull":
        return client.get("/api/v1/sync/pull")
    if endpoint == "api.push":
        body = {"mutations": [update("idea", rid, 1, proposal="Endret.")]}
        return client.post("/api/v1/sync/push", body)
    if endpoint.startswith("api.push_"):
        return _call_push(endpoint, client)
    if endpoint == "api.idea_status":
        return client.post(f"/api/v1/ideas/{rid}/status", {"status": "under_review"})
    if endpoint == "api.deviation_status":
        return client.post(f"/api/v1/deviations/{rid}/status", {"status": "in_progress"})
    if endpoint == "api.deviation_hms_checklist":
        return client.post(f"/api/v1/deviations/{rid}/hms-checklist", {"police": "yes"})
    return client.post(f"/api/v1/deviations/{rid}/measures", {"text": "Sjekk utstyret"})


def _call_push(endpoint, client):
    if endpoint == "api.push_key":
        return client.get("/api/v1/push/key")
    browser, url = Browser(), f"https://push.example/{uuid.uuid4()}"
    if endpoint == "api.push_unsubscribe":
        return client.post("/api/v1/push/subscriptions/delete", {"endpoint": url})
    keys = {"p256dh": browser.p256dh, "auth": browser.auth}
    return client.post("/api/v1/push/subscriptions", {"endpoint": url, "keys": keys})


def _outcome(endpoint, response, record):
    if response.status_code >= 400:
        return response.status_code
    body = response.json
    if endpoint == "api.push":
        result = body["results"][0]
        return result["status"] + (f":{result['error']['code']}" if "error" in result else "")
    if endpoint == "api.pull":
        return "visible" if record["id"] in {c["id"] for c in body["changes"]} else "hidden"
    return "ok"


@pytest.mark.parametrize(("endpoint", "persona", "relation"), list(_cases()))
def test_access(app, api, second_worker, endpoint, persona, relation):
    kind, expect = EXPECTED[endpoint]
    author = AUTHORS[persona][relation] if kind != "none" else None
    record = None if kind == "none" else _make_record(api, kind, author, endpoint)
    response = _call(endpoint, _client(app, persona), record)
    assert _outcome(endpoint, response, record) == expect(persona, relation), response.text
    if response.status_code >= 400:
        assert "error" in response.json  # the envelope, never a page
