from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

# How a unit names the injured employee in its injury register: never by name,
# never a client (services/injury_register.py checks the form of each).
PERSON_REF_KINDS = ("employee_number", "initials")


class InjuryRecord(db.Model):
    """The injury register's own fields of an HMS deviation (1:1), filled in by the leader.

    When, where, what happened and the measures are the deviation's; who was
    injured (an employee number or initials, as the unit chose) and the injury
    are here, apart from what the tablet sends, so the push path never sees them.
    """

    __tablename__ = "injury_records"

    deviation_id: Mapped[str] = mapped_column(ForeignKey("deviations.id"), primary_key=True)
    person_ref: Mapped[str] = mapped_column(String(20))
    injury: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    deviation = relationship("Deviation", lazy="joined")
