"""The leader's pages: the inbox, an idea, a deviation, and the decisions on them.

Every rule lives in the services (app/services/ideas.py, deviations.py,
access.py); these views only offer what the services allow, pass the
leader's choice on, and show a refusal in the person's language.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, format_timedelta, get_locale, gettext
from flask_login import current_user

from app.extensions import db
from app.i18n import local_date, time_since
from app.labels import IDEA_ACTION, deviation_action_label, status_label, template_labels
from app.models import Deviation, Idea, Measure
from app.models.base import utcnow
from app.services import audit, deviations, gains, hms, ideas, inbox, injury_register, meetings
from app.services.access import get_for_leader, is_hms
from app.services.board_view import unit_people
from app.services.errors import DomainError, NotFound
from app.services.notifications import inbox as notification_inbox
from app.services.transactions import writes
from app.web.forms_board import JustDoItForm, PdsaForm
from app.web.forms_figures import GainForm
from app.web.forms_hms import HmsChecklistForm, InjuryForm
from app.web.forms_leader import (
    ButtonForm,
    DeviationStatusForm,
    IdeaDecisionForm,
    IdeaFromDeviationForm,
    InboxFilterForm,
    MeasureForm,
)
from app.web.formtools import apply_errors, form_error_summary
from app.web.guards import roles_required

bp = Blueprint("leader", __name__, url_prefix="/leader")
bp.context_processor(template_labels)
LEADERS = ("leader", "coordinator")
STALE_DAYS = 7


@bp.context_processor
def age_helpers():
    def age(moment):
        return format_timedelta(moment - utcnow(), threshold=1.1, add_direction=True)

    def is_stale(item):
        return item.rank < 2 and (utcnow() - item.waiting_since).days >= STALE_DAYS

    return {
        "age": age,
        "since": lambda moment: time_since(moment, utcnow()),
        "is_stale": is_stale,
        "local_date": local_date,
        "locale": str(get_locale() or "nb"),
        "format_decimal": format_decimal,
    }


# Inbox ---------------------------------------------------------------------


@bp.route("/", endpoint="inbox")
@roles_required(*LEADERS)
def inbox_page():
    locale = str(get_locale() or "nb")
    form = InboxFilterForm(formdata=request.args or None)
    form.fill_choices(inbox.unit_categories(current_user), locale)
    if request.args and not form.validate():
        flash(gettext("Some filters were not understood and were reset."), "error")
        form = InboxFilterForm(formdata=None).fill_choices(
            inbox.unit_categories(current_user), locale
        )
    filters = inbox.InboxFilters(**{name: form[name].data or "" for name in FILTERS})
    return render_template(
        "leader/inbox.html",
        form=form,
        items=inbox.inbox_items(current_user, filters),
        counts=inbox.inbox_counts(current_user),
        filtered=filters != inbox.InboxFilters(),
        limit=inbox.LIMIT,
        meetings=meetings.past_meetings(current_user, limit=5),
    )


FILTERS = ("type", "status", "category", "severity", "period", "q")


# Ideas ---------------------------------------------------------------------


@bp.route("/ideas/<idea_id>")
@roles_required(*LEADERS)
def idea(idea_id):
    record = get_for_leader(current_user, Idea, idea_id)
    audit.record_view(record)
    notification_inbox.mark_read(current_user, record.id)
    return render_idea(record, IdeaDecisionForm(version=record.version))


def render_idea(record, form, status: int = 200, pdsa_form=None, just_form=None, gain_forms=None):
    """The idea page: decisions, "bare gjør det" from new, PDSA notes while in work, gains."""
    form.fill_people(unit_people(record.unit_id))
    allowed = ideas.allowed_idea_statuses(record)
    actions = [(code, IDEA_ACTION.get(code, code)) for code in allowed]
    fields = {name: getattr(record, name) for name in ideas.PDSA_FIELDS}
    page = render_template(
        "leader/idea.html",
        idea=record,
        form=form,
        actions=actions,
        pdsa_form=pdsa_form or PdsaForm(formdata=None, version=record.version, **fields),
        just_form=just_form or JustDoItForm(formdata=None, version=record.version),
        can_pdsa=record.status in ideas.PDSA_STATUSES
        and ideas.can_write_pdsa(current_user, record),
        supports=len(record.supports),
        gain_forms=_gain_forms(record, gain_forms or {}),
        gains=gains.idea_gains(record),
        gain_settings=gains.get_settings(),
        convert=gains.convert,
    )
    return page, status


def _gain_forms(record, given: dict) -> dict:
    """The gain forms the idea's status allows, filled with what is recorded."""
    recorded = gains.idea_gains(record)
    forms = {}
    for stage, statuses in gains.STAGE_STATUSES.items():
        if record.status not in statuses:
            continue
        form = given.get(stage)
        if form is None:
            gain = recorded.get(stage)
            values = {"version": record.version}
            if gain is not None:
                values.update(
                    kind=gain.kind,
                    hours_per_week=_hours_text(gain.hours_per_week),
                    kroner_per_year=gain.kroner_per_year,
                    note=gain.note,
                )
            form = GainForm(formdata=None, prefix=stage, **values)
        forms[stage] = form.fill_kinds()
    return forms


