"""The coordinator's pages for the municipality's account: group → role and unit,
and linking a person to their account at the provider (app/services/sso.py)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app.extensions import db
from app.labels import template_labels
from app.models import SsoGroupMapping, User
from app.security.reauth import recent_auth_required
from app.services import admin, sso
from app.services.errors import DomainError
from app.web.forms_admin import REQUIRED, ButtonForm, UserForm
from app.web.forms_base import StegForm
from app.web.formtools import apply_errors, form_error_summary
from app.web.guards import roles_required
from app.web.params import database_id

bp = Blueprint("admin_sso", __name__, url_prefix="/admin")
bp.context_processor(template_labels)


class GroupMappingForm(StegForm):
    """A group of the provider, the role it gives and (for workers and leaders) the unit."""

    group_id = StringField(
        _l("Group ID"),
        validators=[DataRequired(message=REQUIRED), Length(max=255)],
        render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
    )
    role = UserForm.role
    unit = UserForm.unit
    fill_choices = UserForm.fill_choices


class SsoLinkForm(StegForm):
    sso_subject = StringField(
        _l("ID of the person's account at the municipality"),
        validators=[Optional(), Length(max=255)],
        render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
    )
    role_from_groups = BooleanField(_l("Role and unit follow the person's groups"))


@bp.route("/sso-groups", methods=["GET", "POST"])
@roles_required("coordinator")
@recent_auth_required
def groups():
    units = admin.list_units()
    form = GroupMappingForm().fill_choices(units)
    if form.validate_on_submit():
        try:
            unit_id = database_id(form.unit.data)
            unit = next((u for u in units if u.id == unit_id), None)
            mapping = sso.add_mapping(current_user, form.group_id.data, form.role.data, unit)
            db.session.commit()
            flash(gettext("Group linked: %(group)s", group=mapping.group_id), "ok")
            return redirect(url_for("admin_sso.groups"))
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
    else:
        form_error_summary(form)
    return render_template(
        "admin/sso_groups.html", form=form, mappings=sso.list_mappings(), delete_form=ButtonForm()
    )


@bp.route("/sso-groups/<int:mapping_id>/delete", methods=["POST"])
@roles_required("coordinator")
@recent_auth_required
def delete_group(mapping_id: int):
    mapping = admin.get_or_404(SsoGroupMapping, mapping_id)
    if ButtonForm().validate_on_submit():
        group_id = mapping.group_id
        sso.remove_mapping(current_user, mapping)
        db.session.commit()
        flash(gettext("Group link removed: %(group)s", group=group_id), "ok")
    return redirect(url_for("admin_sso.groups"))


@bp.route("/users/<int:user_id>/sso", methods=["GET", "POST"])
@roles_required("coordinator")
@recent_auth_required
def link_user(user_id: int):
    person = admin.get_or_404(User, user_id)
    form = SsoLinkForm(
        data={"sso_subject": person.sso_subject or "", "role_from_groups": person.role_from_groups}
    )
    if form.validate_on_submit():
        try:
            sso.set_user_link(
                current_user, person, form.sso_subject.data, form.role_from_groups.data
            )
            db.session.commit()
            flash(gettext("Changes saved."), "ok")
            return redirect(url_for("admin.user", user_id=person.id))
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
    else:
        form_error_summary(form)
    return render_template("admin/sso_link.html", form=form, person=person)
