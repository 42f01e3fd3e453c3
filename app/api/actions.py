"""Leader actions: decide on ideas, follow up deviations."""

from flask_login import current_user

from app.api import blp, documented_errors
from app.extensions import db
from app.models import Deviation, Idea
from app.schemas.actions import (
    DeviationStatusSchema,
    HmsChecklistSchema,
    IdeaStatusSchema,
    MeasureCreateSchema,
)
from app.schemas.records import DeviationSchema, IdeaSchema
from app.services.access import get_for_leader
from app.services.change_seq import lock_for_write
from app.services.deviations import add_measure, change_deviation_status
from app.services.hms import record_answers
from app.services.ideas import decide_idea
from app.web.access import login_required


@blp.route("/ideas/<string:record_id>/status", methods=["POST"])
@login_required
@blp.arguments(IdeaStatusSchema)
@blp.response(200, IdeaSchema)
@documented_errors(400, 401, 403, 404)
def idea_status(args, record_id):
    """Decide on an idea (leader of its unit or coordinator)."""
    lock_for_write()
    idea = get_for_leader(current_user, Idea, record_id)
    decide_idea(idea, current_user, **args)
    db.session.commit()
    return idea


@blp.route("/deviations/<string:record_id>/status", methods=["POST"])
@login_required
@blp.arguments(DeviationStatusSchema)
@blp.response(200, DeviationSchema)
@documented_errors(400, 401, 403, 404)
def deviation_status(args, record_id):
    """Move a deviation on, close it with a summary, or reopen it with a reason (comment)."""
    lock_for_write()
    deviation = get_for_leader(current_user, Deviation, record_id)
    change_deviation_status(deviation, current_user, **args)
    db.session.commit()
    return deviation


@blp.route("/deviations/<string:record_id>/measures", methods=["POST"])
@login_required
@blp.arguments(MeasureCreateSchema)
@blp.response(201, DeviationSchema)
@documented_errors(400, 401, 403, 404)
def deviation_measures(args, record_id):
    """Add a measure (tiltak) to a deviation; answers the whole deviation."""
    lock_for_write()
    deviation = get_for_leader(current_user, Deviation, record_id)
    add_measure(deviation, current_user, **args)
    db.session.commit()
    return deviation


@blp.route("/deviations/<string:record_id>/hms-checklist", methods=["POST"])
@login_required
@blp.arguments(HmsChecklistSchema)
@blp.response(200, DeviationSchema)
@documented_errors(400, 401, 403, 404)
def deviation_hms_checklist(args, record_id):
    """Answer the HMS checklist of an HMS deviation (each answer is an event in its history).

    Closing an HMS deviation is refused until every item has an answer; the
    error names the items (``error.fields``: ``hms_arbeidstilsynet`` ...).
    """
    lock_for_write()
    deviation = get_for_leader(current_user, Deviation, record_id)
    record_answers(deviation, current_user, args)
    db.session.commit()
    return deviation
