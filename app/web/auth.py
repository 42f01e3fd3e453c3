"""Log in, log out, choose a language."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from app.extensions import db
from app.i18n import SESSION_KEY as LANG_KEY
from app.security.limiter import (
    LoginThrottled,
    check_login_allowed,
    record_login_failure,
    record_login_success,
    remember_device,
)
from app.services import audit
from app.services.sessions import end_session, start_session
from app.services.users import authenticate
from app.web.forms import LanguageForm, LoginForm
from app.web.guards import login_required, public

bp = Blueprint("auth", __name__)

LOGIN_FAILED = _l("Wrong username or password.")
LOCAL_LOGIN_OFF = _l("Log in with the municipality's account.")
# After logging out of a session made with the municipality's account, the login
# page offers the provider's logout too (the URL, kept for that one page view).
SSO_LOGOUT_KEY = "sso_logout_url"
# The worker app posts this with the logout form when every outbox on the device
# is empty; only then may the browser wipe the site's storage (docs/security.md).
OUTBOX_EMPTY_FIELD = "device_outbox_empty"
CLEAR_SITE_DATA = '"cache", "storage"'


def safe_next(target: str | None, default: str = "/") -> str:
    """Only local paths: never send someone to another site after login."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    local_login = current_app.config["LOCAL_LOGIN"]
    form = LoginForm()
    error = None
    if not local_login and request.method == "POST":
        error = LOCAL_LOGIN_OFF
    elif form.validate_on_submit():
        username = form.username.data
        _check_throttle(username)
        user = authenticate(username, form.password.data)
        if user is None:
            error = LOGIN_FAILED
            _login_failed(username)
        else:
            record_login_success()  # committed with the new session
            begin_session(user)
            response = redirect(safe_next(request.args.get("next")))
            return remember_device(response, user.username)
    return render_template(
        "auth/login.html",
        form=form,
        error=error,
        local_login=local_login,
        sso=current_app.config["OIDC_ENABLED"],
        sso_logout_url=session.pop(SSO_LOGOUT_KEY, None),
        next_path=safe_next(request.args.get("next"), ""),
    )


def _check_throttle(username: str) -> None:
    try:
        check_login_allowed(username)
    except LoginThrottled as refused:
        # One entry per key and window: a flood of refused guesses cannot flood the log.
        if refused.first_in_window:
            audit.record("login_throttled", username=username.strip().lower())
            db.session.commit()
        raise


def _login_failed(username: str) -> None:
    record_login_failure()
    audit.record("login_failed", username=username.strip().lower())
    db.session.commit()


def begin_session(user, method: str = "password", detail: dict | None = None) -> None:
    """A fresh session for a person who just proved who they are (password or SSO)."""
    language = session.get(LANG_KEY)
    session.clear()  # a fresh session (and CSRF token) on every login
    if language:
        session[LANG_KEY] = language
    # The cookie outlives a browser restart (a tablet's browser is closed between visits);
    # the server still ends the login after STEG_SESSION_HOURS, or at logout.
    session.permanent = True
    start_session(user, request.remote_addr, method)
    action = "sso_login_succeeded" if method == "sso" else "login_succeeded"
    audit.record(action, user, detail=detail)
    db.session.commit()
    login_user(user)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    user_session = current_user.current_session
    end_session(user_session)
    audit.record("logout")
    db.session.commit()
    logout_user()
    session.clear()
    if user_session.auth_method == "sso":
        from app.web.sso import end_session_url

        session[SSO_LOGOUT_KEY] = end_session_url()
    response = redirect(url_for("auth.login"))
    if request.form.get(OUTBOX_EMPTY_FIELD) == "1":
        response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@bp.route("/language", methods=["POST"])
@public
def set_language():
    form = LanguageForm()
    if form.validate_on_submit() and form.lang.data in current_app.config["LANGUAGES"]:
        session[LANG_KEY] = form.lang.data
        if current_user.is_authenticated:
            current_user.locale = form.lang.data
            db.session.commit()
    return redirect(safe_next(form.next.data))
