"""The unit's ideas and deviations of a period as CSV or Excel, for its leader and the coordinator.

Each export's columns are declared once, below: a code (its header word is in
app/labels.py, EXPORT_COLUMN) and how the cell is read from a row. Codes
become words (statuses, severities, categories in the person's language),
times are Norwegian time. The rows come from app/services/exports.py a batch
at a time; CSV is streamed, Excel written by openpyxl's streaming writer.
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask import Blueprint, abort, render_template, request, stream_with_context
from flask_babel import format_decimal, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import DateField
from wtforms.validators import InputRequired, ValidationError

from app.extensions import db
from app.labels import (
    DEVIATION_STATUS,
    EXPORT_COLUMN,
    GAIN_KIND,
    IDEA_STATUS,
    RECORD_TYPE,
    SEVERITY,
    YES_NO,
)
from app.models import Deviation, Idea
from app.services import audit, exports, review, tabular
from app.services.access import unit_for_decider
from app.services.board_view import OSLO, local_today
from app.web.downloads import table_download
from app.web.forms_base import StegForm
from app.web.guards import roles_required

bp = Blueprint("exports", __name__, url_prefix="/units/<int:unit_id>/exports")
LEADERS = ("leader", "coordinator")
DAY_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]  # the date picker's, and what people type


def hours(minutes: int | None) -> float | None:
    """Hours per week from the minutes a gain is kept in (90 → 1.5)."""
    return None if minutes is None else round(minutes / 60, 2)


def local_time(moment: datetime | None) -> datetime | None:
    """Norwegian wall-clock time to the minute (a spreadsheet has no time zones)."""
    if moment is None:
        return None
    return moment.astimezone(OSLO).replace(tzinfo=None, second=0, microsecond=0)


@dataclass(frozen=True)
class Words:
    """The words of the codes, looked up once per file (not once per cell: 100,000 rows)."""

    english: bool
    idea_status: dict
    deviation_status: dict
    severity: dict
    yes_no: dict
    gain_kind: dict

    @classmethod
    def now(cls) -> "Words":
        def words(table):
            return {code: str(word) for code, word in table.items()}

        return cls(
            english=str(get_locale() or "nb") == "en",
            idea_status=words(IDEA_STATUS),
            deviation_status=words(DEVIATION_STATUS),
            severity=words(SEVERITY),
            yes_no=words(YES_NO),
            gain_kind=words(GAIN_KIND),
        )


IDEA_COLUMNS = (
    ("reported_at", lambda r, w: local_time(r.created_at)),
    ("title", lambda r, w: r.title),
    ("problem", lambda r, w: r.problem),
    ("proposal", lambda r, w: r.proposal),
    ("benefit", lambda r, w: r.benefit),
    ("status", lambda r, w: w.idea_status.get(r.status, r.status)),
    ("status_changed_at", lambda r, w: local_time(r.status_changed_at)),
    ("reporter", lambda r, w: r.reporter),
    ("responsible", lambda r, w: r.responsible),
    ("due_date", lambda r, w: r.due_date),
    ("decision_comment", lambda r, w: r.decision_comment),
    ("learning", lambda r, w: r.learning),
    ("from_deviation", lambda r, w: w.yes_no[r.deviation_id is not None]),
    ("expected_gain", lambda r, w: w.gain_kind.get(r.expected_kind, r.expected_kind)),
    ("expected_hours_per_week", lambda r, w: hours(r.expected_minutes)),
    ("expected_kroner_per_year", lambda r, w: r.expected_kroner),
    ("realised_gain", lambda r, w: w.gain_kind.get(r.realised_kind, r.realised_kind)),
    ("realised_hours_per_week", lambda r, w: hours(r.realised_minutes)),
    ("realised_kroner_per_year", lambda r, w: r.realised_kroner),
    ("id", lambda r, w: r.id),
)
DEVIATION_COLUMNS = (
    ("reported_at", lambda r, w: local_time(r.created_at)),
    ("occurred_at", lambda r, w: local_time(r.occurred_at)),
    ("category", lambda r, w: r.category_en if w.english else r.category_nb),
    ("severity", lambda r, w: w.severity.get(r.severity, r.severity)),
    ("status", lambda r, w: w.deviation_status.get(r.status, r.status)),
    ("location", lambda r, w: r.location),
    ("description", lambda r, w: r.description),
    ("immediate_action", lambda r, w: r.immediate_action),
    ("closing_summary", lambda r, w: r.closing_summary),
    ("measures", lambda r, w: r.measures),
    ("measures_done", lambda r, w: r.measures_done),
    ("reporter", lambda r, w: r.reporter),
    ("id", lambda r, w: r.id),
)
EXPORTS = {  # kind: (columns, the query, the model, the record type naming the sheet)
    "ideas": (IDEA_COLUMNS, exports.ideas_query, Idea, "idea"),
    "deviations": (DEVIATION_COLUMNS, exports.deviations_query, Deviation, "deviation"),
}
TOO_MANY_FOR_EXCEL = {
    "ideas": _l(
        "The period holds %(n)s ideas; an Excel file takes at most %(max)s."
        " Choose a shorter period, or CSV."
    ),
    "deviations": _l(
        "The period holds %(n)s deviations; an Excel file takes at most %(max)s."
        " Choose a shorter period, or CSV."
    ),
}


def headers(columns) -> list[str]:
    return [str(EXPORT_COLUMN[code]) for code, _read in columns]


def cells(columns, rows, words: Words):
    readers = [read for _code, read in columns]
    for row in rows:
        yield [read(row, words) for read in readers]


class DayField(DateField):
    """A day written as the date picker sends it (2026-12-31) or as people type it (31.12.2026)."""

    def __init__(self, label, **kwargs):
        super().__init__(label, format=DAY_FORMATS, **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Write a date such as 31.12.2026.")) from error


class PeriodForm(StegForm):
    """The period of an export: a GET form, so the file's address says what it holds."""

    class Meta:
        csrf = False

    day_from = DayField(_l("From date"), validators=[InputRequired(_l("Choose the first day."))])
    day_to = DayField(_l("To date"), validators=[InputRequired(_l("Choose the last day."))])

    def validate_day_to(self, field):
        if self.day_from.data and field.data and field.data < self.day_from.data:
            raise ValidationError(_l("The last day must not be before the first day."))


