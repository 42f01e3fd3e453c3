"""Session, push and pull."""

from flask import current_app, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from werkzeug.exceptions import RequestEntityTooLarge

from app.api import MAX_PUSH_BYTES, blp, documented_errors
from app.json_provider import dump_bytes
from app.models.base import utcnow
from app.schemas.sync import (
    PullArgsSchema,
    PullResponseSchema,
    PushRequestSchema,
    PushResponseSchema,
    SessionSchema,
)
from app.services import push as push_service
from app.services.access import REPORTERS
from app.services.pull import pull as pull_service
from app.services.session_info import session_info
from app.web.guards import login_required, person_only, roles_required

# One instance each, not one per request (webargs builds a new one from a class every
# time, copying every field): their loads are compiled once (app/schemas/compiled_load.py).
PUSH_REQUEST = PushRequestSchema()
PULL_ARGS = PullArgsSchema()


@blp.route("/session", methods=["GET"])
@login_required
@blp.response(200, SessionSchema)
@documented_errors(401)
def session():
    """Who is logged in, their unit and categories, and a fresh CSRF token."""
    info = session_info(current_user)
    return {**info, "csrf_token": generate_csrf(), "server_time": utcnow()}


@blp.route("/sync/push", methods=["POST"])
@person_only
@roles_required(*REPORTERS)
@blp.arguments(PUSH_REQUEST, error_status_code=400)
@blp.response(200, PushResponseSchema)
@documented_errors(401, 403, 413)
def push(payload):
    """Apply the device's mutations in order; one result per mutation."""
    if len(request.get_data(cache=True)) > MAX_PUSH_BYTES:  # a chunked body has no length
        raise RequestEntityTooLarge()
    results = push_service.push(current_user._get_current_object(), payload["mutations"])
    return already_dumped({"server_time": utcnow(), "results": results})


@blp.route("/sync/pull", methods=["GET"])
@person_only
@roles_required(*REPORTERS)
@blp.arguments(PULL_ARGS, location="query", error_status_code=400)
@blp.response(200, PullResponseSchema)
@documented_errors(401, 403, 410)
def pull(args):
    """Every change the person may see after the cursor, oldest first."""
    page = pull_service(current_user, args["cursor"], args["limit"])
    return already_dumped({**page, "server_time": utcnow()})


def already_dumped(body: dict):
    """The answer as JSON, without a second pass through the response schema.

    Its records were dumped by their schemas (app/schemas/records.py, their
    date-times left to the JSON encoder) and the rest is plain data already; the
    schema on ``@blp.response`` still documents it (and tests/api/test_openapi.py
    checks the two agree).
    """
    return current_app.response_class(
        dump_bytes(body, newline=True), mimetype=current_app.json.mimetype
    )
