from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.user import ROLES


class SsoGroupMapping(db.Model):
    """A group of the municipality's provider that gives a role (and unit) in Steg.

    The coordinator keeps these on /admin/sso-groups; a person whose role follows
    the groups gets the role and unit of the mapping their groups match.
    """

    __tablename__ = "sso_group_mappings"
    __table_args__ = (
        CheckConstraint(f"role IN {ROLES!r}", name="valid_role"),
        CheckConstraint(
            "(role = 'coordinator' AND unit_id IS NULL) OR "
            "(role <> 'coordinator' AND unit_id IS NOT NULL)",
            name="unit_for_role",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[str] = mapped_column(String(255), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit = relationship("Unit", lazy="joined")

    def __repr__(self) -> str:
        return f"<SsoGroupMapping {self.group_id!r} {self.role} {self.unit_id}>"
