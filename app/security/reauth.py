"""A fresh login for sensitive changes: ``recent_auth_required``.

Put it under the access rule of a view that changes users or roles::

    @bp.route("/admin/users/<int:user_id>", methods=["POST"])
    @roles_required("coordinator")
    @recent_auth_required
    def update_user(user_id): ...

If the person last typed their password more than ``REAUTH_MINUTES`` ago (kept
server-side on the UserSession row, column ``authenticated_at``), a page asks
for it again and then sends them back. A POST cannot be replayed after that
detour, so the person lands on the page they came from and submits again. The
API answers 403 with code ``reauth_required`` instead.
"""

from functools import wraps

from flask import current_app, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.errors import error_response
from app.services.sessions import is_recently_authenticated

REAUTH_MESSAGE = _l("Confirm your password to make this change.")


def _back_to() -> str:
    if request.method == "GET":
        return request.full_path.rstrip("?")
    referrer = request.referrer or ""
    host = request.host_url.rstrip("/")
    return referrer[len(host) :] if referrer.startswith(host + "/") else "/"


def recent_auth_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        user_session = getattr(current_user, "current_session", None)
        minutes = current_app.config["REAUTH_MINUTES"]
        if user_session is not None and is_recently_authenticated(user_session, minutes):
            return view(*args, **kwargs)
        if request.path.startswith("/api/"):
            return error_response(403, "reauth_required", REAUTH_MESSAGE)
        return redirect(url_for("account.reauthenticate", next=_back_to()))

    wrapper.requires_recent_auth = True
    return wrapper
