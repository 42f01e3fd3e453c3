"""Web Push subscriptions: the server's key, turn on and off (the app's "Slå på varsler")."""

from flask import current_app, request
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from app.api import blp, documented_errors
from app.extensions import db
from app.schemas.notifications import (
    PushKeySchema,
    PushRemovedSchema,
    PushSubscribeSchema,
    PushSubscriptionSchema,
    PushUnsubscribeSchema,
)
from app.services.notifications import subscriptions, vapid
from app.web.guards import login_required

MAX_SUBSCRIBE_BYTES = 4096


def _small_body() -> None:
    if len(request.get_data(cache=True)) > MAX_SUBSCRIBE_BYTES:
        raise RequestEntityTooLarge()


@blp.route("/push/key", methods=["GET"])
@login_required
@blp.response(200, PushKeySchema)
@documented_errors(401)
def push_key():
    """The server's VAPID public key (``applicationServerKey``); push is off without one."""
    private = current_app.config["VAPID_PRIVATE_KEY"]
    return {"enabled": bool(private), "public_key": vapid.public_key(private) if private else None}


@blp.route("/push/subscriptions", methods=["POST"])
@login_required
@blp.arguments(PushSubscribeSchema, error_status_code=400)
@blp.response(201, PushSubscriptionSchema)
@documented_errors(400, 401, 403, 413, 422)
def push_subscribe(args):
    """Keep this browser's push subscription for the person logged in."""
    _small_body()
    sub = subscriptions.subscribe(
        current_user,
        args["endpoint"],
        args["keys"]["p256dh"],
        args["keys"]["auth"],
        args["device_label"],
        current_app.config,
    )
    db.session.commit()
    return sub


@blp.route("/push/subscriptions/delete", methods=["POST"])
@login_required
@blp.arguments(PushUnsubscribeSchema, error_status_code=400)
@blp.response(200, PushRemovedSchema)
@documented_errors(400, 401, 403, 413)
def push_unsubscribe(args):
    """Forget this browser's subscription (the person's own only)."""
    _small_body()
    removed = subscriptions.unsubscribe(current_user, args["endpoint"])
    db.session.commit()
    return {"removed": removed}
