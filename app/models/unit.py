from datetime import datetime

from sqlalchemy import Boolean, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class Unit(db.Model):
    """A service unit (enhet): a home-care unit, a NAV refugee service."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The unit agreed to show who proposed an idea on its board (workers' view).
    board_shows_reporter: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # How the injury register names the injured employee: "employee_number" or "initials".
    injury_person_ref: Mapped[str] = mapped_column(
        String(20), default="employee_number", server_default="employee_number"
    )

    # Loaded when used (the session page, the admin), not with every user on every request.
    categories = relationship(
        "Category", back_populates="unit", order_by="Category.id", lazy="select"
    )

    def __repr__(self) -> str:
        return f"<Unit {self.id} {self.name!r}>"
