"""The injury register: a leader's own unit, any unit for a coordinator; a page and its export.

The period is whole days in Europe/Oslo by when the injury happened (this
year so far, unless chosen). The export goes through app/web/downloads.py
(formula cells neutralised there).
"""

from datetime import date, datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext
from flask_login import current_user

from app.extensions import db
from app.labels import SEVERITY, status_label, template_labels
from app.models import Unit
from app.services import admin, audit
from app.services import injury_register as register_service
from app.services.errors import DomainError, NotFound
from app.web.downloads import table_download
from app.web.forms_hms import (
    PERSON_REF_KIND_LABEL,
    PERSON_REF_LABEL,
    PersonRefKindForm,
    RegisterPeriodForm,
)
from app.web.formtools import apply_errors
from app.web.guards import roles_required
from app.web.leader import age_helpers
from app.web.params import database_id

bp = Blueprint("register", __name__, url_prefix="/leader/injury-register")
bp.context_processor(template_labels)
bp.context_processor(age_helpers)

LEADERS = ("leader", "coordinator")


def _unit(value) -> Unit:
    """A leader's own unit (another unit's number is not found); a coordinator's choice."""
    wanted = database_id(value) if value not in (None, "") else None
    if current_user.role != "coordinator":
        if value not in (None, "") and wanted != current_user.unit_id:
            raise NotFound(gettext("We could not find what you were looking for."))
        return current_user.unit
    if wanted is None:
        units = admin.list_units()
        if not units:
            raise NotFound(gettext("We could not find what you were looking for."))
        return units[0]
    unit = db.session.get(Unit, wanted)
    if unit is None:
        raise NotFound(gettext("We could not find what you were looking for."))
    return unit


def _period(form: RegisterPeriodForm) -> tuple[date, date]:
    today = datetime.now(register_service.OSLO).date()
    first = form.first.data or date(today.year, 1, 1)
    last = form.last.data or today
    return first, last


def _form():
    form = RegisterPeriodForm(formdata=request.args or None)
    if current_user.role == "coordinator":
        form.unit.choices = [(str(u.id), u.name) for u in admin.list_units()]
    else:
        form.unit.choices = [(str(current_user.unit_id), current_user.unit.name)]
    valid = form.validate() if request.args else True
    if valid and form.first.data and form.last.data and form.last.data < form.first.data:
        form.last.errors = [gettext("The end date is before the start date.")]
        valid = False
    return form, valid


@bp.route("/")
@roles_required(*LEADERS)
def injury_register():
    form, valid = _form()
    unit = _unit(request.args.get("unit"))
    form.unit.data = str(unit.id)
    first, last = _period(form) if valid else _period(RegisterPeriodForm(formdata=None))
    rows, missing = register_service.register(current_user, unit, first, last)
    kind = register_service.person_ref_kind(unit.id)
    query = {"unit": unit.id, "first": first.isoformat(), "last": last.isoformat()}
    return render_template(
        "register/index.html",
        form=form,
        unit=unit,
        rows=rows,
        missing=missing,
        first=first,
        last=last,
        kind=kind,
        kind_label=PERSON_REF_KIND_LABEL[kind],
        kind_form=PersonRefKindForm(formdata=None, kind=kind),
        csv_url=url_for("register.export", fmt="csv", **query),
        xlsx_url=url_for("register.export", fmt="xlsx", **query),
    ), (200 if valid else 422)


@bp.route("/export.<fmt>")
@roles_required(*LEADERS)
def export(fmt: str):
    form, valid = _form()
    if not valid:
        return injury_register()
    unit = _unit(request.args.get("unit"))
    first, last = _period(form)
    rows, _missing = register_service.register(current_user, unit, first, last)
    detail = {"unit_id": unit.id, "first": first.isoformat(), "last": last.isoformat()}
    audit.record("injury_register_exported", detail={**detail, "format": fmt, "rows": len(rows)})
    db.session.commit()
    kind = register_service.person_ref_kind(unit.id)
    locale = str(get_locale() or "nb")
    headers = [
        gettext("Reference"),
        str(PERSON_REF_LABEL[kind]),
        gettext("Time"),
        gettext("Place"),
        gettext("What happened?"),
        gettext("The injury"),
        gettext("Measures"),
        gettext("Category"),
        gettext("Severity"),
        gettext("Status"),
    ]
    table = [_row(row, fmt, locale) for row in rows]
    name = f"steg-injury-register-{unit.id}-{first.isoformat()}-{last.isoformat()}"
    return table_download(fmt, name, gettext("Injury register"), headers, table)


def _row(row, fmt: str, locale: str) -> list:
    deviation, injury = row.deviation, row.injury
    when = register_service.local(deviation.occurred_at)
    measures = "; ".join(
        m.text + (f" ({gettext('done')})" if m.done else "") for m in deviation.measures
    )
    return [
        deviation.id,
        injury.person_ref,
        when if fmt == "xlsx" else when.strftime("%Y-%m-%d %H:%M"),
        deviation.location or "",
        deviation.description,
        injury.injury,
        measures,
        deviation.category.label(locale),
        str(SEVERITY.get(deviation.severity, deviation.severity)),
        status_label("deviation", deviation.status),
    ]


@bp.route("/kind", methods=["POST"])
@roles_required(*LEADERS)
def set_kind():
    unit = _unit(request.form.get("unit"))
    form = PersonRefKindForm()
    if form.validate_on_submit():
        try:
            register_service.set_person_ref_kind(current_user, unit, form.kind.data)
            db.session.commit()
            flash(gettext("Changes saved."), "ok")
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
    else:
        flash(gettext("Choose employee number or initials."), "error")
    return redirect(url_for("register.injury_register", unit=unit.id))
