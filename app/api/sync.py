"""Session, push and pull."""

from flask import jsonify, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from werkzeug.exceptions import RequestEntityTooLarge

from app.api import MAX_PUSH_BYTES, blp, documented_errors
from app.database import end_read, reading_only
from app.extensions import db
from app.models.base import utcnow
from app.schemas.sync import (
    PullArgsSchema,
    PullResponseSchema,
    PushRequestSchema,
    PushResponseSchema,
    SessionSchema,
)
from app.services import notifications
from app.services.access import REPORTERS
from app.services.pull import pull_changes, viewer
from app.services.session_info import session_info
from app.services.sync import push_mutations
from app.web.access import login_required, roles_required


@blp.route("/session", methods=["GET"])
@login_required
@blp.response(200, SessionSchema)
@documented_errors(401)
def session():
    """Who is logged in, their unit and categories, and a fresh CSRF token."""
    with reading_only():
        info = session_info(current_user)
    return {**info, "csrf_token": generate_csrf(), "server_time": utcnow()}


@blp.route("/sync/push", methods=["POST"])
@roles_required(*REPORTERS)
@blp.arguments(PushRequestSchema, error_status_code=400)
@blp.response(200, PushResponseSchema)
@documented_errors(401, 403, 413)
def push(payload):
    """Apply the device's mutations in order; one result per mutation."""
    if len(request.get_data(cache=True)) > MAX_PUSH_BYTES:  # a chunked body has no length
        raise RequestEntityTooLarge()
    results = push_mutations(current_user._get_current_object(), payload["mutations"])
    db.session.commit()
    notifications.after_push(current_user._get_current_object(), results)
    return already_dumped({"server_time": utcnow(), "results": results})


@blp.route("/sync/pull", methods=["GET"])
@roles_required(*REPORTERS)
@blp.arguments(PullArgsSchema, location="query", error_status_code=400)
@blp.response(200, PullResponseSchema)
@documented_errors(401, 403, 410)
def pull(args):
    """Every change the person may see after the cursor, oldest first."""
    user = viewer(current_user)
    end_read(db.session())  # on SQLite, what follows reads on its own (DEFERRED) snapshot
    with reading_only():
        page = pull_changes(user, args["cursor"], args["limit"])
        db.session.commit()
    return already_dumped({**page, "server_time": utcnow()})


def already_dumped(body: dict):
    """The answer as JSON, without a second pass through the response schema.

    Its records were dumped by their schemas (app/schemas/records.py) and the
    rest is plain JSON already; the schema on ``@blp.response`` still documents
    it (and tests/api/test_openapi.py checks the two agree).
    """
    return jsonify({**body, "server_time": body["server_time"].isoformat()})
