"""One mapping from codes to words, in the words of domain.md."""

import pytest
from flask_babel import force_locale

from app import labels
from app.models import DEVIATION_STATUSES, IDEA_STATUSES, ROLES, SEVERITIES
from app.services.deviations import DEVIATION_TRANSITIONS
from app.services.ideas import IDEA_TRANSITIONS

DOMAIN_WORDS = {
    ("idea", "new"): "Ny",
    ("idea", "under_review"): "Til vurdering",
    ("idea", "approved"): "Godkjent",
    ("idea", "in_progress"): "Under arbeid",
    ("idea", "done"): "Gjennomført",
    ("idea", "rejected"): "Avvist",
    ("idea", "parked"): "Parkert",
    ("deviation", "new"): "Ny",
    ("deviation", "in_progress"): "Under behandling",
    ("deviation", "closed"): "Lukket",
}


def test_every_code_has_a_label():
    assert set(labels.IDEA_STATUS) == set(IDEA_STATUSES)
    assert set(labels.DEVIATION_STATUS) == set(DEVIATION_STATUSES)
    assert set(labels.SEVERITY) == set(SEVERITIES)
    assert set(labels.ROLE) == set(ROLES)
    assert set(labels.IDEA_ACTION) >= {s for t in IDEA_TRANSITIONS.values() for s in t}
    assert set(labels.DEVIATION_ACTION) >= {s for t in DEVIATION_TRANSITIONS.values() for s in t}


@pytest.mark.parametrize(("kind", "code"), sorted(DOMAIN_WORDS))
def test_status_words_are_those_of_domain_md(app, kind, code):
    with app.test_request_context(), force_locale("nb"):
        assert labels.status_label(kind, code) == DOMAIN_WORDS[(kind, code)]


def test_leader_buttons_use_the_domain_words(app):
    with app.test_request_context(), force_locale("nb"):
        words = [str(labels.IDEA_ACTION[c]) for c in ("approved", "rejected", "parked")]
        assert words == ["Godkjenn", "Avvis", "Parker"]
        assert str(labels.DEVIATION_ACTION["closed"]) == "Lukk avvik"
