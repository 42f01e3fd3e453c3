"""Leaders follow up deviations: status, measures, closing, ideas made from them."""

import uuid

from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import Idea, Measure
from app.services.change_seq import touch
from app.services.errors import Invalid
from app.services.history import add_event
from app.services.hms import refuse_closing_without_checklist
from app.services.personal_id import reject_personal_ids

# closed -> in_progress reopens a deviation that was closed too early: its own
# decision ("reopened" in the history), with a reason; the closing summary is kept.
DEVIATION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("in_progress", "closed"),
    "in_progress": ("closed",),
    "closed": ("in_progress",),
}

NOT_ALLOWED = _l("A deviation cannot go from this status to that one.")
SUMMARY_REQUIRED = _l("Write a summary of what was done and learnt. The reporter will see it.")
TEXT_REQUIRED = _l("Describe the measure.")
PROPOSAL_REQUIRED = _l("Write what you propose.")
REASON_REQUIRED = _l("Write why the deviation is reopened. The reporter will see it.")


def allowed_deviation_statuses(deviation) -> tuple[str, ...]:
    return DEVIATION_TRANSITIONS.get(deviation.status, ())


def change_deviation_status(deviation, actor, status, comment=None, closing_summary=None):
    comment = (comment or "").strip() or None
    summary = (closing_summary or "").strip() or None
    if status not in allowed_deviation_statuses(deviation):
        raise Invalid(NOT_ALLOWED, {"status": [NOT_ALLOWED]})
    if status == "closed" and not summary:
        raise Invalid(SUMMARY_REQUIRED, {"closing_summary": [SUMMARY_REQUIRED]})
    if status == "closed":
        refuse_closing_without_checklist(deviation)
    reopening = deviation.status == "closed"
    if reopening and not comment:
        raise Invalid(REASON_REQUIRED, {"comment": [REASON_REQUIRED]})
    reject_personal_ids({"comment": comment, "closing_summary": summary})
    from_status = deviation.status
    deviation.status = status
    if status == "closed":
        deviation.closing_summary = summary
    touch(deviation)
    action = "reopened" if reopening else "status_changed"
    add_event(deviation, actor, action, from_status, status, comment or summary)
    return deviation


def is_reopening(deviation, status: str) -> bool:
    return deviation.status == "closed" and status in allowed_deviation_statuses(deviation)


def add_measure(deviation, actor, text, responsible=None, due_date=None):
    text = (text or "").strip()
    if not text:
        raise Invalid(TEXT_REQUIRED, {"text": [TEXT_REQUIRED]})
    reject_personal_ids({"text": text, "responsible": responsible})
    measure = Measure(
        id=str(uuid.uuid4()),
        deviation=deviation,
        text=text,
        responsible=(responsible or "").strip() or None,
        due_date=due_date,
        created_by_id=actor.id,
    )
    db.session.add(measure)
    touch(deviation)
    db.session.flush()
    db.session.expire(deviation, ["measures"])
    add_event(deviation, actor, "measure_added", comment=text)
    return measure


def set_measure_done(measure, actor, done: bool):
    deviation = measure.deviation
    measure.done = bool(done)
    touch(deviation)
    db.session.flush()
    add_event(
        deviation, actor, "measure_done" if done else "measure_reopened", comment=measure.text
    )
    return measure


def create_idea_from_deviation(deviation, actor, title=None, proposal=None):
    """A leader makes an idea of a deviation: it starts from what the deviation describes.

    The idea is credited to the deviation's reporter (it is their observation; it
    reaches their "Mine saker" and the board), its history names the leader who
    made it, and a new deviation is thereby taken up (Under behandling).
    Its current situation is the deviation's description; the proposal is required.
    """
    title = (title or "").strip() or short_title(deviation.description)
    proposal = (proposal or "").strip()
    if not proposal:
        raise Invalid(PROPOSAL_REQUIRED, {"proposal": [PROPOSAL_REQUIRED]})
    reject_personal_ids({"title": title, "proposal": proposal})
    idea = Idea(
        id=str(uuid.uuid4()),
        unit_id=deviation.unit_id,
        reporter=deviation.reporter,
        status="new",
        title=title,
        problem=deviation.description,
        proposal=proposal,
        deviation_id=deviation.id,
    )
    touch(idea)
    db.session.add(idea)
    touch(deviation)
    db.session.flush()
    add_event(idea, actor, "created_from_deviation", to_status="new")
    add_event(deviation, actor, "idea_created_from_deviation", comment=idea.id)
    if deviation.status == "new":
        deviation.status = "in_progress"
        add_event(deviation, actor, "status_changed", "new", "in_progress")
    return idea


def short_title(text: str, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