def period_form() -> PeriodForm:
    """From the address; with none, this year so far (Norwegian dates)."""
    today = local_today()
    if not request.args:
        return PeriodForm(formdata=None, day_from=date(today.year, 1, 1), day_to=today)
    return PeriodForm(request.args)


def name_the_fields(form) -> None:
    """Every error starts with its field's name, so it reads right in a list or alone."""
    for field in form:
        if field.errors:
            field.errors = [f"{field.label.text}: {message}" for message in field.errors]


def _page(unit, form, status: int = 200):
    page = render_template("exports/index.html", unit=unit, form=form, years=review.pack_years())
    return page, status


@bp.route("")
@roles_required(*LEADERS)
def index(unit_id: int):
    unit = unit_for_decider(current_user, unit_id)
    return _page(unit, period_form())


@bp.route("/<kind>.<fmt>")
@roles_required(*LEADERS)
def download(unit_id: int, kind: str, fmt: str):
    unit = unit_for_decider(current_user, unit_id)
    if kind not in EXPORTS or fmt not in tabular.FORMATS:
        abort(404)
    form = PeriodForm(request.args)
    if not form.validate():
        name_the_fields(form)
        return _page(unit, form, 422)
    day_from, day_to = form.day_from.data, form.day_to.data
    columns, query, model, record_type = EXPORTS[kind]
    if fmt == "xlsx":
        rows = exports.count(model, unit.id, day_from, day_to)
        if rows > exports.XLSX_MAX_ROWS:
            limit = {"n": format_decimal(rows), "max": format_decimal(exports.XLSX_MAX_ROWS)}
            form.day_from.errors = [str(TOO_MANY_FOR_EXCEL[kind]) % limit]
            name_the_fields(form)
            return _page(unit, form, 422)
    audit.record(
        "records_exported",
        target_type="unit",
        target_id=unit.id,
        detail={"kind": kind, "format": fmt, "from": str(day_from), "to": str(day_to)},
    )
    db.session.commit()  # the audit entry; what follows only reads
    # exports.stream reads in a read-only transaction of its own (on SQLite beside
    # the writers): a big file must not hold the tablets' write lock.
    rows = cells(columns, exports.stream(query(unit.id, day_from, day_to)), Words.now())
    if fmt == "csv":
        rows = stream_with_context(rows)
    filename = f"steg-{kind}-unit{unit.id}-{day_from}-{day_to}"
    sheet = str(RECORD_TYPE[record_type])
    return table_download(fmt, filename, sheet, headers(columns), rows)
