"""One mapping from codes (statuses, severities, roles, actions) to the words people read.

Codes stay English in the database and the API; pages, and anyone else who
shows a code to a person, look the word up here so all screens say the same.
The tablet gets the same tables in its catalog (``js_labels``, served in
/app/i18n/<lang>.json), so static/js/ui/labels.js has no words of its own.
"""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.i18n import date_words
from app.services.hms import HMS_QUESTION

IDEA_STATUS = {
    "new": _l("New"),
    "under_review": _l("Under review"),
    "approved": _l("Approved"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
    "rejected": _l("Rejected"),
    "parked": _l("Parked"),
}

DEVIATION_STATUS = {
    "new": _l("New"),
    "in_progress": _l("Being handled"),
    "closed": _l("Closed"),
}

# The button a leader taps to move a record to that status.
IDEA_ACTION = {
    "new": _l("Back to new"),
    "under_review": _l("Review"),
    "approved": _l("Approve"),
    "in_progress": _l("Start work"),
    "done": _l("Mark done"),
    "rejected": _l("Reject"),
    "parked": _l("Park"),
}

DEVIATION_ACTION = {
    "new": _l("Back to new"),
    "in_progress": _l("Acknowledge"),
    "closed": _l("Close deviation"),
}
# The button on a closed deviation: a reopening is its own decision, with a reason.
REOPEN_ACTION = _l("Reopen deviation")

SEVERITY = {
    "low": _l("Low"),
    "moderate": _l("Moderate"),
    "high": _l("High"),
    "critical": _l("Critical"),
}

RECORD_TYPE = {
    "deviation": _l("Deviation"),
    "idea": _l("Improvement idea"),
}

ROLE = {
    "worker": _l("Worker"),
    "leader": _l("Leader"),
    "coordinator": _l("Lean coordinator"),
    "safety_rep": _l("Safety representative"),
}

EVENT_ACTION = {
    "created": _l("Reported"),
    "updated": _l("Edited by the reporter"),
    "status_changed": _l("Status changed"),
    "measure_added": _l("Measure added"),
    "measure_done": _l("Measure done"),
    "measure_reopened": _l("Measure reopened"),
    "idea_created_from_deviation": _l("Improvement idea made from this deviation"),
    "created_from_deviation": _l("Made from a deviation"),
    "commented": _l("Comment"),
    "supported": _l("Supported"),
    "unsupported": _l("Support withdrawn"),
    "just_done": _l("Done straight away"),
    "pdsa_updated": _l("PDSA notes updated"),
    "reopened": _l("Reopened"),
    # The HMS checklist (services/hms.py): one sentence per item and answer.
    "hms_arbeidstilsynet_yes": _l("Arbeidstilsynet has been notified"),
    "hms_arbeidstilsynet_no": _l("Arbeidstilsynet has not been notified"),
    "hms_arbeidstilsynet_not_relevant": _l("Notifying Arbeidstilsynet – not relevant"),
    "hms_police_yes": _l("The police have been notified"),
    "hms_police_no": _l("The police have not been notified"),
    "hms_police_not_relevant": _l("Notifying the police – not relevant"),
    "hms_safety_rep_yes": _l("The safety representative has been informed"),
    "hms_safety_rep_no": _l("The safety representative has not been informed"),
    "hms_safety_rep_not_relevant": _l("Informing the safety representative – not relevant"),
    "hms_follow_up_yes": _l("The employee has been followed up"),
    "hms_follow_up_no": _l("The employee has not been followed up"),
    "hms_follow_up_not_relevant": _l("Follow-up of the employee – not relevant"),
    "gain_expected": _l("Expected gain recorded"),
    "gain_realised": _l("Realised gain recorded"),
}

GAIN_KIND = {
    "time": _l("Time (hours a week)"),
    "quality": _l("Quality"),
    "safety": _l("Safety"),
    "working_environment": _l("Working environment"),
    "money": _l("Money (kroner a year)"),
}

GAIN_STAGE = {
    "expected": _l("Expected gain"),
    "realised": _l("Realised gain"),
}

# The HMS checklist's questions (the rule that needs them names them: services/hms.py)
# and answers, on the leader's deviation page.
HMS_ANSWER = {
    "yes": _l("Yes"),
    "no": _l("No"),
    "not_relevant": _l("Not relevant"),
}

# The board's age marker: words beside the colour (WCAG 1.4.1).
AGE_LEVEL = {
    "fresh": _l("Under 2 weeks"),
    "ageing": _l("2–4 weeks"),
    "old": _l("Over 4 weeks"),
}

# The PDSA notes an event names ("pdsa_updated": "pdsa_do, pdsa_plan").
PDSA_FIELD = {
    "pdsa_plan": _l("Plan"),
    "pdsa_do": _l("Do"),
    "pdsa_study": _l("Study"),
    "pdsa_act": _l("Act"),
}

# A notification's kind: the "Nytt" lists, and the title of its push or e-mail.
NOTIFICATION_KIND = {
    "answer": _l("You have an answer"),
    "critical_deviation": _l("New serious deviation"),
    "hms_case": _l("New HSE case"),
}

# The column headers of the exports (app/web/exports.py declares which columns).
EXPORT_COLUMN = {
    "id": _l("ID"),
    "reported_at": _l("Reported (Norwegian time)"),
    "occurred_at": _l("Time (Norwegian time)"),
    "title": _l("Title"),
    "problem": _l("Current situation"),
    "proposal": _l("Proposal"),
    "benefit": _l("Expected benefit"),
    "status": _l("Status"),
    "status_changed_at": _l("Status changed (Norwegian time)"),
    "reporter": _l("Reported by"),
    "responsible": _l("Responsible"),
    "due_date": _l("Due date"),
    "decision_comment": _l("Comment on the decision"),
    "learning": _l("What was done and learnt"),
    "from_deviation": _l("Made from a deviation"),
    "expected_gain": _l("Expected gain"),
    "expected_hours_per_week": _l("Expected hours per week"),
    "expected_kroner_per_year": _l("Expected kroner per year"),
    "realised_gain": _l("Realised gain"),
    "realised_hours_per_week": _l("Realised hours per week"),
    "realised_kroner_per_year": _l("Realised kroner per year"),
    "category": _l("Category"),
    "severity": _l("Severity"),
    "location": _l("Place"),
    "description": _l("What happened?"),
    "immediate_action": _l("Immediate action"),
    "closing_summary": _l("Summary"),
    "measures": _l("Measures"),
    "measures_done": _l("Measures done"),
}

YES_NO = {True: _l("Yes"), False: _l("No")}

# Shown for a code that has no word (a test sees to it that none is missing).
UNKNOWN = _l("Change")


def status_label(record_type: str, code: str | None) -> str:
    """The word for a status of a deviation or an idea ("" for None)."""
    if code is None:
        return ""
    table = DEVIATION_STATUS if record_type == "deviation" else IDEA_STATUS
    return str(table.get(code, code))


def deviation_action_label(deviation, code: str) -> str:
    """The button to move a deviation to ``code``: on a closed one, "Reopen deviation"."""
    if deviation.status == "closed":
        return str(REOPEN_ACTION)
    return str(DEVIATION_ACTION.get(code, UNKNOWN))


def action_label(code: str) -> str:
    return str(EVENT_ACTION.get(code, UNKNOWN))


def event_comment(event) -> str:
    """An event's comment as words: PDSA field codes become their names."""
    if event.action == "pdsa_updated" and event.comment:
        names = [c.strip() for c in event.comment.split(",")]
        return ", ".join(str(PDSA_FIELD.get(n, n)) for n in names)
    return event.comment or ""


def _words(table: dict) -> dict[str, str]:
    return {code: str(word) for code, word in table.items()}


def js_labels(lang: str) -> dict:
    """The tables in one language, for the tablet's catalog."""
    with force_locale(lang):
        return {
            "status": {"idea": _words(IDEA_STATUS), "deviation": _words(DEVIATION_STATUS)},
            "severity": _words(SEVERITY),
            "record_type": _words(RECORD_TYPE),
            "event": _words(EVENT_ACTION),
            "pdsa": _words(PDSA_FIELD),
            "gain_kind": _words(GAIN_KIND),
            "unknown": str(UNKNOWN),
            "dates": date_words(lang),
        }


def template_labels() -> dict:
    """Put the tables and helpers in every template (registered by the pages that need them)."""
    return {
        "status_label": status_label,
        "action_label": action_label,
        "event_comment": event_comment,
        "severity_label": lambda code: str(SEVERITY.get(code, code)),
        "role_label": lambda code: str(ROLE.get(code, code)),
        "type_label": lambda code: str(RECORD_TYPE.get(code, code)),
        "age_level_label": lambda code: str(AGE_LEVEL.get(code, code)),
        "hms_question": lambda code: str(HMS_QUESTION.get(code, code)),
        "hms_answer": lambda code: str(HMS_ANSWER.get(code, code)),
        "gain_kind_label": lambda code: str(GAIN_KIND.get(code, code)),
        "gain_stage_label": lambda code: str(GAIN_STAGE.get(code, code)),
    }
