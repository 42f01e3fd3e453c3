"""The safety representative's pages: the unit's HMS deviations, read and commented on.

Nothing else: the rule is services/access.py's; a deviation they may not read
is "not found", whatever its unit or category.
"""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user

from app.extensions import db
from app.labels import template_labels
from app.services import audit, hms
from app.services.errors import DomainError
from app.services.notifications import inbox as notification_inbox
from app.services.transactions import writes
from app.web.forms_hms import HmsCommentForm
from app.web.formtools import apply_errors, form_error_summary
from app.web.guards import roles_required
from app.web.leader import age_helpers

bp = Blueprint("hms", __name__, url_prefix="/hms")
bp.context_processor(template_labels)
bp.context_processor(age_helpers)


@bp.route("/")
@roles_required("safety_rep")
def index():
    return render_template("hms/index.html", deviations=hms.hms_deviations(current_user))


@bp.route("/deviations/<deviation_id>")
@roles_required("safety_rep")
def deviation(deviation_id):
    record = hms.get_for_safety_rep(current_user, deviation_id)
    audit.record_view(record)
    notification_inbox.mark_read(current_user, record.id)
    return _render(record, HmsCommentForm(formdata=None))


def _render(record, form, status: int = 200):
    return render_template(
        "hms/deviation.html",
        deviation=record,
        form=form,
        answers=hms.checklist_answers(record),
    ), status


@bp.route("/deviations/<deviation_id>/comment", methods=["POST"])
@roles_required("safety_rep")
@writes
def comment(deviation_id):
    record = hms.get_for_safety_rep(current_user, deviation_id)
    form = HmsCommentForm()
    if not form.validate_on_submit():
        form_error_summary(form)
        return _render(record, form, 422)
    try:
        hms.comment(record, current_user, form.comment.data)
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return _render(hms.get_for_safety_rep(current_user, deviation_id), form, 422)
    flash(gettext("Your comment is saved. The leader and the reporter can see it."), "ok")
    return redirect(url_for("hms.deviation", deviation_id=record.id, _anchor="history-heading"))
