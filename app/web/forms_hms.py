"""Forms of the HMS pages: the leader's checklist, the safety representative's comment."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.labels import HMS_ANSWER, HMS_QUESTION
from app.models.event import HMS_CHECK_ITEMS
from app.services.hms import COMMENT_MAX
from app.services.injury_register import INJURY_MAX
from app.web.forms_base import StegForm


def _answer_field(item: str) -> RadioField:
    return RadioField(HMS_QUESTION[item], choices=[], validators=[Optional()])


class HmsChecklistForm(StegForm):
    """One yes / no / not relevant per item; an item left open stays unanswered."""

    hms_arbeidstilsynet = _answer_field("arbeidstilsynet")
    hms_police = _answer_field("police")
    hms_safety_rep = _answer_field("safety_rep")
    hms_follow_up = _answer_field("follow_up")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in HMS_CHECK_ITEMS:
            self[f"hms_{item}"].choices = [(code, str(word)) for code, word in HMS_ANSWER.items()]

    def answers(self) -> dict[str, str | None]:
        return {item: self[f"hms_{item}"].data for item in HMS_CHECK_ITEMS}

    def fill(self, answers: dict) -> "HmsChecklistForm":
        for item, answer in answers.items():
            if not self[f"hms_{item}"].data:
                self[f"hms_{item}"].data = answer
        return self


class HmsCommentForm(StegForm):
    comment = TextAreaField(
        _l("Your comment"),
        validators=[DataRequired(message=_l("Write your comment.")), Length(max=COMMENT_MAX)],
    )


PERSON_REF_LABEL = {
    "employee_number": _l("Injured employee: employee number"),
    "initials": _l("Injured employee: initials"),
}
PERSON_REF_KIND_LABEL = {
    "employee_number": _l("Employee number"),
    "initials": _l("Initials"),
}


class InjuryForm(StegForm):
    """The injury register's fields of an HMS deviation (the leader's page)."""

    person_ref = StringField(
        _l("Injured employee"),
        validators=[DataRequired(message=_l("Required.")), Length(max=20)],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    injury = TextAreaField(
        _l("The injury"),
        validators=[DataRequired(message=_l("Describe the injury.")), Length(max=INJURY_MAX)],
    )

    def for_kind(self, kind: str) -> "InjuryForm":
        self.person_ref.label.text = str(PERSON_REF_LABEL[kind])
        return self


class RegisterPeriodForm(StegForm):
    """A GET form: the register's unit (a coordinator chooses) and period, in the address."""

    class Meta:
        csrf = False

    unit = SelectField(_l("Unit"), choices=[], validators=[Optional()])
    first = DateField(_l("From (date)"), validators=[Optional()])
    last = DateField(_l("To (date)"), validators=[Optional()])


class PersonRefKindForm(StegForm):
    kind = RadioField(
        _l("The register names the injured employee by"),
        choices=[],
        validators=[DataRequired(message=_l("Required."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(code, str(word)) for code, word in PERSON_REF_KIND_LABEL.items()]
