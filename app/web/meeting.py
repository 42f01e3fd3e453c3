"""The board meeting (tavlemøte) pages: start, the agenda, decisions, the end, the record.

Decisions are plain form posts (they work without JavaScript) that go back to
the agenda; each is the same service call as on the idea page, with the
meeting passed along (services/meetings.py, services/ideas.py).
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, gettext
from flask_login import current_user

from app.extensions import db
from app.labels import status_label, template_labels
from app.models import Idea
from app.services import board_figures, board_view, meetings
from app.services.access import get_for_leader
from app.services.errors import DomainError, NotFound
from app.services.transactions import writes
from app.web import leader
from app.web.forms_board import MeetingDecisionForm, MeetingStartForm, PresentForm
from app.web.formtools import apply_errors, form_error_summary
from app.web.guards import roles_required

bp = Blueprint("meeting", __name__, url_prefix="/leader/meetings")
bp.context_processor(template_labels)
bp.context_processor(leader.age_helpers)
bp.context_processor(lambda: {"format_decimal": format_decimal})
LEADERS = leader.LEADERS
CHOICES = ("approved", "under_review", "parked", "rejected", "just_done")


@bp.route("/")
@roles_required(*LEADERS)
def index():
    return render_template(
        "leader/meetings.html",
        meetings=meetings.past_meetings(current_user),
        start_form=_start_form(),
    )


def _start_form(formdata=None) -> MeetingStartForm:
    form = MeetingStartForm(formdata=formdata)
    form.unit.choices = [(str(u.id), u.name) for u in board_view.board_units(current_user)]
    return form


@bp.route("/start", methods=["POST"])
@roles_required(*LEADERS)
def start():
    form = _start_form(request.form)
    if not form.validate_on_submit():
        form_error_summary(form)
        return redirect(url_for("meeting.index"))
    unit = board_view.board_unit(current_user, form.unit.data)
    if unit is None:
        raise NotFound(gettext("We could not find what you were looking for."))
    meeting = meetings.start_meeting(unit.id, current_user)
    db.session.commit()
    return redirect(url_for("meeting.show", meeting_id=meeting.id))


@bp.route("/<int:meeting_id>")
@roles_required(*LEADERS)
def show(meeting_id):
    meeting = meetings.get_meeting(current_user, meeting_id)
    if meeting.ended_at is not None:
        return render_template(
            "leader/meeting_record.html", meeting=meeting, decisions=meetings.decisions(meeting)
        )
    return _render_agenda(meeting)


def _render_agenda(meeting, form=None, present_form=None, status: int = 200):
    agenda = meetings.agenda(meeting)
    current = _current_idea(agenda.new, form)
    if form is None and current is not None:
        form = MeetingDecisionForm(formdata=None, version=current.version)
    if form is not None:
        form.fill_people(board_view.unit_people(meeting.unit_id))
    return render_template(
        "leader/meeting.html",
        meeting=meeting,
        agenda=agenda,
        current=current,
        form=form,
        present_form=present_form
        or PresentForm(formdata=None, present_count=meeting.present_count),
        figures=board_figures.key_figures(meeting.unit_id),
        decisions=meetings.decisions(meeting),
        minutes=meetings.MEETING_MINUTES,
    ), status


def _current_idea(new_ideas, form):
    """The new idea on the table: the one asked for (or being corrected), else the oldest."""
    wanted_id = getattr(form, "idea_id", None) or request.args.get("idea")
    for idea in new_ideas:
        if idea.id == wanted_id:
            return idea
    return new_ideas[0] if new_ideas else None


@bp.route("/<int:meeting_id>/present", methods=["POST"])
@roles_required(*LEADERS)
def present(meeting_id):
    meeting = meetings.get_meeting(current_user, meeting_id)
    form = PresentForm()
    if not form.validate_on_submit():
        form_error_summary(form)
        return _render_agenda(meeting, present_form=form, status=422)
    meetings.set_present(meeting, form.present_count.data)
    db.session.commit()
    flash(gettext("Number present: %(n)d.", n=meeting.present_count), "ok")
    return redirect(url_for("meeting.show", meeting_id=meeting.id, _anchor="present"))


@bp.route("/<int:meeting_id>/ideas/<idea_id>", methods=["POST"])
@roles_required(*LEADERS)
@writes
def decide(meeting_id, idea_id):
    meeting = meetings.get_meeting(current_user, meeting_id)
    record = get_for_leader(current_user, Idea, idea_id)
    meetings.check_on_board(meeting, record)
    form = MeetingDecisionForm().fill_people(board_view.unit_people(meeting.unit_id))
    form.idea_id = record.id
    if not form.validate_on_submit() or form.status.data not in CHOICES:
        if form.status.data not in CHOICES:
            form.status.errors = [gettext("Choose what to do.")]
        form_error_summary(form)
        return _render_agenda(meeting, form=form, status=422)
    if leader.changed_meanwhile(form, record):
        return _render_agenda(meeting, status=409)
    try:
        meetings.decide_in_meeting(
            meeting,
            record,
            current_user,
            form.status.data,
            comment=form.comment.data,
            responsible=form.responsible_name(),
            responsible_id=form.responsible_id.data,
            due_date=form.due_date.data,
            learning=form.learning.data,
        )
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return _render_agenda(meetings.get_meeting(current_user, meeting_id), form=form, status=422)
    flash(
        gettext(
            "%(name)s: %(status)s", name=record.title, status=status_label("idea", record.status)
        ),
        "ok",
    )
    return redirect(url_for("meeting.show", meeting_id=meeting.id, _anchor="new-ideas"))


@bp.route("/<int:meeting_id>/end", methods=["POST"])
@roles_required(*LEADERS)
def end(meeting_id):
    meeting = meetings.get_meeting(current_user, meeting_id)
    meetings.end_meeting(meeting)
    db.session.commit()
    flash(gettext("The board meeting has ended. Thank you!"), "ok")
    return redirect(url_for("meeting.show", meeting_id=meeting.id))
