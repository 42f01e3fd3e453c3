"""The figures pages: a leader's unit, the coordinator's programme (each unit and all
together), and the coordinator's conversion settings.

Figures are counts, shares and medians (services/figures/): no record text and
no names reach these pages. The period is in the address (``period`` or
``from``/``to``), so a page can be bookmarked and printed; a period that is not
understood is shown beside its field and the default period is used instead.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, format_decimal, format_percent, get_locale, gettext
from flask_login import current_user

from app.extensions import db
from app.i18n import local_date
from app.labels import AGE_LEVEL, SEVERITY, template_labels
from app.models import SEVERITIES, Unit
from app.services import figures, gains, periods
from app.services.errors import DomainError
from app.services.figures import snapshots
from app.web import charts
from app.web.forms_figures import GainSettingsForm, PeriodForm
from app.web.formtools import apply_errors, form_error_summary
from app.web.guards import roles_required

bp = Blueprint("figures", __name__, url_prefix="/figures")
bp.context_processor(template_labels)


@bp.context_processor
def number_helpers():
    number, share = fast_numbers()
    return {
        "number": number,
        "share": share,
        "bucket_label": bucket_label,
        "local_date": local_date,
    }


def fast_numbers():
    """number(value, digits) and share(value) as Babel writes them in the page's language.

    The programme's table has thousands of numbers; Babel parses its pattern on every
    call, so the separators are learnt from it once and applied with plain formatting.
    """
    decimal_mark = format_decimal(1.5)[1]
    group_mark = format_decimal(1000)[1]
    percent = format_percent(0.5).replace("50", "{}", 1)

    def number(value, digits: int = 1):
        if value is None:
            return "–"
        text = f"{round(value, digits):,.{digits}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(",", "\0").replace(".", decimal_mark).replace("\0", group_mark)

    def share(value):
        return "–" if value is None else percent.format(number(value * 100, 0))

    return number, share


def bucket_label(bucket, short: bool = False) -> str:
    if bucket.grain == "week":
        return str(bucket.week) if short else gettext("Week %(n)d", n=bucket.week)
    return format_date(bucket.start, "MMM" if short else "MMM y")


def _period(default_status: int = 200):
    """The period asked for (and the form showing it); on bad input the default, 422."""
    form = PeriodForm(formdata=request.args or None)
    try:
        return periods.period_from_args(request.args), form, default_status
    except DomainError as error:
        fields = {"from": form.start, "to": form.end, "period": form.period}
        for name, messages in error.fields.items():
            fields[name].errors = [str(m) for m in messages]
        flash(str(error.message), "error")
        return periods.named_period(periods.DEFAULT), form, 422


def _period_args(form) -> dict:
    """The period's own query arguments, for links that keep it (nothing else passes on)."""
    return {field.name: request.args[field.name] for field in form if request.args.get(field.name)}


@bp.route("/")
@roles_required("leader", "coordinator")
def index():
    """A leader's own unit; the coordinator's programme (every unit, and all together)."""
    period, form, status = _period()
    if current_user.role == "leader":
        return _unit_page(current_user.unit, period, form, status)
    result, computed_at = snapshots.cached_unit_figures(figures.all_units(), period)
    db.session.commit()  # a snapshot computed now is kept for the next visit
    units = db.session.execute(db.select(Unit.id, Unit.name).order_by(Unit.name)).all()
    return render_template(
        "figures/programme.html",
        units=units,
        figures=result,
        computed_at=computed_at,
        form=form,
        period_args=_period_args(form),
        charts=_charts(result, [u.id for u in units]),
    ), status


@bp.route("/units/<int:unit_id>")
@roles_required("coordinator")
def unit(unit_id):
    """One unit, as its leader sees it (for the coordinator)."""
    record = db.session.get(Unit, unit_id)
    if record is None:
        abort(404)
    period, form, status = _period()
    return _unit_page(record, period, form, status)


def _unit_page(unit_record, period, form, status):
    result = figures.unit_figures([unit_record.id], period)
    return render_template(
        "figures/unit.html",
        unit=unit_record,
        figures=result,
        form=form,
        period_args=_period_args(form),
        charts=_charts(result, [unit_record.id]),
    ), status


def _charts(result, unit_ids) -> dict:
    """The charts of a page, each with the words it needs."""
    labels = [bucket_label(b, short=True) for b in result.buckets]
    per = gettext("per week") if result.period.grain == "week" else gettext("per month")
    flow = result.idea_series
    category_words = figures.category_labels(unit_ids, str(get_locale() or "nb"))
    totals = [b.total for b in result.deviation_series]
    age = result.total.ideas.open_by_age
    return {
        "ideas": charts.bar_chart(
            gettext("Ideas %(per)s", per=per),
            gettext(
                "New, decided and done ideas %(per)s; the numbers are in the table below.", per=per
            ),
            labels,
            [
                (gettext("New"), [f.new for f in flow]),
                (gettext("Decided"), [f.decided for f in flow]),
                (gettext("Done"), [f.done for f in flow]),
            ],
        ),
        "severity": charts.run_chart(
            gettext("Deviations by severity %(per)s", per=per),
            gettext(
                "A run chart of the deviations reported %(per)s: all of them, and one line "
                "per severity, with the median of all deviations as the centre line; "
                "the numbers are in the table below.",
                per=per,
            ),
            labels,
            [(gettext("All deviations"), totals, "total")]
            + [
                (
                    str(SEVERITY[s]),
                    [b.by_severity.get(s, 0) for b in result.deviation_series],
                    f"s{n + 1}",
                )
                for n, s in enumerate(SEVERITIES)
            ],
            median_of=totals,
        ),
        "open": charts.bar_chart(
            gettext("Open ideas by age today"),
            gettext(
                "Open ideas today by how long ago they were reported; "
                "the numbers are in the table below."
            ),
            [str(AGE_LEVEL[band]) for band in figures.AGE_BANDS],
            [(gettext("Open ideas"), [age[band] for band in figures.AGE_BANDS])],
        ),
        "category_words": category_words,
    }


@bp.route("/settings", methods=["GET", "POST"])
@roles_required("coordinator")
def settings():
    """Hours per årsverk (with its source), the hourly cost, when a category is repeated."""
    current = gains.get_settings()
    form = GainSettingsForm(obj=current)
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                gains.update_settings(
                    current_user,
                    form.hours_per_arsverk.data,
                    form.hours_source.data,
                    form.hourly_cost.data,
                    form.hourly_cost_source.data,
                    form.repeat_threshold.data,
                )
            except DomainError as error:
                db.session.rollback()
                apply_errors(form, error)
                status = 422
            else:
                db.session.commit()
                flash(gettext("Settings saved."), "ok")
                return redirect(url_for("figures.settings"))
        else:
            form_error_summary(form)
            status = 422
    example = gains.convert(120, current)
    return render_template("figures/settings.html", form=form, example=example), status
