"""Forms of the leader's pages: inbox filters, decisions, measures."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SearchField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import HiddenInput

from app.models import SEVERITIES
from app.services.inbox import PERIODS
from app.web.forms_base import StegForm
from app.web.labels import DEVIATION_STATUS, IDEA_STATUS, RECORD_TYPE, SEVERITY

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
    responsible = StringField(
        _l("Responsible (on approval)"), validators=[Optional(), Length(max=120)]
    )
    due_date = DateField(_l("Due date (on approval)"), validators=[Optional()])


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
