"""HMS deviations (violence, threats, staff injury): the safety representative and the checklist.

The safety representative (verneombud) reads the unit's HMS deviations, their
measures and history, and may comment (a ``commented`` event, which the reporter
sees like any answer). What they may read is services/access.py's one rule.

Before a leader closes an HMS deviation they answer a checklist (the Working
Environment Act: serious injury is notified to Arbeidstilsynet and the police;
the safety representative is informed; the employee is followed up). Each answer
is an event ``hms_<item>_<answer>``; an item's answer is its latest such event,
so a changed answer is a new line in the history, never an edit.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import case

from app.extensions import db
from app.models import Deviation
from app.models.event import HMS_ANSWERS, HMS_CHECK_ITEMS
from app.services.access import SAFETY_REP, can_see, is_hms, visible_query
from app.services.change_seq import touch
from app.services.errors import Invalid, NotFound
from app.services.history import add_event
from app.services.personal_id import reject_personal_ids

NOT_FOUND = _l("We could not find that report.")
COMMENT_REQUIRED = _l("Write your comment.")
COMMENT_MAX = 4000
UNKNOWN_ANSWER = _l("Choose yes, no or not relevant.")
NOT_HMS = _l("This deviation is not an HMS matter: it has no HMS checklist.")
LIMIT = 200
# The questions, in words (app/labels.py shows them; the refusal to close names them).
HMS_QUESTION = {
    "arbeidstilsynet": _l("Arbeidstilsynet notified? (serious injury or death)"),
    "police": _l("Police notified? (serious injury or death)"),
    "safety_rep": _l("Safety representative informed?"),
    "follow_up": _l("Employee followed up?"),
}


def hms_deviations(user) -> list[Deviation]:
    """The HMS deviations this person may read: not yet closed first, then the newest."""
    query = visible_query(user, Deviation).order_by(
        case((Deviation.status == "closed", 1), else_=0), Deviation.created_at.desc()
    )
    return list(db.session.scalars(query.limit(LIMIT)).unique())


def get_for_safety_rep(user, deviation_id) -> Deviation:
    """An HMS deviation the safety representative may read; anything else is not found."""
    record = db.session.get(Deviation, deviation_id, populate_existing=True)
    if record is None or user.role != SAFETY_REP or not can_see(user, record):
        raise NotFound(NOT_FOUND)
    return record


def comment(deviation, actor, text: str) -> Deviation:
    text = (text or "").strip()
    if not text:
        raise Invalid(COMMENT_REQUIRED, {"comment": [COMMENT_REQUIRED]})
    if len(text) > COMMENT_MAX:
        too_long = _l("At most %(n)d characters.", n=COMMENT_MAX)
        raise Invalid(too_long, {"comment": [too_long]})
    reject_personal_ids({"comment": text})
    touch(deviation)
    add_event(deviation, actor, "commented", comment=text)
    return deviation


# --- the leader's checklist -------------------------------------------------


def checklist_answers(deviation) -> dict[str, str | None]:
    """Each item's latest answer (None: not answered yet), in the checklist's order."""
    answers = dict.fromkeys(HMS_CHECK_ITEMS)
    for event in deviation.events:
        for item in HMS_CHECK_ITEMS:
            prefix = f"hms_{item}_"
            if event.action.startswith(prefix) and event.action[len(prefix) :] in HMS_ANSWERS:
                answers[item] = event.action[len(prefix) :]
    return answers


def missing_items(deviation) -> list[str]:
    """The checklist items still unanswered on an HMS deviation ([] for any other)."""
    if not is_hms(deviation):
        return []
    return [item for item, answer in checklist_answers(deviation).items() if answer is None]


def record_answers(deviation, actor, answers: dict) -> int:
    """Record the answers given (item -> yes/no/not_relevant); returns how many changed.

    An empty or missing answer leaves the item as it is; an unknown one is refused
    on its field (``hms_<item>``).
    """
    if not is_hms(deviation):
        raise Invalid(NOT_HMS, {"hms": [NOT_HMS]})
    wrong = {
        f"hms_{item}": [UNKNOWN_ANSWER]
        for item, answer in answers.items()
        if answer and (item not in HMS_CHECK_ITEMS or answer not in HMS_ANSWERS)
    }
    if wrong:
        raise Invalid(UNKNOWN_ANSWER, wrong)
    current = checklist_answers(deviation)
    changed = [
        (item, answers[item])
        for item in HMS_CHECK_ITEMS
        if answers.get(item) and answers[item] != current[item]
    ]
    if changed:
        touch(deviation)
    for item, answer in changed:
        add_event(deviation, actor, f"hms_{item}_{answer}")
    return len(changed)


def refuse_closing_without_checklist(deviation) -> None:
    """Raise Invalid naming each unanswered item when an HMS deviation is closed without them."""
    missing = missing_items(deviation)
    if not missing:
        return
    names = "; ".join(str(HMS_QUESTION[item]) for item in missing)
    message = _l("Answer the HMS checklist before closing. Not answered: %(items)s", items=names)
    raise Invalid(message, {f"hms_{item}": [_l("Not answered.")] for item in missing})
