from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

# ``safety_rep`` (verneombud) belongs to a unit and reads only its HMS deviations
# (services/access.py).
ROLES = ("worker", "leader", "coordinator", "safety_rep")
LOCALES = ("nb", "en")
# A password hash no password matches (the hash formats never start with "!").
NO_PASSWORD = "!"


class User(UserMixin, db.Model):
    """A person who logs in. Everyone but a coordinator belongs to exactly one unit."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN {ROLES!r}", name="valid_role"),
        CheckConstraint("role = 'coordinator' OR unit_id IS NOT NULL", name="unit_for_role"),
        CheckConstraint(f"locale IS NULL OR locale IN {LOCALES!r}", name="valid_locale"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    locale: Mapped[str | None] = mapped_column(String(5))
    # Raised on every change of role or unit: a device's pull cursor from before
    # is answered 410, so what the person may no longer see leaves the device.
    scope_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The municipality's account (OpenID Connect): the provider's stable subject
    # (``sub`` or Entra's ``oid``), never the e-mail address. See app/services/sso.py.
    sso_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    # True: role and unit follow the coordinator's group mapping at each sign-in.
    # False: the coordinator's own assignment on the user page decides.
    role_from_groups: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where e-mail notifications go (leaders; off unless SMTP is set up). Set by a coordinator.
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit = relationship("Unit", lazy="joined")

    # Set by the session loader: the server-side session this request runs in.
    current_session = None

    @property
    def has_password(self) -> bool:
        """People made at their first sign-in with the municipality's account have none."""
        return not self.password_hash.startswith(NO_PASSWORD)

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return self.active

    def get_id(self) -> str:
        """Flask-Login stores the session token, not the user id: see user_session.py."""
        return self.current_session.token if self.current_session else ""

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"
