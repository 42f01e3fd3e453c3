"""Every state-changing route refuses a request without a valid CSRF token (from the URL map)."""

from tests.security.conftest import STATE_CHANGING, rule_url, rules, set_locale

CSRF_MESSAGE = "The form expired or came from elsewhere."


def _refused_for_csrf(response, path: str) -> bool:
    if response.status_code != 403:
        return False
    if path.startswith("/api/"):
        return response.get_json()["error"]["code"] == "csrf_failed"
    return CSRF_MESSAGE in response.text


def test_every_state_changing_route_refuses_a_missing_or_wrong_token(app, demo, login):
    set_locale(app, "koordinator", "en")
    coordinator = login("koordinator")
    state_changing = rules(app, STATE_CHANGING)
    assert any(rule.endpoint == "auth.logout" for rule, _ in state_changing)
    not_refused = []
    for rule, method in state_changing:
        path = rule_url(app, rule)
        without = coordinator.open(path, method=method, data={"x": "1"})
        wrong = coordinator.open(
            path,
            method=method,
            data={"csrf_token": "forged"},
            headers={"X-CSRFToken": "forged"},
        )
        for label, response in (("no token", without), ("wrong token", wrong)):
            if not _refused_for_csrf(response, path):
                not_refused.append(f"{method} {path} ({label}): {response.status_code}")
    assert not_refused == []
    # The session survived all that: the same client is still logged in.
    assert coordinator.get("/").status_code == 200


def test_anonymous_state_changes_are_refused_for_csrf_too(app, client):
    for rule, method in rules(app, STATE_CHANGING):
        path = rule_url(app, rule)
        response = client.open(path, method=method, data={"x": "1"})
        assert response.status_code == 403, f"{method} {path}: {response.status_code}"


def test_a_valid_token_is_accepted(app, login):
    """The check is not just refusing everything: logout with the token works."""
    worker = login("ansatt")
    response = worker.post("/logout", data={"csrf_token": worker.csrf})
    assert response.status_code == 302
