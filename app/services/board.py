"""The board from a tablet: support, comment, "bare gjør det", PDSA; and whose idea it is.

Every worker of a unit sees its ideas (services/access.py ``BOARD_KINDS``). On
a colleague's idea they may support it ("Jeg støtter dette", one per person)
and comment; what else they may do is services/ideas.py's rule ("bare gjør
det": the leader or the reporter; PDSA notes: the leader or the responsible
person). These ops need no ``base_version``: they commute with the leader's
decisions and with each other. Each change raises the idea's version and
change number and adds an event, so every tablet of the unit pulls it.

``shown_to`` is the one place that hides who proposed an idea from the
colleagues of a unit that has not agreed to show it (``board_shows_reporter``):
pull and push answers both go through it.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select, update

from app.extensions import db
from app.models import Idea, IdeaSupport, Unit
from app.services import audit, ideas
from app.services.access import can_see
from app.services.change_seq import next_change_seq, reserve_change_seqs, touch
from app.services.errors import NotFound
from app.services.history import add_event
from app.services.personal_id import reject_personal_ids

UNKNOWN = _l("We could not find that report.")
HIDDEN = {"id": None, "display_name": None}


def apply_op(actor, op: str, idea, data: dict):
    """One board op on an idea the person sees (else not_found); the idea after it."""
    if idea is None or not can_see(actor, idea):
        raise NotFound(UNKNOWN, {"record_id": [UNKNOWN]})
    if op == "support":
        return set_support(actor, idea, True)
    if op == "unsupport":
        return set_support(actor, idea, False)
    if op == "comment":
        return comment(actor, idea, data["text"])
    if op == "just_do_it":
        return ideas.just_do_it(idea, actor, data["learning"])
    return ideas.write_pdsa(idea, actor, data)


def set_support(actor, idea, supported: bool):
    """Support or withdraw it: one per person, so a repeat changes nothing."""
    current = db.session.get(IdeaSupport, (idea.id, actor.id))
    if (current is not None) == supported:
        return idea
    if supported:
        db.session.add(IdeaSupport(idea_id=idea.id, user_id=actor.id))
    else:
        db.session.delete(current)
    db.session.flush()
    db.session.expire(idea, ["supports"])
    touch(idea)
    add_event(idea, actor, "supported" if supported else "unsupported")
    return idea


def comment(actor, idea, text: str):
    reject_personal_ids({"text": text})
    touch(idea)
    add_event(idea, actor, "commented", comment=text)
    return idea


def shows_reporter(unit_id) -> bool:
    """Whether the unit agreed to show its workers who proposed each idea."""
    unit = db.session.get(Unit, unit_id) if unit_id is not None else None
    return True if unit is None else bool(unit.board_shows_reporter)


def shown_to(viewer, record: dict, shows: bool) -> dict:
    """The record as this person may see it (a dumped record; ``shows``: the unit's setting).

    Where the unit has not agreed to show it, a worker sees a colleague's idea
    with ``reporter`` ``{"id": null, "display_name": null}``, and the events the
    reporter made on it (created, edited, their comments and support) with the
    same masked ``actor``. Their own ideas, deviations, and leaders and
    coordinators always see names.
    """
    if shows or viewer.role != "worker" or record["type"] != "idea":
        return record
    reporter_id = record["reporter"]["id"]
    if reporter_id == viewer.id:
        return record
    events = [
        {**event, "actor": HIDDEN} if event["actor"]["id"] == reporter_id else event
        for event in record["events"]
    ]
    return {**record, "reporter": HIDDEN, "events": events}


def set_shows_reporter(unit, shows: bool, actor) -> None:
    """The coordinator's choice for a unit; its ideas reach every tablet again, masked or not.

    Each idea of the unit gets a new change number (not a new version, nor a new
    ``updated_at``: nothing in the idea changed, a reporter's queued edit keeps
    its base version, and the retention clock keeps running), so the next pull
    of every worker of the unit brings it as the setting says.
    """
    if bool(unit.board_shows_reporter) == bool(shows):
        return
    audit.record(
        "unit_board_shows_reporter",
        actor=actor,
        target_type="unit",
        target_id=unit.id,
        detail={"from": unit.board_shows_reporter, "to": bool(shows)},
    )
    unit.board_shows_reporter = bool(shows)
    ids = db.session.scalars(
        select(Idea.id).where(Idea.unit_id == unit.id).order_by(Idea.change_seq)
    ).all()
    if ids:
        reserve_change_seqs(len(ids))  # one statement; next_change_seq hands them out
        rows = [{"b_id": idea_id, "seq": next_change_seq()} for idea_id in ids]
        db.session.execute(_RENUMBER, rows, execution_options={"synchronize_session": False})
    db.session.flush()


_RENUMBER = (
    update(Idea.__table__)
    .where(Idea.__table__.c.id == bindparam("b_id"))
    .values(change_seq=bindparam("seq"))
)
