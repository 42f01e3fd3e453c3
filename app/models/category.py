from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db

# Violence and staff injury are HMS matters (the Working Environment Act): a
# category with these codes is marked HMS when a unit gets it; a coordinator
# may mark or unmark any category on the category page.
HMS_DEFAULT_CODES = ("violence", "staff_injury")


def _hms_default(context) -> bool:
    return context.get_current_parameters().get("code") in HMS_DEFAULT_CODES


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
    # An HMS category: its deviations reach the unit's safety representative.
    # Unset, it follows the code (``HMS_DEFAULT_CODES``), however the category is made.
    hms: Mapped[bool] = mapped_column(Boolean, default=_hms_default, server_default=false())

    unit = relationship("Unit", back_populates="categories")

    def label(self, locale: str) -> str:
        return self.label_en if locale == "en" else self.label_nb
