"""Flask's signed cookie session, with each cookie's signature checked once per process.

Flask builds a serializer, checks the cookie's signature and decodes its
tagged JSON on every request: about 80 µs, a sync's most repeated fixed cost
after the database. What comes out is a function of the keys and the cookie
text alone, so it is remembered (a bounded LRU, per process: nothing shared,
nothing that outlives a restart) and every request gets its own copy. The age
limit is not part of that: it is checked on every request against the time in
the signature, as itsdangerous does. A cookie that fails is never remembered,
so it is checked again each time, and a changed key checks everything anew.

The session cookie only says who the browser claims to be; whether that
session still stands is the database's answer on every request
(services/sessions.py), so logout and deactivation act as before.
"""

import copy
import functools
import time

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

REMEMBERED = 4096  # cookies per process (a few hundred bytes each)
_PLAIN = (str, int, float, bool, type(None))


class CheckedOnceSessionInterface(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request):
        text = request.cookies.get(self.get_cookie_name(app))
        if not text or not app.secret_key:
            return super().open_session(app, request)
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)
        try:
            data, signed_at = self._checked(app, keys, text)
        except BadSignature:
            return self.session_class()
        age = int(time.time()) - signed_at
        if not 0 <= age <= int(app.permanent_session_lifetime.total_seconds()):
            return self.session_class()  # as itsdangerous's SignatureExpired would
        return self.session_class({key: _copy(value) for key, value in data.items()})

    @functools.lru_cache(maxsize=REMEMBERED)  # noqa: B019  (one interface per app, for its life)
    def _checked(self, app: Flask, keys: tuple, text: str) -> tuple[dict, int]:
        """The cookie's data and the time it was signed (``keys``: part of what is remembered)."""
        data, signed_at = self.get_signing_serializer(app).loads(text, return_timestamp=True)
        return data, int(signed_at.timestamp())


def _copy(value):
    return value if type(value) in _PLAIN else copy.deepcopy(value)


def init_cookie_session(app: Flask) -> None:
    app.session_interface = CheckedOnceSessionInterface()
