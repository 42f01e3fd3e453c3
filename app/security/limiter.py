"""Login throttling: per account and per address, no lock-out.

Only failed logins count. Two limits apply to ``POST /login``:

- per address (``LOGIN_LIMIT_ADDRESS``): every failure from one address, whatever
  the username. Generous, because a whole office may share one public address.
- per account (``LOGIN_LIMIT_ACCOUNT``): failures for one username from anywhere.
  A device where this person has logged in before carries a signed "known
  device" cookie and is exempt from this limit, so an attacker who trips it
  from elsewhere cannot lock the person out of their own tablet.

Counts live in the database (every process shares them, and the limit is exact:
an attempt takes its slot before the password is checked and a success gives
it back), or in Redis when ``REDIS_URL`` is set; moving windows either way
(app/security/throttle_store.py). Only the login view asks: other requests pay
nothing. Each app gets its own store, so several apps in one process (the
tests) never share settings.
"""

import hashlib
import hmac

from flask import Flask, current_app, g, request
from itsdangerous import BadSignature, URLSafeSerializer
from limits import parse
from werkzeug.exceptions import TooManyRequests

from app.security.throttle_store import Check, Refusal, counts_for

KNOWN_DEVICE_COOKIE = "steg_known_device"
KNOWN_DEVICE_MAX = 20  # people remembered per shared tablet
KNOWN_DEVICE_SECONDS = 400 * 24 * 3600
EXTENSION_KEY = "steg_limiter"
RESERVATION_KEY = "steg_login_reservation"


class LoginThrottled(TooManyRequests):
    """429 with Retry-After; ``first_in_window``: audit it (once per key and window)."""

    def __init__(self, retry_after: int, first_in_window: bool):
        super().__init__(retry_after=retry_after)
        self.first_in_window = first_in_window


def init_limiter(app: Flask) -> None:
    if not app.config.get("LOGIN_THROTTLE"):
        app.extensions[EXTENSION_KEY] = None
        return
    uri = app.config["RATELIMIT_STORAGE_URI"]
    app.extensions[EXTENSION_KEY] = counts_for(uri)
    if uri.startswith("memory://") and app.config.get("ENV_NAME") == "production":
        app.logger.warning(
            "Login throttling counts in process memory: with more than one app process "
            "(gunicorn worker) the limits multiply. Leave RATELIMIT_STORAGE_URI unset."
        )


def _store():
    return current_app.extensions.get(EXTENSION_KEY)


def _normalise(username: str) -> str:
    return (username or "").strip().lower()


def _checks(username: str) -> list[Check]:
    config = current_app.config
    prefix = config["RATELIMIT_KEY_PREFIX"]
    address = ("login-address", prefix, request.remote_addr or "unknown")
    account = ("login-account", prefix, _normalise(username))
    return [
        Check(parse(config["LOGIN_LIMIT_ADDRESS"]), address),
        # A known device's failures still count for the account; they never block it.
        Check(parse(config["LOGIN_LIMIT_ACCOUNT"]), account, not is_known_device(username)),
    ]


def check_login_allowed(username: str) -> None:
    """Raise ``LoginThrottled`` if this attempt is over a limit; else hold its slot."""
    store = _store()
    if store is None:
        return
    answer = store.reserve(_checks(username))
    if isinstance(answer, Refusal):
        raise LoginThrottled(answer.retry_after, answer.first_in_window)
    setattr(g, RESERVATION_KEY, answer)


def record_login_failure() -> None:
    store = _store()
    if store is not None and RESERVATION_KEY in g:
        store.failed(g.pop(RESERVATION_KEY))


def record_login_success() -> None:
    store = _store()
    if store is not None and RESERVATION_KEY in g:
        store.succeeded(g.pop(RESERVATION_KEY))


# --- known devices -------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="steg-known-device")


def _tag(username: str) -> str:
    key = current_app.secret_key.encode()
    return hmac.new(key, _normalise(username).encode(), hashlib.sha256).hexdigest()[:24]


def _known_tags() -> list[str]:
    raw = request.cookies.get(KNOWN_DEVICE_COOKIE)
    if not raw:
        return []
    try:
        tags = _serializer().loads(raw)
    except BadSignature:
        return []
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def is_known_device(username: str) -> bool:
    return _tag(username) in _known_tags()


def remember_device(response, username: str):
    """After a successful login: this device may skip the per-account limit next time."""
    tag = _tag(username)
    tags = [tag] + [t for t in _known_tags() if t != tag]
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        _serializer().dumps(tags[:KNOWN_DEVICE_MAX]),
        max_age=KNOWN_DEVICE_SECONDS,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response
