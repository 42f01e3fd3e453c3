"""Log in, log out, choose a language."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from app.extensions import db
from app.i18n import SESSION_KEY as LANG_KEY
from app.services.sessions import end_session, start_session
from app.services.users import authenticate
from app.web.access import login_required, public
from app.web.forms import LanguageForm, LoginForm

bp = Blueprint("auth", __name__)

LOGIN_FAILED = _l("Wrong username or password.")


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
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        if user is None:
            error = LOGIN_FAILED
        else:
            _begin_session(user)
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form, error=error)


def _begin_session(user) -> None:
    language = session.get(LANG_KEY)
    session.clear()  # a fresh session (and CSRF token) on every login
    if language:
        session[LANG_KEY] = language
    start_session(user, request.remote_addr)
    db.session.commit()
    login_user(user)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    end_session(current_user.current_session)
    db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


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
