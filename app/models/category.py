from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db


class Category(db.Model):
    """A deviation category of one unit. Retired ones stay valid on old records."""

    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("unit_id", "code", name="uq_categories_unit_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    code: Mapped[str] = mapped_column(String(40))
    label_nb: Mapped[str] = mapped_column(String(120))
    label_en: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    unit = relationship("Unit", back_populates="categories")

    def label(self, locale: str) -> str:
        return self.label_en if locale == "en" else self.label_nb
