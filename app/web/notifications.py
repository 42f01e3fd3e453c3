"""Notification pages: open one from the "Nytt" list (or a push / e-mail link), and turn
push off for a device on /account. The lists are partials the start pages and /account
include (templates/notifications/)."""

from flask import Blueprint, Flask, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import EmailField
from wtforms.validators import Length

from app.extensions import db
from app.models import User
from app.security.reauth import recent_auth_required
from app.services.admin import get_or_404
from app.services.errors import DomainError
from app.services.notifications import addresses, inbox, subscriptions
from app.web.forms_base import StegForm
from app.web.guards import login_required, roles_required

bp = Blueprint("notifications", __name__)
TURNED_OFF = _l("Notifications are turned off on that device.")
EMAIL_SAVED = _l("The e-mail address for notifications is saved.")


class TurnOffForm(StegForm):
    """Only the CSRF token."""


class EmailForm(StegForm):
    email = EmailField(
        _l("E-mail for notifications"),
        validators=[Length(max=254)],
        render_kw={"autocomplete": "off", "inputmode": "email"},
    )


def _email_form(person) -> EmailForm:
    return EmailForm(data={"email": person.email or ""})


@bp.route("/notifications/<int:notification_id>")
@login_required
def open_notification(notification_id: int):
    """Marked read when opened, then on to the record (its page checks access again)."""
    target = inbox.open_notification(current_user, notification_id)
    db.session.commit()
    return redirect(target)


@bp.route("/account/push/<int:subscription_id>/off", methods=["POST"])
@login_required
def turn_off(subscription_id: int):
    if TurnOffForm().validate_on_submit():
        subscriptions.remove(current_user, subscription_id)
        db.session.commit()
        flash(TURNED_OFF, "ok")
    return redirect(url_for("account.index") + "#notifications")


@bp.route("/admin/users/<int:user_id>/email", methods=["POST"])
@roles_required("coordinator")
@recent_auth_required
def set_email(user_id: int):
    """A coordinator sets where a leader's notification e-mails go (empty: none)."""
    person = get_or_404(User, user_id)
    form = EmailForm()
    if form.validate_on_submit():
        try:
            addresses.set_email(current_user, person, form.email.data)
            db.session.commit()
            flash(EMAIL_SAVED, "ok")
            return redirect(url_for("admin.user", user_id=user_id) + "#notify-email")
        except DomainError as error:
            db.session.rollback()
            form.email.errors = [str(m) for m in error.fields.get("email", [error.message])]
    page = render_template("notifications/admin_email.html", form=form, person=person)
    return page, 422


def _new_for_me() -> list[dict]:
    return inbox.unread(current_user) if current_user.is_authenticated else []


def _my_devices() -> list:
    return subscriptions.listed(current_user) if current_user.is_authenticated else []


def init_notification_pages(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        notifications_new=_new_for_me,
        push_devices=_my_devices,
        push_off_form=TurnOffForm,
        notify_email_form=_email_form,
    )
