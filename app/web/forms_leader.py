"""Forms of the leader's pages: inbox filters, decisions, measures."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SearchField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import HiddenInput

from app.labels import DEVIATION_STATUS, IDEA_STATUS, RECORD_TYPE, SEVERITY
from app.models import SEVERITIES
from app.services.inbox import PERIODS
from app.web.forms_base import StegForm


def optional_id(value):
    """A select's id: None for "nobody", an int for a person; anything else is refused."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    text = str(value)
    if text.isascii() and text.isdigit() and len(text) <= 10:
        return int(text)
    raise ValueError(_l("Not a valid choice."))


COMMENT_HELP = _l("The reporter sees this. Write no names or other details about clients.")


class InboxFilterForm(StegForm):
    """A GET form: filters live in the address, so a filtered inbox can be bookmarked."""

    class Meta:
        csrf = False

    type = SelectField(_l("Type"), default="all")
    status = SelectField(_l("Status"), default="active")
    category = SelectField(_l("Category"), default="")
    severity = SelectField(_l("Severity"), default="")
    period = SelectField(_l("Period"), default="all")
    q = SearchField(_l("Search"), validators=[Optional(), Length(max=100)])

    def fill_choices(self, categories, locale: str) -> "InboxFilterForm":
        everything = ("", str(_l("All")))
        self.type.choices = [("all", str(_l("All")))] + [
            (k, str(v)) for k, v in RECORD_TYPE.items()
        ]
        self.status.choices = _status_choices()
        labels = {}
        for category in categories:  # one entry per code (a coordinator sees several units)
            labels.setdefault(category.code, category.label(locale))
        self.category.choices = [everything] + sorted(labels.items(), key=lambda kv: kv[1])
        self.severity.choices = [everything] + [(s, str(SEVERITY[s])) for s in SEVERITIES]
        self.period.choices = [(k, str(PERIOD_LABELS[k])) for k in PERIODS]
        return self


PERIOD_LABELS = {
    "7d": _l("Last 7 days"),
    "30d": _l("Last 30 days"),
    "90d": _l("Last 90 days"),
    "365d": _l("Last 12 months"),
    "all": _l("All time"),
}


def _status_choices() -> list[tuple[str, str]]:
    groups = [
        ("active", _l("New and open")),
        ("new", _l("New")),
        ("open", _l("Open (being worked on)")),
        ("finished", _l("Finished")),
        ("all", _l("All")),
    ]
    in_progress = f"{IDEA_STATUS['in_progress']} / {DEVIATION_STATUS['in_progress']}"
    specific = [
        (code, in_progress if code == "in_progress" else str(label))
        for code, label in {**IDEA_STATUS, **DEVIATION_STATUS}.items()
        if code != "new"
    ]
    return [(k, str(v)) for k, v in groups] + specific


class DecisionForm(StegForm):
    """The status buttons of an idea or a deviation. ``status`` comes from the button tapped."""

    status = StringField(validators=[DataRequired(message=_l("Choose what to do."))])
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    comment = TextAreaField(
        _l("Comment to the reporter"), validators=[Optional(), Length(max=4000)]
    )


class IdeaDecisionForm(DecisionForm):
    responsible_id = SelectField(
        _l("Responsible person (on approval)"), choices=[], coerce=optional_id, default=None
    )
    responsible = StringField(
        _l("Or write a name (on approval)"), validators=[Optional(), Length(max=120)]
    )
    due_date = DateField(_l("Due date (on approval)"), validators=[Optional()])
    learning = TextAreaField(
        _l("What was done and learnt (when done)"), validators=[Optional(), Length(max=4000)]
    )

    def fill_people(self, people) -> "IdeaDecisionForm":
        """The unit's people to choose from; the name is kept with the idea as well."""
        self.responsible_id.choices = [("", str(_l("Nobody chosen")))] + [
            (str(p.id), p.display_name) for p in people
        ]
        self.people = {p.id: p.display_name for p in people}
        return self

    def responsible_name(self) -> str | None:
        """The chosen person's name, else the name written in."""
        chosen = getattr(self, "people", {}).get(self.responsible_id.data)
        return chosen or self.responsible.data


class DeviationStatusForm(DecisionForm):
    closing_summary = TextAreaField(
        _l("Summary: what was done and learnt"), validators=[Optional(), Length(max=4000)]
    )


class MeasureForm(StegForm):
    text = TextAreaField(
        _l("What will be done"),
        validators=[DataRequired(message=_l("Describe the measure.")), Length(max=2000)],
    )
    responsible = StringField(_l("Who"), validators=[Optional(), Length(max=120)])
    due_date = DateField(_l("By when"), validators=[Optional()])


class IdeaFromDeviationForm(StegForm):
    """'Lag forbedringsforslag': the leader names the idea and writes the proposal."""

    title = StringField(
        _l("Title"),
        validators=[DataRequired(message=_l("Give the idea a short title.")), Length(max=200)],
    )
    proposal = TextAreaField(
        _l("Proposal"),
        validators=[DataRequired(message=_l("Write what you propose.")), Length(max=4000)],
    )


class ButtonForm(StegForm):
    """A POST with only the CSRF token (mark a measure done, make an idea)."""
