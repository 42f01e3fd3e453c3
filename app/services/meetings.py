"""The board meeting (tavlemøte): start, the number present, the agenda, the end, the record.

A meeting belongs to a unit and is led by its leader (or a coordinator). The
decisions made in it are the ordinary idea decisions (services/ideas.py) with
the meeting passed along, so its record is the events that carry its id.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import BoardMeeting, Event, Idea
from app.models.base import utcnow
from app.services import ideas
from app.services.access import DECIDERS, unit_clause
from app.services.board_view import NOT_FINISHED, in_scope, local_today
from app.services.errors import Forbidden, Invalid, NotFound

MEETING_MINUTES = 15
NO_MEETING = _l("We could not find that board meeting.")
ENDED = _l("This board meeting has ended. Start a new one to decide more.")
PRESENT_RANGE = _l("Write how many are present, a whole number from 0 to 500.")
NOT_IN_MEETING = _l("This idea is not on this meeting's board.")
FIRST_WEEK = timedelta(days=7)


def start_meeting(unit_id: int, leader) -> BoardMeeting:
    """Start a meeting of the unit, or return the one already going on."""
    if leader.role not in DECIDERS or not in_scope(leader, unit_id):
        raise Forbidden(_l("Only the unit's leader can do this."))
    going_on = open_meeting(unit_id)
    if going_on is not None:
        return going_on
    meeting = BoardMeeting(unit_id=unit_id, led_by_id=leader.id, started_at=utcnow())
    db.session.add(meeting)
    db.session.flush()
    return meeting


def open_meeting(unit_id: int) -> BoardMeeting | None:
    return db.session.scalar(
        select(BoardMeeting)
        .where(BoardMeeting.unit_id == unit_id, BoardMeeting.ended_at.is_(None))
        .order_by(BoardMeeting.started_at.desc())
    )


def get_meeting(user, meeting_id: int) -> BoardMeeting:
    """The meeting, for a leader of its unit or a coordinator; another unit's is not found."""
    meeting = db.session.get(BoardMeeting, meeting_id) if meeting_id else None
    if meeting is None or not in_scope(user, meeting.unit_id):
        raise NotFound(NO_MEETING)
    return meeting


def set_present(meeting: BoardMeeting, count) -> None:
    if not isinstance(count, int) or not 0 <= count <= 500:
        raise Invalid(PRESENT_RANGE, {"present_count": [PRESENT_RANGE]})
    meeting.present_count = count


def end_meeting(meeting: BoardMeeting) -> None:
    if meeting.ended_at is None:
        meeting.ended_at = utcnow()


def decide_in_meeting(meeting, idea, actor, choice: str, **fields):
    """One decision on one idea in the meeting: the same calls as on the idea page."""
    check_on_board(meeting, idea)
    if meeting.ended_at is not None:
        raise Invalid(ENDED)
    if choice == "just_done":
        return ideas.just_do_it(idea, actor, fields.get("learning"), meeting=meeting)
    return ideas.decide_idea(
        idea,
        actor,
        choice,
        comment=fields.get("comment"),
        responsible=fields.get("responsible"),
        due_date=fields.get("due_date"),
        responsible_id=fields.get("responsible_id"),
        meeting=meeting,
    )


def check_on_board(meeting, idea) -> None:
    """Only the meeting's own unit's ideas are decided in it (another unit's: not found)."""
    if idea.unit_id != meeting.unit_id:
        raise NotFound(NOT_IN_MEETING)


@dataclass
class Agenda:
    new: list[Idea]
    overdue: list[Idea]
    finished: list[Idea]
    finished_since: datetime


def agenda(meeting: BoardMeeting, now: datetime | None = None) -> Agenda:
    """New ideas (oldest first), overdue ones, and what was finished since the last meeting."""
    unit_ideas = select(Idea).where(Idea.unit_id == meeting.unit_id)
    since = _previous_start(meeting) or meeting.started_at - FIRST_WEEK
    return Agenda(
        new=list(
            db.session.scalars(unit_ideas.where(Idea.status == "new").order_by(Idea.created_at))
        ),
        overdue=list(
            db.session.scalars(
                unit_ideas.where(
                    Idea.status.in_(NOT_FINISHED), Idea.due_date < local_today(now)
                ).order_by(Idea.due_date)
            )
        ),
        finished=list(
            db.session.scalars(
                unit_ideas.where(Idea.status == "done", Idea.status_changed_at >= since).order_by(
                    Idea.status_changed_at
                )
            )
        ),
        finished_since=since,
    )


def _previous_start(meeting) -> datetime | None:
    return db.session.scalar(
        select(func.max(BoardMeeting.started_at)).where(
            BoardMeeting.unit_id == meeting.unit_id,
            BoardMeeting.started_at < meeting.started_at,
        )
    )


def decisions(meeting: BoardMeeting) -> list[tuple[Event, Idea]]:
    """What was decided in the meeting, with the idea, in the order it was decided."""
    query = (
        select(Event, Idea)
        .join(Idea, Idea.id == Event.idea_id)
        .where(Event.meeting_id == meeting.id)
        .order_by(Event.id)
    )
    return [(event, idea) for event, idea in db.session.execute(query).all()]


def past_meetings(user, limit: int = 50) -> list[tuple[BoardMeeting, int]]:
    """The meetings of this person's unit (a coordinator's: all), newest first, with
    the number of decisions made in each."""
    counts = (
        select(Event.meeting_id, func.count().label("n"))
        .where(Event.meeting_id.is_not(None))
        .group_by(Event.meeting_id)
        .subquery()
    )
    query = (
        select(BoardMeeting, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.meeting_id == BoardMeeting.id)
        .order_by(BoardMeeting.started_at.desc())
        .where(unit_clause(user, BoardMeeting))
        .limit(limit)
    )
    return [(meeting, n) for meeting, n in db.session.execute(query).all()]
