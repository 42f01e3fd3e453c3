"""The lean coordinator's pages: units, users and the categories of each unit."""

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from app.extensions import db
from app.labels import template_labels
from app.models import Category, Unit, User
from app.security.reauth import recent_auth_required
from app.services import admin, board
from app.services.errors import DomainError
from app.web.forms_admin import (
    ButtonForm,
    CategoryLabelForm,
    NewCategoryForm,
    NewUserForm,
    UnitForm,
    UnitSettingsForm,
    UserForm,
)
from app.web.formtools import apply_errors, form_error_summary
from app.web.guards import roles_required
from app.web.params import database_id

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.context_processor(template_labels)


def _done(message: str, endpoint: str, **values):
    db.session.commit()
    flash(message, "ok")
    return redirect(url_for(endpoint, **values))


def _unit_or_none(value) -> Unit | None:
    unit_id = database_id(value)
    return db.session.get(Unit, unit_id) if unit_id is not None else None


@bp.route("/")
@roles_required("coordinator")
def index():
    return redirect(url_for("admin.units"))


# Units ---------------------------------------------------------------------


@bp.route("/units", methods=["GET", "POST"])
@roles_required("coordinator")
def units():
    form = UnitForm()
    if form.validate_on_submit():
        try:
            unit = admin.add_unit(current_user, form.name.data)
            return _done(gettext("Unit created: %(name)s", name=unit.name), "admin.units")
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
    else:
        form_error_summary(form)
    return render_template(
        "admin/units.html", form=form, units=admin.list_units(), counts=admin.unit_user_counts()
    )


@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
@roles_required("coordinator")
def unit(unit_id: int):
    unit = admin.get_or_404(Unit, unit_id)
    form = UnitSettingsForm(obj=unit)
    if form.validate_on_submit():
        try:
            admin.rename_unit(unit, form.name.data, current_user)
            admin.set_unit_phone(unit, form.phone.data, current_user)
            board.set_shows_reporter(unit, form.board_shows_reporter.data, current_user)
            return _done(gettext("Changes saved."), "admin.units")
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
    else:
        form_error_summary(form)
    return render_template("admin/unit.html", form=form, unit=unit)


# Users ---------------------------------------------------------------------


@bp.route("/users")
@roles_required("coordinator")
def users():
    unit_filter = _unit_or_none(request.args.get("unit"))
    return render_template(
        "admin/users.html",
        users=admin.list_users(unit_filter.id if unit_filter else None),
        units=admin.list_units(),
        unit_filter=unit_filter,
    )


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required("coordinator")
@recent_auth_required
def new_user():
    units = admin.list_units()
    form = NewUserForm().fill_choices(units)
    if form.validate_on_submit():
        try:
            user, password = admin.create_user_with_one_time_password(
                current_user,
                form.username.data,
                form.display_name.data or "",
                form.role.data,
                _unit_or_none(form.unit.data),
            )
            db.session.commit()
            return _show_password(user, password, created=True)
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
    else:
        form_error_summary(form)
    return render_template("admin/user_new.html", form=form)


def _show_password(user: User, password: str, created: bool):
    """The one-time password, shown once and never stored in a cookie or a cache."""
    response = make_response(
        render_template("admin/password.html", user=user, password=password, created=created)
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required("coordinator")
@recent_auth_required
def user(user_id: int):
    person = admin.get_or_404(User, user_id)
    current = {
        "display_name": person.display_name,
        "role": person.role,
        "unit": str(person.unit_id or ""),
    }
    form = UserForm(data=current).fill_choices(admin.list_units())
    if form.validate_on_submit():
        try:
            admin.update_user(
                current_user,
                person,
                form.display_name.data,
                form.role.data,
                _unit_or_none(form.unit.data),
            )
            return _done(gettext("Changes saved."), "admin.users")
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
    else:
        form_error_summary(form)
    return render_template("admin/user.html", form=form, person=person)


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@roles_required("coordinator")
@recent_auth_required
def deactivate_user(user_id: int):
    person = admin.get_or_404(User, user_id)
    if ButtonForm().validate_on_submit():
        try:
            admin.deactivate_user(current_user, person)
            message = gettext("%(name)s is deactivated and logged out.", name=person.display_name)
            return _done(message, "admin.user", user_id=user_id)
        except DomainError as error:
            db.session.rollback()
            apply_errors(None, error)
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@roles_required("coordinator")
@recent_auth_required
def reactivate_user(user_id: int):
    person = admin.get_or_404(User, user_id)
    if ButtonForm().validate_on_submit():
        admin.reactivate_user(current_user, person)
        return _done(
            gettext("%(name)s can log in again.", name=person.display_name),
            "admin.user",
            user_id=user_id,
        )
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@roles_required("coordinator")
@recent_auth_required
def reset_password(user_id: int):
    person = admin.get_or_404(User, user_id)
    if not ButtonForm().validate_on_submit():
        return redirect(url_for("admin.user", user_id=user_id))
    password = admin.reset_password(current_user, person)
    db.session.commit()
    return _show_password(person, password, created=False)


# Categories ----------------------------------------------------------------


@bp.route("/categories", methods=["GET", "POST"])
@roles_required("coordinator")
def categories():
    units = admin.list_units()
    chosen = _unit_or_none(request.args.get("unit")) or (units[0] if units else None)
    form = NewCategoryForm()
    if chosen is not None and form.validate_on_submit():
        try:
            category = admin.add_category(
                current_user, chosen, form.code.data, form.label_nb.data, form.label_en.data
            )
            message = gettext("Category added: %(code)s", code=category.code)
            return _done(message, "admin.categories", unit=chosen.id)
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
    else:
        form_error_summary(form)
    return render_template("admin/categories.html", units=units, chosen=chosen, form=form)


@bp.route("/categories/<int:category_id>", methods=["GET", "POST"])
@roles_required("coordinator")
def category(category_id: int):
    item = admin.get_or_404(Category, category_id)
    form = CategoryLabelForm(obj=item)
    if form.validate_on_submit():
        try:
            admin.relabel_category(current_user, item, form.label_nb.data, form.label_en.data)
            return _done(gettext("Changes saved."), "admin.categories", unit=item.unit_id)
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
    else:
        form_error_summary(form)
    return render_template("admin/category.html", form=form, category=item)


@bp.route("/categories/<int:category_id>/active", methods=["POST"])
@roles_required("coordinator")
def category_active(category_id: int):
    item = admin.get_or_404(Category, category_id)
    if ButtonForm().validate_on_submit():
        active = request.form.get("active") == "1"
        admin.set_category_active(current_user, item, active)
        message = gettext("Category in use again.") if active else gettext("Category retired.")
        return _done(message, "admin.categories", unit=item.unit_id)
    return redirect(url_for("admin.categories", unit=item.unit_id))


@bp.route("/categories/<int:category_id>/hms", methods=["POST"])
@roles_required("coordinator")
def category_hms(category_id: int):
    item = admin.get_or_404(Category, category_id)
    if ButtonForm().validate_on_submit():
        hms = request.form.get("hms") == "1"
        admin.set_category_hms(current_user, item, hms)
        message = (
            gettext("Marked as HMS: the safety representative sees its deviations.")
            if hms
            else gettext("No longer an HMS category.")
        )
        return _done(message, "admin.categories", unit=item.unit_id)
    return redirect(url_for("admin.categories", unit=item.unit_id))