def _hours_text(hours) -> str | None:
    return None if hours is None else format_decimal(hours)


@bp.route("/ideas/<idea_id>/gain", methods=["POST"])
@roles_required(*LEADERS)
@writes
def idea_gain(idea_id):
    """Record an expected or realised gain: the reporter's tablet gets it at the next sync."""
    record = get_for_leader(current_user, Idea, idea_id)
    stage = request.form.get("stage") if request.form.get("stage") in gains.STAGE_STATUSES else None
    form = GainForm(prefix=stage or "expected").fill_kinds()
    if stage is None or not form.validate_on_submit():
        form_error_summary(form)
        return render_idea(
            record,
            IdeaDecisionForm(version=record.version),
            422,
            gain_forms={stage or "expected": form},
        )
    if changed_meanwhile(form, record):
        return render_idea(record, IdeaDecisionForm(version=record.version), 409)
    try:
        kroner = form.kroner()
    except ValueError:
        form.kroner_per_year.errors = [str(gains.KRONER_RANGE)]
        form_error_summary(form)
        return render_idea(
            record, IdeaDecisionForm(version=record.version), 422, gain_forms={stage: form}
        )
    try:
        gains.record_gain(
            record,
            current_user,
            stage,
            form.kind.data,
            form.hours_per_week.data,
            kroner,
            form.note.data,
        )
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return render_idea(
            _reload(Idea, idea_id),
            IdeaDecisionForm(version=record.version),
            422,
            gain_forms={stage: form},
        )
    flash(gettext("Gain saved. The reporter sees it at the next sync."), "ok")
    return redirect(url_for("leader.idea", idea_id=record.id, _anchor="gains"))


@bp.route("/ideas/<idea_id>/status", methods=["POST"])
@roles_required(*LEADERS)
@writes
def idea_status(idea_id):
    record = get_for_leader(current_user, Idea, idea_id)
    form = IdeaDecisionForm().fill_people(unit_people(record.unit_id))
    if not form.validate_on_submit():
        form_error_summary(form)
        return render_idea(record, form, 422)
    if changed_meanwhile(form, record):
        return render_idea(record, IdeaDecisionForm(version=record.version), 409)
    try:
        ideas.decide_idea(
            record,
            current_user,
            form.status.data,
            comment=form.comment.data,
            responsible=form.responsible_name(),
            due_date=form.due_date.data,
            responsible_id=form.responsible_id.data,
            learning=form.learning.data,
        )
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return render_idea(_reload(Idea, idea_id), form, 422)
    flash(_decided_message(record, "idea"), "ok")
    return redirect(url_for("leader.inbox"))


# Deviations ----------------------------------------------------------------


@bp.route("/deviations/<deviation_id>")
@roles_required(*LEADERS)
def deviation(deviation_id):
    record = get_for_leader(current_user, Deviation, deviation_id)
    audit.record_view(record)
    notification_inbox.mark_read(current_user, record.id)
    return _render_deviation(record)


def _render_deviation(
    record,
    status_form=None,
    measure_form=None,
    idea_form=None,
    hms_form=None,
    injury_form=None,
    status: int = 200,
):
    allowed = deviations.allowed_deviation_statuses(record)
    hms_case = is_hms(record)
    if hms_case:
        hms_form = (hms_form or HmsChecklistForm(formdata=None)).fill(hms.checklist_answers(record))
        injury_form = injury_form or InjuryForm(
            formdata=None, obj=injury_register.injury_of(record)
        )
        injury_form.for_kind(injury_register.person_ref_kind(record.unit_id))
    return render_template(
        "leader/deviation.html",
        deviation=record,
        hms_case=hms_case,
        hms_form=hms_form,
        injury_form=injury_form,
        hms_missing=hms.missing_items(record) if hms_case else [],
        form=status_form or DeviationStatusForm(version=record.version),
        measure_form=measure_form or MeasureForm(formdata=None),
        idea_form=idea_form
        or IdeaFromDeviationForm(formdata=None, title=deviations.short_title(record.description)),
        actions=[(code, deviation_action_label(record, code)) for code in allowed],
        reopening=record.status == "closed",
        linked_ideas=db.session.scalars(
            db.select(Idea).where(Idea.deviation_id == record.id).order_by(Idea.created_at)
        ).all(),
    ), status


@bp.route("/deviations/<deviation_id>/status", methods=["POST"])
@roles_required(*LEADERS)
@writes
def deviation_status(deviation_id):
    record = get_for_leader(current_user, Deviation, deviation_id)
    form = DeviationStatusForm()
    if not form.validate_on_submit():
        form_error_summary(form)
        return _render_deviation(record, status_form=form, status=422)
    if changed_meanwhile(form, record):
        return _render_deviation(record, status=409)
    try:
        deviations.change_deviation_status(
            record,
            current_user,
            form.status.data,
            comment=form.comment.data,
            closing_summary=form.closing_summary.data,
        )
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        record = _reload(Deviation, deviation_id)
        return _render_deviation(record, status_form=form, hms_form=_unanswered(error), status=422)
    flash(_decided_message(record, "deviation"), "ok")
    if record.status == "closed":
        return redirect(url_for("leader.inbox"))
    return redirect(url_for("leader.deviation", deviation_id=record.id))


