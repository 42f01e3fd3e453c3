"""Gains per unit and together: identified (expected) and realised hours per week,
årsverk and kroner.

- *Identified*: the expected gains of the ideas first decided in the period,
  except those rejected since.
- *Realised*: the realised gains of the ideas done in the period.
Årsverk and kroner come from services/gains.py ``convert`` (with its sentence).
"""

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from app.extensions import db
from app.models import Idea, IdeaGain
from app.services import gains
from app.services.figures.sql import in_period, of_units


@dataclass
class GainTotal:
    """One stage's sum: minutes per week (time), kroner per year (money), ideas counted."""

    ideas: int = 0
    minutes_per_week: int = 0
    kroner_per_year: int = 0

    @property
    def hours_per_week(self) -> float:
        return round(self.minutes_per_week / 60, 2)

    def arsverk(self, settings) -> float:
        """The hours per week in årsverk (``conversion`` says how), without the words."""
        hours_year = self.minutes_per_week / 60 * gains.WEEKS_PER_YEAR
        return round(hours_year / settings.hours_per_arsverk, 2)

    def conversion(self, settings=None) -> "gains.Conversion":
        return gains.convert(self.minutes_per_week, settings)


@dataclass
class GainFigures:
    identified: GainTotal
    realised: GainTotal


def gain_figures(unit_ids, period):
    """({unit id: GainFigures}, GainFigures of all of them together)."""
    expected = and_(
        IdeaGain.stage == "expected",
        in_period(Idea.decided_at, period),
        Idea.status != "rejected",
    )
    realised = and_(IdeaGain.stage == "realised", in_period(Idea.done_at, period))
    query = (
        select(Idea.unit_id, IdeaGain.stage, func.count())
        .add_columns(
            func.coalesce(func.sum(IdeaGain.minutes_per_week), 0),
            func.coalesce(func.sum(IdeaGain.kroner_per_year), 0),
        )
        .join(Idea, Idea.id == IdeaGain.idea_id)
        .where(of_units(Idea.unit_id, unit_ids), or_(expected, realised))
        .group_by(Idea.unit_id, IdeaGain.stage)
    )
    units = {unit: GainFigures(GainTotal(), GainTotal()) for unit in unit_ids}
    total = GainFigures(GainTotal(), GainTotal())
    for unit, stage, count, minutes, kroner in db.session.execute(query):
        name = "identified" if stage == "expected" else "realised"
        for figures in (units[unit], total):
            part = getattr(figures, name)
            part.ideas += count
            part.minutes_per_week += int(minutes)
            part.kroner_per_year += int(kroner)
    return units, total
