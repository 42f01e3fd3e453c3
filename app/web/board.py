"""The leader's improvement board, and the idea page's PDSA notes and "bare gjør det".

The board shows one unit: a leader's own; a coordinator chooses. The rules of
each change are in app/services/ideas.py, shared with the meeting and the API.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from app.extensions import db
from app.labels import template_labels
from app.models import Idea
from app.services import board_view, ideas
from app.services.access import get_for_leader
from app.services.errors import DomainError, NotFound
from app.services.transactions import writes
from app.web import leader
from app.web.forms_board import JustDoItForm, PdsaForm
from app.web.forms_leader import IdeaDecisionForm
from app.web.formtools import apply_errors, form_error_summary
from app.web.guards import roles_required
from app.web.params import database_id

bp = Blueprint("board", __name__, url_prefix="/leader")
bp.context_processor(template_labels)
bp.context_processor(leader.age_helpers)
LEADERS = leader.LEADERS


@bp.route("/board")
@roles_required(*LEADERS)
def board():
    requested = request.args.get("unit")
    unit_id = database_id(requested) if requested else None
    unit = board_view.board_unit(current_user, unit_id) if unit_id or not requested else None
    if unit is None:
        raise NotFound(gettext("We could not find what you were looking for."))
    columns = board_view.board_cards(unit.id)
    return render_template(
        "leader/board.html",
        unit=unit,
        units=board_view.board_units(current_user),
        columns=[(s, columns[s]) for s in board_view.COLUMNS],
        folded=[(s, columns[s]) for s in board_view.FOLDED],
        total=sum(len(cards) for cards in columns.values()),
    )


@bp.route("/ideas/<idea_id>/pdsa", methods=["POST"])
@roles_required(*LEADERS)
@writes
def idea_pdsa(idea_id):
    record = get_for_leader(current_user, Idea, idea_id)
    form = PdsaForm()
    if not form.validate_on_submit():
        form_error_summary(form)
        return _again(record, pdsa_form=form)
    if leader.changed_meanwhile(form, record):
        return _again(record, status=409)
    try:
        ideas.write_pdsa(
            record, current_user, {name: form[name].data for name in ideas.PDSA_FIELDS}
        )
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return _again(get_for_leader(current_user, Idea, idea_id), pdsa_form=form)
    flash(gettext("PDSA notes saved."), "ok")
    return redirect(url_for("leader.idea", idea_id=record.id, _anchor="pdsa"))


@bp.route("/ideas/<idea_id>/just-done", methods=["POST"])
@roles_required(*LEADERS)
@writes
def idea_just_done(idea_id):
    record = get_for_leader(current_user, Idea, idea_id)
    form = JustDoItForm()
    if not form.validate_on_submit():
        form_error_summary(form)
        return _again(record, just_form=form)
    if leader.changed_meanwhile(form, record):
        return _again(record, status=409)
    try:
        ideas.just_do_it(record, current_user, form.what_was_done.data)
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, _renamed(error, learning="what_was_done"))
        return _again(get_for_leader(current_user, Idea, idea_id), just_form=form)
    flash(gettext("%(name)s: done. Well done!", name=record.title), "ok")
    return redirect(url_for("leader.idea", idea_id=record.id))


def _again(record, status: int = 422, **forms):
    return leader.render_idea(record, IdeaDecisionForm(version=record.version), status, **forms)


def _renamed(error: DomainError, **names) -> DomainError:
    """The service names the field ``learning``; this form calls it ``what_was_done``."""
    error.fields = {names.get(k, k): v for k, v in (error.fields or {}).items()}
    return error
