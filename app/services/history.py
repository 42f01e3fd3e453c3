"""History: every change of a record is kept as an event, never edited."""

from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import Deviation, Event
from app.models.base import utcnow
from app.models.event import HMS_ANSWERS, HMS_CHECK_ITEMS
from app.services import notifications

# Each answer of the HMS checklist (models/event.py) is an event
# "hms_<item>_<answer>", so its words are whole sentences ("Arbeidstilsynet er
# varslet") on every timeline, the tablet's too.
HMS_CHECK_EVENTS = tuple(
    f"hms_{item}_{answer}" for item in HMS_CHECK_ITEMS for answer in HMS_ANSWERS
)

# Every kind of event the code writes; each has its words in app/labels.py
# EVENT_ACTION (a test sees to it), so no screen ever shows a code.
EVENT_ACTIONS = (
    "created",
    "updated",
    "status_changed",
    "reopened",
    "measure_added",
    "measure_done",
    "measure_reopened",
    "idea_created_from_deviation",
    "created_from_deviation",
    "commented",
    "supported",
    "unsupported",
    "just_done",
    "pdsa_updated",
    *HMS_CHECK_EVENTS,
    "gain_expected",
    "gain_realised",
)


def add_event(record, actor, action, from_status=None, to_status=None, comment=None) -> Event:
    """Append one event (``action``: one of EVENT_ACTIONS) to a deviation's or idea's history."""
    event = new_event(record, actor, action, from_status, to_status, comment)
    db.session.add(event)
    note_milestone(record, event)
    db.session.flush()
    notifications.on_event(record, actor, event)
    if "events" in record.__dict__:  # already loaded: add it, no reload needed
        set_committed_value(record, "events", [*record.events, event])
    return event


def new_event(record, actor, action, from_status=None, to_status=None, comment=None, at=None):
    """The event, complete enough to be shown before it is flushed (not added to the session)."""
    if action not in EVENT_ACTIONS:
        raise ValueError(f"unknown event action {action!r}: add it to EVENT_ACTIONS and labels")
    is_deviation = isinstance(record, Deviation)
    return Event(
        deviation_id=record.id if is_deviation else None,
        idea_id=None if is_deviation else record.id,
        actor_id=actor.id,
        actor=actor,
        at=at or utcnow(),
        action=action,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
    )


# A leader's answer to a deviation: anything but the reporter's own report and edits.
RESPONSES = (
    "status_changed",
    "reopened",
    "measure_added",
    "measure_done",
    "measure_reopened",
    "idea_created_from_deviation",
)
DECISIONS = ("status_changed", "just_done")


def note_milestone(record, event) -> None:
    """Keep the record's milestone columns (what the figures count) with its history.

    An idea's first decision is its first move out of "new"; its done time is
    when it reached "done". A deviation's first response is the first action
    after the report; its closing time is the last closing, cleared on reopening.
    """
    if isinstance(record, Deviation):
        if record.first_response_at is None and event.action in RESPONSES:
            record.first_response_at = event.at
        if event.to_status == "closed":
            record.closed_at = event.at
        elif event.action == "reopened":
            record.closed_at = None
        return
    if event.action in DECISIONS and event.from_status == "new" and record.decided_at is None:
        record.decided_at = event.at
    if event.to_status == "done" and record.done_at is None:
        record.done_at = event.at