@bp.route("/deviations/<deviation_id>/hms-checklist", methods=["POST"])
@roles_required(*LEADERS)
@writes
def hms_checklist(deviation_id):
    record = get_for_leader(current_user, Deviation, deviation_id)
    form = HmsChecklistForm()
    if not form.validate_on_submit():
        form_error_summary(form)
        return _render_deviation(record, hms_form=form, status=422)
    try:
        changed = hms.record_answers(record, current_user, form.answers())
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return _render_deviation(_reload(Deviation, deviation_id), hms_form=form, status=422)
    flash(gettext("HMS checklist saved.") if changed else gettext("Nothing changed."), "ok")
    return redirect(url_for("leader.deviation", deviation_id=record.id, _anchor="hms-checklist"))


@bp.route("/deviations/<deviation_id>/injury", methods=["POST"])
@roles_required(*LEADERS)
@writes
def save_injury(deviation_id):
    """The injury register's fields of an HMS deviation (not the tablet's: its own table)."""
    record = get_for_leader(current_user, Deviation, deviation_id)
    form = InjuryForm()
    if not form.validate_on_submit():
        form_error_summary(form)
        return _render_deviation(record, injury_form=form, status=422)
    try:
        injury_register.save_injury(record, current_user, form.person_ref.data, form.injury.data)
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return _render_deviation(_reload(Deviation, deviation_id), injury_form=form, status=422)
    flash(gettext("Saved in the injury register."), "ok")
    return redirect(url_for("leader.deviation", deviation_id=record.id, _anchor="injury-register"))


@bp.route("/deviations/<deviation_id>/measures", methods=["POST"])
@roles_required(*LEADERS)
@writes
def add_measure(deviation_id):
    record = get_for_leader(current_user, Deviation, deviation_id)
    form = MeasureForm()
    if not form.validate_on_submit():
        form_error_summary(form)
        return _render_deviation(record, measure_form=form, status=422)
    try:
        deviations.add_measure(
            record, current_user, form.text.data, form.responsible.data, form.due_date.data
        )
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return _render_deviation(_reload(Deviation, deviation_id), measure_form=form, status=422)
    flash(gettext("Measure added."), "ok")
    return redirect(url_for("leader.deviation", deviation_id=record.id, _anchor="measures"))


@bp.route("/deviations/<deviation_id>/measures/<measure_id>", methods=["POST"])
@roles_required(*LEADERS)
@writes
def measure_done(deviation_id, measure_id):
    record = get_for_leader(current_user, Deviation, deviation_id)
    measure = db.session.get(Measure, measure_id)
    if measure is None or measure.deviation_id != record.id:
        raise NotFound(gettext("We could not find what you were looking for."))
    if ButtonForm().validate_on_submit():
        done = request.form.get("done") == "1"
        deviations.set_measure_done(measure, current_user, done)
        flash(gettext("Measure done.") if done else gettext("Measure reopened."), "ok")
    return redirect(url_for("leader.deviation", deviation_id=record.id, _anchor="measures"))


@bp.route("/deviations/<deviation_id>/idea", methods=["POST"])
@roles_required(*LEADERS)
@writes
def idea_from_deviation(deviation_id):
    record = get_for_leader(current_user, Deviation, deviation_id)
    form = IdeaFromDeviationForm()
    if not form.validate_on_submit():
        form_error_summary(form)
        return _render_deviation(record, idea_form=form, status=422)
    try:
        new_idea = deviations.create_idea_from_deviation(
            record, current_user, title=form.title.data, proposal=form.proposal.data
        )
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return _render_deviation(_reload(Deviation, deviation_id), idea_form=form, status=422)
    flash(gettext("Improvement idea made from the deviation."), "ok")
    return redirect(url_for("leader.idea", idea_id=new_idea.id))


# Helpers -------------------------------------------------------------------


def _unanswered(error: DomainError) -> HmsChecklistForm:
    """The checklist with "Not answered." on each item a refusal to close names."""
    form = HmsChecklistForm(formdata=None)
    for name, messages in error.fields.items():
        if name.startswith("hms_") and name in form:
            form[name].errors = [str(m) for m in messages]
    return form


def _reload(model, record_id):
    return get_for_leader(current_user, model, record_id)


def changed_meanwhile(form, record) -> bool:
    """Someone else decided while this page was open: show the new state, decide again."""
    if form.version.data is None or form.version.data == record.version:
        return False
    flash(gettext("Someone changed this while you had it open. Look again and decide."), "error")
    return True


def _decided_message(record, kind: str) -> str:
    name = record.title if kind == "idea" else gettext("Deviation")
    return gettext("%(name)s: %(status)s", name=name, status=status_label(kind, record.status))
