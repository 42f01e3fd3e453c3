"""Storage limitation: remove closed records once their retention period is over.

What goes (measured from the record's last update, ``updated_at``):
- deviations with status ``closed`` older than ``RETENTION_DEVIATION_YEARS`` (5);
- ideas with a final status older than ``RETENTION_IDEA_YEARS`` (3). Final means
  ``done`` or ``rejected``, and also ``parked``: a parked idea nobody has touched
  for the whole period is not being used; any update starts the clock again.

Records are deleted, not anonymised: free text may identify people however it is
trimmed. Their events, measures and remembered mutation results go with them; an
idea that is kept but came from a removed deviation loses the link (and is
touched, so devices see it). Each removed record leaves a Tombstone with a new
change sequence, so devices learn ``deleted: true``. The audit log keeps only
the record ids, never their content.

Notifications (the "Nytt" lists, what push and e-mail were sent from) go when
they are older than ``NOTIFICATION_KEEP_DAYS`` (90: no longer news) or name a
removed record.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, select

from app.extensions import db
from app.models import (
    AppliedMutation,
    Deviation,
    Event,
    Idea,
    IdeaSupport,
    InjuryRecord,
    Measure,
    Notification,
    Tombstone,
)
from app.models.base import utcnow
from app.services import audit
from app.services.change_seq import lock_for_write, next_change_seq, touch

FINAL_IDEA_STATUSES = ("done", "rejected", "parked")


@dataclass
class PurgePlan:
    deviations: list[Deviation] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)
    unlinked_ideas: list[Idea] = field(default_factory=list)
    notifications_before: datetime | None = None
    notifications: int = 0

    def lines(self) -> list[str]:
        """What the purge does, one line per record, in a stable order."""
        out = [_line("delete deviation", d) for d in self.deviations]
        out += [_line("delete idea", i) for i in self.ideas]
        out += [f"unlink idea {i.id} from deviation {i.deviation_id}" for i in self.unlinked_ideas]
        if self.notifications:
            out.append(
                f"delete {self.notifications} notification(s) from before "
                f"{self.notifications_before.date().isoformat()} or of removed records"
            )
        return out

    def old_notifications(self):
        """The notifications that go: old ones, and those naming a removed record."""
        removed = [d.id for d in self.deviations] + [i.id for i in self.ideas]
        return or_(
            Notification.created_at < self.notifications_before,
            Notification.record_id.in_(removed),
        )


def _line(verb: str, record) -> str:
    return (
        f"{verb} {record.id} (unit {record.unit_id}, status {record.status}, "
        f"last updated {record.updated_at.date().isoformat()})"
    )


def years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def plan_purge(now: datetime | None = None) -> PurgePlan:
    now = now or utcnow()
    config = current_app.config
    deviation_cutoff = years_before(now, config["RETENTION_DEVIATION_YEARS"])
    idea_cutoff = years_before(now, config["RETENTION_IDEA_YEARS"])
    deviations = db.session.scalars(
        select(Deviation)
        .where(Deviation.status == "closed", Deviation.updated_at < deviation_cutoff)
        .order_by(Deviation.updated_at, Deviation.id)
    ).all()
    ideas = db.session.scalars(
        select(Idea)
        .where(Idea.status.in_(FINAL_IDEA_STATUSES), Idea.updated_at < idea_cutoff)
        .order_by(Idea.updated_at, Idea.id)
    ).all()
    plan = PurgePlan(list(deviations), list(ideas), _ideas_to_unlink(deviations, ideas))
    plan.notifications_before = now - timedelta(days=config["NOTIFICATION_KEEP_DAYS"])
    plan.notifications = db.session.scalar(
        select(func.count()).select_from(Notification).where(plan.old_notifications())
    )
    return plan


def _ideas_to_unlink(deviations, ideas) -> list[Idea]:
    deviation_ids = [d.id for d in deviations]
    if not deviation_ids:
        return []
    purged = {i.id for i in ideas}
    linked = db.session.scalars(
        select(Idea).where(Idea.deviation_id.in_(deviation_ids)).order_by(Idea.id)
    ).all()
    return [i for i in linked if i.id not in purged]


def run_purge(plan: PurgePlan) -> int:
    """Carry out a plan (flushes, never commits); returns the number of records removed."""
    lock_for_write()
    for idea in plan.unlinked_ideas:
        idea.deviation_id = None
        touch(idea)
    deviation_ids = [d.id for d in plan.deviations]
    idea_ids = [i.id for i in plan.ideas]
    removed = [("deviation", d) for d in plan.deviations] + [("idea", i) for i in plan.ideas]
    for record_type, record in removed:
        db.session.add(_tombstone(record_type, record))
    if plan.notifications:
        db.session.execute(delete(Notification).where(plan.old_notifications()))
    _delete_rows(deviation_ids, idea_ids)
    audit.record(
        "purge",
        username="system:purge-expired",
        detail={
            "deviations": deviation_ids,
            "ideas": idea_ids,
            "notifications": plan.notifications,
        },
    )
    db.session.flush()
    return len(removed)


def _tombstone(record_type: str, record) -> Tombstone:
    return Tombstone(
        record_type=record_type,
        record_id=record.id,
        unit_id=record.unit_id,
        reporter_id=record.reporter_id,
        change_seq=next_change_seq(),
    )


def _delete_rows(deviation_ids: list[str], idea_ids: list[str]) -> None:
    session = db.session
    if idea_ids:
        session.execute(delete(Event).where(Event.idea_id.in_(idea_ids)))
        session.execute(delete(IdeaSupport).where(IdeaSupport.idea_id.in_(idea_ids)))
    if deviation_ids:
        session.execute(delete(Event).where(Event.deviation_id.in_(deviation_ids)))
        session.execute(delete(Measure).where(Measure.deviation_id.in_(deviation_ids)))
        # The injury register's fields go with their deviation (docs/security.md: retention).
        session.execute(delete(InjuryRecord).where(InjuryRecord.deviation_id.in_(deviation_ids)))
    if idea_ids:
        session.execute(delete(Idea).where(Idea.id.in_(idea_ids)))
    if deviation_ids:
        session.execute(delete(Deviation).where(Deviation.id.in_(deviation_ids)))
    record_ids = deviation_ids + idea_ids
    if record_ids:
        session.execute(delete(AppliedMutation).where(AppliedMutation.record_id.in_(record_ids)))
    session.expire_all()
