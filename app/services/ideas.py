"""Leaders decide on improvement ideas."""

from flask_babel import lazy_gettext as _l

from app.services.change_seq import touch
from app.services.errors import Invalid
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

NOT_ALLOWED = _l("An idea cannot go from this status to that one.")
REASON_REQUIRED = _l("Give a reason when you reject an idea. The reporter will see it.")


def allowed_idea_statuses(idea) -> tuple[str, ...]:
    return IDEA_TRANSITIONS.get(idea.status, ())


def decide_idea(idea, actor, status, comment=None, responsible=None, due_date=None):
    comment = (comment or "").strip() or None
    if status not in allowed_idea_statuses(idea):
        raise Invalid(NOT_ALLOWED, {"status": [NOT_ALLOWED]})
    if status == "rejected" and not comment:
        raise Invalid(REASON_REQUIRED, {"comment": [REASON_REQUIRED]})
    reject_personal_ids({"comment": comment, "responsible": responsible})
    from_status = idea.status
    idea.status = status
    if comment:
        idea.decision_comment = comment
    if status == "approved":
        idea.responsible = (responsible or "").strip() or idea.responsible
        idea.due_date = due_date or idea.due_date
    touch(idea)
    add_event(idea, actor, "status_changed", from_status, status, comment)
    return idea
