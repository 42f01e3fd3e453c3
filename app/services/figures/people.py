"""Participation: the share of a unit's active workers who reported at least one idea
or deviation in the period (in that unit). No names: counts only."""

from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, or_, select

from app.extensions import db
from app.models import Deviation, Idea, User
from app.services.figures.sql import in_period, of_units


@dataclass
class Participation:
    workers: int = 0
    participants: int = 0

    @property
    def share(self) -> float | None:
        return self.participants / self.workers if self.workers else None


def participation(unit_ids, period):
    """({unit id: Participation}, Participation of all of them together)."""

    def reported(model):
        return exists().where(
            model.reporter_id == User.id,
            model.unit_id == User.unit_id,
            in_period(model.created_at, period),
        )

    took_part = case((or_(reported(Idea), reported(Deviation)), 1))
    query = (
        select(User.unit_id, func.count(), func.count(took_part))
        .where(
            and_(
                of_units(User.unit_id, unit_ids),
                User.role == "worker",
                User.active.is_(True),
            )
        )
        .group_by(User.unit_id)
    )
    units = {unit: Participation() for unit in unit_ids}
    total = Participation()
    for unit, workers, participants in db.session.execute(query):
        units[unit] = Participation(workers, participants)
        total.workers += workers
        total.participants += participants
    return units, total
