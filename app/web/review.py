"""Ledelsens gjennomgang: a unit's year as a printable page, and the list of units to print.

The leader prints their own unit's; the coordinator any unit's, from a list of
them all. The page is plain HTML with a print stylesheet (static/css/review.css):
A4, each part on a new page, no navigation on paper.
"""

from flask import Blueprint, abort, render_template
from flask_babel import get_locale
from flask_login import current_user

from app.labels import template_labels
from app.services import audit, review
from app.services.access import unit_for_decider
from app.services.board_view import board_units
from app.web import figures as figure_pages
from app.web.guards import roles_required

bp = Blueprint("review", __name__)
bp.context_processor(template_labels)
bp.context_processor(figure_pages.number_helpers)  # the figures' sections are shown as they are
LEADERS = ("leader", "coordinator")


@bp.route("/review")
@roles_required(*LEADERS)
def index():
    return render_template(
        "review/index.html", units=board_units(current_user), years=review.pack_years()
    )


@bp.route("/units/<int:unit_id>/review/<int:year>")
@roles_required(*LEADERS)
def pack(unit_id: int, year: int):
    unit = unit_for_decider(current_user, unit_id)
    if not review.valid_year(year):
        abort(404)
    data = review.review_pack(unit, year, str(get_locale() or "nb"))
    audit.record("review_opened", target_type="unit", target_id=unit.id, detail={"year": year})
    charts = figure_pages._charts(data.figures, [unit.id])
    return render_template("review/pack.html", pack=data, figures=data.figures, charts=charts)
