"""Forms of the coordinator's pages (units, users, categories)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from app.labels import ROLE
from app.web.forms_base import StegForm

REQUIRED = _l("Required.")


class UnitForm(StegForm):
    name = StringField(
        _l("Name of the unit"), validators=[DataRequired(message=REQUIRED), Length(max=120)]
    )
    board_shows_reporter = BooleanField(
        _l("Show workers who proposed each idea on the board"), default=True
    )


class UnitSettingsForm(UnitForm):
    """The unit's page: its name, the board's choice and whom to call when it is critical."""

    phone = StringField(
        _l("Phone number for critical deviations"),
        validators=[Length(max=40)],
        render_kw={"type": "tel", "autocomplete": "tel", "inputmode": "tel"},
    )


class UserForm(StegForm):
    """Edit a person: name, role, unit."""

    display_name = StringField(_l("Full name"), validators=[Length(max=120)])
    role = SelectField(_l("Role"), choices=[], validators=[DataRequired(message=REQUIRED)])
    unit = SelectField(_l("Unit"), choices=[], validators=[Optional()])

    def fill_choices(self, units) -> "UserForm":
        self.role.choices = [(code, str(label)) for code, label in ROLE.items()]
        self.unit.choices = [("", str(_l("No unit (coordinators only)")))] + [
            (str(u.id), u.name) for u in units
        ]
        return self


class NewUserForm(UserForm):
    username = StringField(
        _l("Username"),
        validators=[
            DataRequired(message=REQUIRED),
            Length(min=2, max=80),
            Regexp(r"^[A-Za-z0-9._-]+$", message=_l("Use letters a–z, digits, dot, dash or _.")),
        ],
        render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
    )


class CategoryLabelForm(StegForm):
    label_nb = StringField(
        _l("Name in Norwegian (bokmål)"),
        validators=[DataRequired(message=REQUIRED), Length(max=120)],
        render_kw={"lang": "nb"},
    )
    label_en = StringField(
        _l("Name in English"),
        validators=[DataRequired(message=REQUIRED), Length(max=120)],
        render_kw={"lang": "en"},
    )


class NewCategoryForm(CategoryLabelForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(message=REQUIRED), Length(max=40)],
        render_kw={"autocapitalize": "none", "spellcheck": "false"},
    )


class ButtonForm(StegForm):
    """A POST with only the CSRF token: deactivate, retire, reset password."""
