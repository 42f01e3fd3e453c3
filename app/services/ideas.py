"""Improvement ideas after they are reported: decisions, PDSA notes, "bare gjør det".

Every change here is the one rule for it, whether it comes from the idea page,
the board meeting, the API or a tablet's mutation: it raises the version and
the change number (so the reporter's tablet sees it at the next pull) and
adds an event to the history (a decision made in a board meeting carries the
meeting's id).
"""

from flask_babel import lazy_gettext as _l

from app.models.base import utcnow
from app.schemas.record_fields import PDSA_FIELDS
from app.services.access import can_decide, is_own
from app.services.change_seq import touch
from app.services.errors import Forbidden, Invalid
from app.services.history import add_event
from app.services.personal_id import reject_personal_ids

# From domain.md; "new -> done" is "bare gjør det" (just do it).
IDEA_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("under_review", "approved", "done", "rejected", "parked"),
    "under_review": ("approved", "rejected", "parked"),
    "approved": ("in_progress", "done", "parked"),
    "in_progress": ("done", "parked"),
    "parked": ("under_review", "approved", "rejected"),
    "done": (),
    "rejected": (),
}
PDSA_STATUSES = ("approved", "in_progress", "done")

NOT_ALLOWED = _l("An idea cannot go from this status to that one.")
REASON_REQUIRED = _l("Give a reason when you reject an idea. The reporter will see it.")
WHAT_WAS_DONE = _l("Write what was done, so the unit can learn from it.")
ONLY_NEW = _l("Only a new idea can be marked done straight away.")
NOT_YOURS_TO_DO = _l("Only the leader or the person who proposed it can mark it done.")
NOT_YOURS_TO_PLAN = _l("Only the leader or the person responsible can write the PDSA notes.")
NOT_IN_WORK = _l("PDSA notes belong to an idea that is approved or being worked on.")


def allowed_idea_statuses(idea) -> tuple[str, ...]:
    return IDEA_TRANSITIONS.get(idea.status, ())


def decide_idea(
    idea,
    actor,
    status,
    comment=None,
    responsible=None,
    due_date=None,
    *,
    responsible_id=None,
    learning=None,
    meeting=None,
):
    """A leader's decision (page, API, board meeting): one rule, one history line."""
    comment = (comment or "").strip() or None
    learning = (learning or "").strip() or None
    if status not in allowed_idea_statuses(idea):
        raise Invalid(NOT_ALLOWED, {"status": [NOT_ALLOWED]})
    if status == "rejected" and not comment:
        raise Invalid(REASON_REQUIRED, {"comment": [REASON_REQUIRED]})
    reject_personal_ids({"comment": comment, "responsible": responsible, "learning": learning})
    if comment:
        idea.decision_comment = comment
    if learning:
        idea.learning = learning
    if status == "approved":
        idea.responsible = (responsible or "").strip() or idea.responsible
        idea.responsible_id = responsible_id or idea.responsible_id
        idea.due_date = due_date or idea.due_date
    return _change_status(idea, actor, status, comment, meeting)


def just_do_it(idea, actor, learning, *, meeting=None):
    """ "Bare gjør det": a small idea done straight from new, by the leader or its reporter."""
    learning = (learning or "").strip() or None
    if not (can_decide(actor, idea) or is_own(actor, idea)):
        raise Forbidden(NOT_YOURS_TO_DO)
    if idea.status != "new":
        raise Invalid(ONLY_NEW, {"status": [ONLY_NEW]})
    if not learning:
        raise Invalid(WHAT_WAS_DONE, {"learning": [WHAT_WAS_DONE]})
    reject_personal_ids({"learning": learning})
    idea.learning = learning
    return _change_status(idea, actor, "done", learning, meeting, action="just_done")


def can_write_pdsa(user, idea) -> bool:
    return can_decide(user, idea) or (
        idea.responsible_id is not None and idea.responsible_id == user.id
    )


def write_pdsa(idea, actor, notes: dict):
    """Plan, Do, Study, Act notes of an idea in work: the leader or the responsible person."""
    if not can_write_pdsa(actor, idea):
        raise Forbidden(NOT_YOURS_TO_PLAN)
    if idea.status not in PDSA_STATUSES:
        raise Invalid(NOT_IN_WORK, {"status": [NOT_IN_WORK]})
    changes = {k: (v or "").strip() or None for k, v in notes.items() if k in PDSA_FIELDS}
    reject_personal_ids(changes)
    changed = {k: v for k, v in changes.items() if getattr(idea, k) != v}
    if not changed:
        return idea
    for name, value in changed.items():
        setattr(idea, name, value)
    touch(idea)
    add_event(idea, actor, "pdsa_updated", comment=", ".join(sorted(changed)))
    return idea


def _change_status(idea, actor, status, comment, meeting, action="status_changed"):
    from_status = idea.status
    idea.status = status
    idea.status_changed_at = utcnow()
    touch(idea)
    event = add_event(idea, actor, action, from_status, status, comment)
    if meeting is not None:
        event.meeting_id = meeting.id
    return idea
