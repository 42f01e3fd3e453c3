"""The coordinator's view of the audit log (paged, filtered) and its CSV export."""

import json

from flask import Blueprint, render_template, request, stream_with_context
from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from app.extensions import db
from app.services import audit
from app.services.audit import ACTIONS, entries_query
from app.web.downloads import table_download
from app.web.forms_base import StegForm
from app.web.guards import roles_required
from app.web.params import page_number

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")

PER_PAGE = 50
ACTION_LABELS = {
    "login_succeeded": _l("Logged in"),
    "login_failed": _l("Failed login"),
    "login_throttled": _l("Login blocked (too many attempts)"),
    "logout": _l("Logged out"),
    "logout_everywhere": _l("Logged out everywhere"),
    "password_changed": _l("Changed password"),
    "reauthenticated": _l("Confirmed password"),
    "access_denied": _l("Access denied"),
    "decision": _l("Decision"),
    "record_viewed": _l("Opened a record"),
    "unit_created": _l("Created a unit"),
    "unit_renamed": _l("Renamed a unit"),
    "unit_board_shows_reporter": _l("Changed whether the board shows who proposed ideas"),
    "unit_phone_changed": _l("Changed the unit's phone number"),
    "user_created": _l("Created a user"),
    "user_updated": _l("Changed a user"),
    "user_deactivated": _l("Deactivated a user"),
    "user_reactivated": _l("Reactivated a user"),
    "password_reset": _l("Reset a password"),
    "category_added": _l("Added a category"),
    "category_relabelled": _l("Renamed a category"),
    "category_retired": _l("Retired a category"),
    "category_reactivated": _l("Reactivated a category"),
    "purge": _l("Deleted expired records"),
    "audit_exported": _l("Exported the audit log"),
    "records_exported": _l("Exported a unit's ideas or deviations"),
    "review_opened": _l("Opened a unit's management review"),
    "sso_login_succeeded": _l("Logged in with the municipality's account"),
    "sso_login_failed": _l("Failed login with the municipality's account"),
    "sso_group_mapped": _l("Linked a group to a role"),
    "sso_group_unmapped": _l("Removed a group link"),
}
CSV_COLUMNS = ("at_utc", "username", "action", "target_type", "target_id", "remote_addr", "detail")


class AuditFilterForm(StegForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    action = SelectField(_l("What"), validators=[Optional()])
    person = StringField(_l("Username"), validators=[Optional(), Length(max=80)])
    day_from = DateField(_l("From date"), validators=[Optional()])
    day_to = DateField(_l("To date"), validators=[Optional()])


def _filter_form() -> AuditFilterForm:
    form = AuditFilterForm(request.args)
    form.action.choices = [("", _l("All"))] + [(a, ACTION_LABELS.get(a, a)) for a in ACTIONS]
    return form


def _query(form: AuditFilterForm):
    """The filtered entries; a filter that does not validate (shown beside it) is left out."""
    form.validate()

    def valid(field):
        return None if field.errors else field.data

    return entries_query(
        action=valid(form.action) or "",
        person=valid(form.person) or "",
        day_from=valid(form.day_from),
        day_to=valid(form.day_to),
    )


@bp.route("")
@roles_required("coordinator")
def index():
    form = _filter_form()
    page = page_number(request.args.get("page"))
    entries = db.paginate(_query(form), page=page, per_page=PER_PAGE, error_out=False)
    # Only the form's own fields go back into the links ("endpoint=x" once broke url_for).
    filters = {f.name: request.args[f.name] for f in form if request.args.get(f.name)}
    return render_template(
        "audit/index.html", form=form, entries=entries, filters=filters, labels=ACTION_LABELS
    )


def _csv_row(entry) -> list[str]:
    detail = json.dumps(entry.detail, ensure_ascii=False, sort_keys=True) if entry.detail else ""
    values = (
        entry.at.isoformat(),
        entry.username,
        entry.action,
        entry.target_type,
        entry.target_id,
        entry.remote_addr,
        detail,
    )
    return list(values)


def _csv_rows(query):
    # Closed even when the client stops reading (a server-side cursor on PostgreSQL).
    with db.session.execute(query.execution_options(yield_per=500)) as result:
        for entry in result.scalars():
            yield _csv_row(entry)


@bp.route("/export.csv")
@roles_required("coordinator")
def export_csv():
    form = _filter_form()
    audit.record("audit_exported", detail={k: v for k, v in request.args.items() if v})
    rows = stream_with_context(_csv_rows(_query(form)))
    return table_download("csv", "steg-audit", "audit", CSV_COLUMNS, rows)
