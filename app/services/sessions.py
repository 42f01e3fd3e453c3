"""Server-side sessions: start, load, end.

The cookie holds a random token; the row in ``user_sessions`` decides whether
it is still good. That makes logout, deactivation and password changes end a
session on every app process at once.

Every request checks its session in the database. Pages get the ORM ``User``
(``check_session``). A device's sync (push, pull) gets a ``Person`` instead
(``check_person``): the session row and its user read in one Core statement,
no ORM objects; the few push paths that need the ``User`` load it
(``user_of``). Both follow the same rules (``_verdict``) and act at the next
request.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from flask import current_app
from sqlalchemy import bindparam, select, update

from app.extensions import db
from app.models import User, UserSession
from app.models.base import utcnow
from app.services.transactions import read_apart, reading_only

TOUCH_EVERY = timedelta(minutes=1)
# A plain query, not Session.get: every request runs it, and it costs less.
_BY_TOKEN = select(UserSession).where(UserSession.token == bindparam("token"))
# Who works on the web pages (not a tablet's offline app): the safety representative
# reads HMS cases about colleagues there, so an unattended screen logs out too.
IDLE_LIMITED_ROLES = ("leader", "coordinator", "safety_rep")


@dataclass(frozen=True, slots=True)
class SessionRef:
    """The session a ``Person`` is logged in with."""

    token: str
    auth_method: str


@dataclass(frozen=True, slots=True)
class Person:
    """Who is logged in, as the sync API needs it (Flask-Login's user on those requests)."""

    id: int
    display_name: str
    role: str
    unit_id: int | None
    scope_version: int
    must_change_password: bool
    locale: str | None
    current_session: SessionRef
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return self.current_session.token


_SESSION, _USER = UserSession.__table__.c, User.__table__.c
_PERSON_BY_TOKEN = (
    select(
        _SESSION.created_at,
        _SESSION.last_seen_at,
        _SESSION.ended_at,
        _SESSION.auth_method,
        _USER.active,
        _USER.id,
        _USER.display_name,
        _USER.role,
        _USER.unit_id,
        _USER.scope_version,
        _USER.must_change_password,
        _USER.locale,
    )
    .join_from(UserSession.__table__, User.__table__, _SESSION.user_id == _USER.id)
    .where(_SESSION.token == bindparam("token"))
)


def start_session(user: User, remote_addr: str | None, method: str = "password") -> UserSession:
    """``method``: how the person proved who they are ("password" or "sso")."""
    user_session = UserSession(
        token=secrets.token_urlsafe(32), user=user, remote_addr=remote_addr, auth_method=method
    )
    db.session.add(user_session)
    db.session.flush()
    user.current_session = user_session
    return user_session


def check_session(token: str) -> User | None:
    """A page's session check: the ORM ``User`` (see ``_checked``)."""
    return _checked(load_session_user, token)


def check_person(token: str) -> Person | None:
    """A sync request's session check: a ``Person`` (see ``_checked``)."""
    return _checked(_load_person, token)


def user_of(actor: User | Person) -> User:
    """The ORM ``User`` behind a ``Person`` (a ``User`` as it is)."""
    return db.session.get(User, actor.id) if isinstance(actor, Person) else actor


def _checked(load, token: str):
    """Every request's session check: a read (on SQLite beside writers), a write only when it must.

    ``load`` gives who is logged in and the change the session needs (ended,
    or ``last_seen_at`` touched), or None. What it loaded stays loaded when the
    read ends; a change is made in a transaction of its own, as a writer (the
    read is done again there).
    """
    if not db.session().in_transaction():
        with reading_only():
            who, change = load(token)
        if change is None:
            read_apart()
            return who
        db.session.rollback()  # again, as a writer
    who, change = load(token)
    if change is not None:
        change()
        db.session.commit()
    return who


def load_session_user(token: str) -> tuple[User | None, Callable | None]:
    """The user behind a live session token (None if it has ended or expired), and the
    change its session needs (ended, or ``last_seen_at`` touched), for the caller to make.
    """
    user_session = db.session.scalars(_BY_TOKEN, {"token": token}).first() if token else None
    if user_session is None or user_session.ended_at is not None:
        return None, None
    user = user_session.user
    verdict, now = _verdict(user_session, user.active, user.role)
    if verdict == "end":
        return None, partial(setattr, user_session, "ended_at", now)
    user.current_session = user_session
    return user, partial(setattr, user_session, "last_seen_at", now) if verdict == "touch" else None


def _load_person(token: str) -> tuple[Person | None, Callable | None]:
    """``load_session_user`` as a ``Person``, in one Core statement (a change: a Core update)."""
    row = db.session.execute(_PERSON_BY_TOKEN, {"token": token}).first() if token else None
    if row is None or row.ended_at is not None:
        return None, None
    verdict, now = _verdict(row, row.active, row.role)
    if verdict == "end":
        return None, partial(_set_session, token, ended_at=now)
    person = Person(
        row.id,
        row.display_name,
        row.role,
        row.unit_id,
        row.scope_version,
        row.must_change_password,
        row.locale,
        SessionRef(token, row.auth_method),
    )
    return person, partial(_set_session, token, last_seen_at=now) if verdict == "touch" else None


def _set_session(token: str, **values) -> None:
    db.session.execute(update(UserSession).where(UserSession.token == token).values(**values))


def _verdict(user_session, active: bool, role: str) -> tuple[str, datetime]:
    """What a session needs: "end" (an inactive person, an expired session), "touch"
    (last seen over a minute ago) or "ok".
    """
    now = utcnow()
    if not active or _expired(user_session, role, now):
        return "end", now
    return ("touch" if now - user_session.last_seen_at > TOUCH_EVERY else "ok"), now


def _expired(user_session, role: str, now) -> bool:
    config = current_app.config
    if now - user_session.created_at > timedelta(hours=config["SESSION_ABSOLUTE_HOURS"]):
        return True
    idle = timedelta(minutes=config["SESSION_IDLE_MINUTES"])
    return role in IDLE_LIMITED_ROLES and now - user_session.last_seen_at > idle


def end_session(user_session: UserSession) -> None:
    user_session.ended_at = utcnow()


def is_recently_authenticated(user_session: UserSession, minutes: int) -> bool:
    authenticated_at = user_session.authenticated_at or user_session.created_at
    return utcnow() - authenticated_at <= timedelta(minutes=minutes)


def mark_authenticated(user_session: UserSession) -> None:
    """The person typed their password again (re-authentication)."""
    user_session.authenticated_at = utcnow()


def end_all_sessions(user: User) -> int:
    """End every live session of a person (log out everywhere, deactivation, new password)."""
    result = db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    return result.rowcount
