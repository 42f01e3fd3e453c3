from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class Measure(db.Model):
    """Tiltak: what is done about a deviation, by whom, by when."""

    __tablename__ = "measures"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    deviation_id: Mapped[str] = mapped_column(ForeignKey("deviations.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(120))
    due_date: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    deviation = relationship("Deviation", back_populates="measures")
