from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class UserSession(db.Model):
    """A login, kept on the server so it can be ended from anywhere.

    The cookie carries only the random token. Logging out, deactivation and a
    password change set ``ended_at``; every app process sees it on the next
    request because the check is a database read, not process memory.
    """

    __tablename__ = "user_sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the person last typed their password in this session (login or
    # re-authentication): coordinator changes to users need it to be recent.
    authenticated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    # How the person signed in: "password" or "sso" (the municipality's account).
    auth_method: Mapped[str] = mapped_column(String(10), default="password")

    user = relationship("User", lazy="joined")
