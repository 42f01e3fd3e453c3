"""The person's own account: change password, log out everywhere, confirm password.

A new password ends every session of the person, this one included, and
starts a fresh one on this device (a new token), so a stolen cookie dies with
the old password and the person carries on without logging in again.
A person with ``must_change_password`` can open nothing else until they have
chosen their own password.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from wtforms import HiddenField, PasswordField
from wtforms.validators import DataRequired, Length

from app.errors import error_response
from app.extensions import db
from app.services import audit, passwords
from app.services.errors import Invalid
from app.services.passwords import MIN_LENGTH, verify_password
from app.services.sessions import end_all_sessions, mark_authenticated, start_session
from app.web.auth import safe_next
from app.web.forms_base import StegForm
from app.web.guards import is_public, login_required

bp = Blueprint("account", __name__, url_prefix="/account")

# What a person who must change their password may still open, besides what anyone may.
OPEN_DURING_FORCED_CHANGE = frozenset({"account.index", "account.change_password", "auth.logout"})


class PasswordChangeForm(StegForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password.")), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(message=_l("Enter a new password.")), Length(max=200)],
        render_kw={"autocomplete": "new-password", "minlength": MIN_LENGTH},
    )


class ConfirmPasswordForm(StegForm):
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(message=_l("Enter your password.")), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()


class EmptyForm(StegForm):
    """Only the CSRF token."""


@bp.before_app_request
def _force_password_change():
    # What is open first: a static file, the service worker or its catalog (fetched
    # at every install and update) needs no one's session read from the database.
    if is_public(request.endpoint) or request.endpoint in OPEN_DURING_FORCED_CHANGE:
        return None
    if not (current_user.is_authenticated and current_user.must_change_password):
        return None
    if current_user.current_session.auth_method == "sso":
        return None  # signed in with the municipality's account: no Steg password in play
    if request.path.startswith("/api/"):
        message = _l("Choose a new password before you go on.")
        return error_response(403, "password_change_required", message)
    return redirect(url_for("account.index"))


@bp.route("")
@login_required
def index():
    return _render_account(PasswordChangeForm())


def _password_allowed() -> bool:
    """Local passwords may be off (STEG_LOCAL_LOGIN), and some people have none."""
    return current_app.config["LOCAL_LOGIN"] and current_user.has_password


def _render_account(form, status: int = 200, changed: bool = False):
    page = render_template(
        "account/index.html",
        password_allowed=_password_allowed(),
        form=form,
        everywhere_form=EmptyForm(),
        forced=current_user.must_change_password
        and current_user.current_session.auth_method != "sso",
        changed=changed,
        min_length=MIN_LENGTH,
    )
    return page, status


@bp.route("/password", methods=["POST"])
@login_required
def change_password():
    if not _password_allowed():
        abort(404)
    form = PasswordChangeForm()
    if not form.validate_on_submit():
        return _render_account(form, 422)
    user = current_user._get_current_object()
    try:
        passwords.change_password(user, form.current_password.data, form.new_password.data)
    except Invalid as error:
        for name, messages in error.fields.items():
            getattr(form, name).errors = [str(m) for m in messages]
        db.session.rollback()
        return _render_account(form, 422)
    end_all_sessions(user)
    start_session(user, request.remote_addr)
    audit.record("password_changed", user)
    db.session.commit()
    login_user(user)
    return _render_account(PasswordChangeForm(formdata=None), changed=True)


@bp.route("/logout-everywhere", methods=["POST"])
@login_required
def logout_everywhere():
    user = current_user._get_current_object()
    count = end_all_sessions(user)
    audit.record("logout_everywhere", user, detail={"sessions_ended": count})
    db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/confirm", methods=["GET", "POST"])
@login_required
def reauthenticate():
    form = ConfirmPasswordForm(next=request.args.get("next", ""))
    error = None
    if form.validate_on_submit() and _password_allowed():
        if verify_password(current_user.password_hash, form.password.data):
            mark_authenticated(current_user.current_session)
            audit.record("reauthenticated")
            db.session.commit()
            return redirect(safe_next(form.next.data))
        error = _l("Wrong password.")
        audit.record("login_failed", detail={"reason": "reauthentication"})
        db.session.commit()
    sso = current_app.config["OIDC_ENABLED"] and bool(current_user.sso_subject)
    return render_template(
        "account/confirm.html",
        form=form,
        error=error,
        password_allowed=_password_allowed(),
        sso_url=url_for("sso.start", reauth="1", next=form.next.data or None) if sso else None,
    )
