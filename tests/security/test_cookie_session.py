"""The session cookie is checked once per process (security/cookie_session.py), no less.

A cookie already seen is still refused when a character of it changes, when
it grows older than the session's lifetime, and when the key that signed it
is no longer the app's.
"""

import time
from datetime import timedelta

from flask import request

COOKIE = "steg_session"


def _session_works(client) -> bool:
    return client.get("/api/v1/session").status_code == 200


def _with_cookie(app, value: str):
    other = app.test_client()
    other.set_cookie(COOKIE, value)
    return other


def test_a_cookie_seen_before_with_one_character_changed_is_refused(app, login):
    worker = login("ansatt")
    assert _session_works(worker)
    value = worker.get_cookie(COOKIE).value
    assert _session_works(_with_cookie(app, value))  # the same text from another client works
    # A character of the signed text (the signature's last character would not do: two
    # of its bits are base64 padding, so some changes decode to the same signature).
    middle = len(value) // 2
    changed = value[:middle] + ("A" if value[middle] != "A" else "B") + value[middle + 1 :]
    assert not _session_works(_with_cookie(app, changed))
    assert not _session_works(_with_cookie(app, value[:-1]))


def test_a_cookie_seen_before_is_refused_once_older_than_the_lifetime(app, login, monkeypatch):
    worker = login("ansatt")
    assert _session_works(worker)  # seen and remembered
    monkeypatch.setitem(app.config, "PERMANENT_SESSION_LIFETIME", timedelta(seconds=1))
    time.sleep(2.1)  # whole seconds: the signature's time has no finer grain
    assert not _session_works(worker)


def test_a_cookie_signed_with_a_retired_key_is_refused_unless_kept_as_a_fallback(
    app, login, monkeypatch
):
    worker = login("ansatt")
    assert _session_works(worker)
    old_key = app.secret_key
    monkeypatch.setitem(app.config, "SECRET_KEY", "a new key that signs from now on")
    assert not _session_works(worker)
    monkeypatch.setitem(app.config, "SECRET_KEY_FALLBACKS", [old_key])
    assert _session_works(worker)


def test_two_requests_with_one_cookie_do_not_share_the_session(app, login):
    """What one request keeps in its session never reaches the next through the memory."""
    worker = login("ansatt")
    value = worker.get_cookie(COOKIE).value
    with app.test_request_context(headers={"Cookie": f"{COOKIE}={value}"}):
        first = app.session_interface.open_session(app, request)
        first["_user_id"] = "someone else"
        first.setdefault("kept", []).append("x")
    with app.test_request_context(headers={"Cookie": f"{COOKIE}={value}"}):
        second = app.session_interface.open_session(app, request)
    assert second["_user_id"] != "someone else"
    assert "kept" not in second
