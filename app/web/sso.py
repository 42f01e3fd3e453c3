"""Sign in with the municipality's account: OpenID Connect, authorization code + PKCE.

Authlib does the protocol: discovery, ``state``, ``nonce``, the PKCE verifier,
the code exchange and the ID token's checks (signature, issuer, audience,
expiry, nonce). What it keeps between the redirect and the callback lives in
the signed session cookie (no process memory, so any app process can take the
callback); a login clears that session and starts a fresh one, as the password
login does. Who the person is in Steg is decided by app/services/sso.py.

No token is kept: not in the session, the database, the audit log or the logs.
"""

import time

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError
from authlib.integrations.flask_client import OAuth
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from joserfc.errors import JoseError

from app.extensions import db
from app.services import audit
from app.services.sessions import mark_authenticated
from app.services.sso import SsoIdentity, SsoRefused, identity_from_claims, resolve_person
from app.web.auth import begin_session, safe_next
from app.web.guards import public

bp = Blueprint("sso", __name__, url_prefix="/login/sso")

EXTENSION_KEY = "steg_oidc"
CLIENT_NAME = "municipality"
# The page each refusal shows (the audit log keeps the reason code).
REFUSALS = {
    "state_mismatch": _l(
        "The sign-in could not be completed: it was started in another window, "
        "took too long or was already used. Start again from the login page."
    ),
    "provider_refused": _l(
        "The municipality's sign-in did not go through. Start again from the login page."
    ),
    "id_token_invalid": _l(
        "The answer from the municipality's sign-in could not be trusted, so you are "
        "not logged in. Start again from the login page; if it happens again, tell IT."
    ),
    "provider_unreachable": _l(
        "The municipality's sign-in cannot be reached right now. Try again in a while."
    ),
    "no_subject": _l(
        "The municipality's sign-in did not say who you are. Tell IT: Steg needs the "
        "subject claim in the ID token."
    ),
    "unknown_person": _l(
        "You are signed in at the municipality, but Steg does not know you yet. "
        "Ask the coordinator of your unit to give you access."
    ),
    "no_mapped_group": _l(
        "Your account is not in any group that gives access to Steg. "
        "Ask the coordinator of your unit."
    ),
    "deactivated": _l("Your access to Steg is turned off. Ask the coordinator of your unit."),
    "other_person": _l(
        "You confirmed with another account than the one you are logged in with. "
        "Nothing was changed."
    ),
}


def init_sso(app: Flask) -> None:
    """Register the provider when STEG_OIDC_ISSUER is set (one client per app)."""
    if not app.config["OIDC_ENABLED"]:
        app.extensions[EXTENSION_KEY] = None
        return
    oauth = OAuth(app)
    app.extensions[EXTENSION_KEY] = oauth.register(
        CLIENT_NAME,
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=app.config["OIDC_DISCOVERY_URL"],
        client_kwargs={
            "scope": app.config["OIDC_SCOPES"],
            "code_challenge_method": "S256",
            "timeout": 10,
        },
    )


def sso_client():
    return current_app.extensions.get(EXTENSION_KEY)


def end_session_url() -> str | None:
    """The provider's logout page (RP-initiated logout), back to Steg's login page."""
    client = sso_client()
    if client is None:
        return None
    try:
        metadata = client.load_server_metadata()
    except (requests.RequestException, ValueError):
        return None
    if not metadata.get("end_session_endpoint"):
        return None
    return client.create_logout_url(
        post_logout_redirect_uri=url_for("auth.login", _external=True),
        client_id=current_app.config["OIDC_CLIENT_ID"],
    )["url"]


@bp.route("")
@public
def start():
    client = sso_client()
    if client is None:
        abort(404)
    next_path = safe_next(request.args.get("next"))
    reauth = bool(
        request.args.get("reauth") == "1"
        and current_user.is_authenticated
        and current_user.sso_subject
    )
    if current_user.is_authenticated and not reauth:
        return redirect(next_path)
    # A fresh login at the provider for a re-authentication (changes to users).
    extra = {"prompt": "login", "max_age": 0} if reauth else {}
    redirect_uri = url_for("sso.callback", _external=True)
    try:
        flow = client.create_authorization_url(redirect_uri, **extra)
    except (requests.RequestException, ValueError):
        return _refused("provider_unreachable", status=503)
    client.save_authorize_data(
        redirect_uri=redirect_uri,
        next=next_path,
        reauth=reauth,
        started=int(time.time()),
        **flow,
    )
    return redirect(flow["url"])


@bp.route("/callback")
@public
def callback():
    client = sso_client()
    if client is None:
        abort(404)
    flow = client.framework.get_state_data(session, request.args.get("state")) or {}
    try:
        token = client.authorize_access_token(leeway=current_app.config["OIDC_LEEWAY_SECONDS"])
    except MismatchingStateError:
        return _refused("state_mismatch")
    except AuthlibBaseError as error:  # the provider said no (access_denied, invalid_grant)
        return _refused("provider_refused", detail={"error": str(error.error)[:60]})
    except JoseError as error:  # signature, iss, aud, exp, nonce
        return _refused("id_token_invalid", detail={"error": _jose_reason(error)})
    except (requests.RequestException, ValueError):
        return _refused("provider_unreachable", status=503)
    claims = token.get("userinfo")
    if not claims:
        return _refused("id_token_invalid", detail={"error": "no_id_token"})
    config = current_app.config
    try:
        identity = identity_from_claims(
            claims, config["OIDC_SUBJECT_CLAIM"], config["OIDC_GROUPS_CLAIM"]
        )
    except SsoRefused as refused:
        return _refused(refused.reason)
    if flow.get("reauth"):
        return _reauthenticated(identity, claims, flow)
    try:
        user = resolve_person(identity)
    except SsoRefused as refused:
        db.session.rollback()
        return _refused(refused.reason, identity=identity, user=refused.user)
    begin_session(user, method="sso", detail={"groups": len(identity.groups)})
    return redirect(flow.get("next") or "/")


def _jose_reason(error: JoseError) -> str:
    claim = getattr(error, "claim", None)
    return f"{error.error}:{claim}" if claim else str(error.error)


def _reauthenticated(identity: SsoIdentity, claims, flow: dict):
    """Back from a fresh login at the provider: the same person, just now."""
    if not current_user.is_authenticated or identity.subject != current_user.sso_subject:
        return _refused("other_person", identity=identity)
    auth_time = claims.get("auth_time")
    if not isinstance(auth_time, int | float) or auth_time < flow.get("started", 0) - 5:
        return _refused("id_token_invalid", detail={"error": "auth_time"})
    mark_authenticated(current_user.current_session)
    audit.record("reauthenticated", detail={"method": "sso"})
    db.session.commit()
    return redirect(flow.get("next") or "/")


def _refused(reason: str, status: int = 403, identity=None, user=None, detail=None):
    """A clear page; a line in the audit log (the reason, never a token)."""
    detail = {"reason": reason, **(detail or {})}
    if identity is not None:
        detail["subject"] = identity.subject[:80]
    audit.record(
        "sso_login_failed",
        actor=user,
        username=(user.username if user else None),
        detail=detail,
    )
    db.session.commit()
    status = 400 if reason in ("state_mismatch", "id_token_invalid", "provider_refused") else status
    page = render_template(
        "auth/sso_refused.html",
        reason=reason,
        message=REFUSALS[reason],
        subject=identity.subject if identity and reason == "unknown_person" else None,
    )
    return page, status
