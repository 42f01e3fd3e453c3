"""Server-side sessions: start, load, end.

The cookie holds a random token; the row in ``user_sessions`` decides whether
it is still good. That makes logout, deactivation and password changes end a
session on every app process at once.
"""

import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import bindparam, select, update

from app.extensions import db
from app.models import User, UserSession
from app.models.base import utcnow

TOUCH_EVERY = timedelta(minutes=1)
# A plain query, not Session.get: every request runs it, and it costs less.
_BY_TOKEN = select(UserSession).where(UserSession.token == bindparam("token"))
# Who works on the web pages (not a tablet's offline app): the safety representative
# reads HMS cases about colleagues there, so an unattended screen logs out too.
IDLE_LIMITED_ROLES = ("leader", "coordinator", "safety_rep")


def start_session(user: User, remote_addr: str | None, method: str = "password") -> UserSession:
    """``method``: how the person proved who they are ("password" or "sso")."""
    user_session = UserSession(
        token=secrets.token_urlsafe(32), user=user, remote_addr=remote_addr, auth_method=method
    )
    db.session.add(user_session)
    db.session.flush()
    user.current_session = user_session
    return user_session


def load_session_user(token: str) -> User | None:
    """The user behind a live session token, or None if it has ended or expired.

    Marks an expired session ended and touches ``last_seen_at`` (at most once a
    minute); the caller commits.
    """
    user_session = db.session.scalars(_BY_TOKEN, {"token": token}).first() if token else None
    if user_session is None or user_session.ended_at is not None:
        return None
    user = user_session.user
    now = utcnow()
    if not user.active or _expired(user_session, user, now):
        user_session.ended_at = now
        return None
    if now - user_session.last_seen_at > TOUCH_EVERY:
        user_session.last_seen_at = now
    user.current_session = user_session
    return user


def _expired(user_session: UserSession, user: User, now) -> bool:
    config = current_app.config
    if now - user_session.created_at > timedelta(hours=config["SESSION_ABSOLUTE_HOURS"]):
        return True
    idle = timedelta(minutes=config["SESSION_IDLE_MINUTES"])
    return user.role in IDLE_LIMITED_ROLES and now - user_session.last_seen_at > idle


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
