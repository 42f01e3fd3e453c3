"""Every event of a record's history has words, the same on the leader pages (Python)
and the tablet (static/js/ui/labels.js), in bokmål and English."""

import re
from pathlib import Path

import pytest
from flask_babel import force_locale

from app.web import labels
from app.web.worker_app import js_catalog

LABELS_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "ui" / "labels.js"
BOARD_ACTIONS = {"supported", "unsupported", "commented", "just_done", "pdsa_updated"}


def js_event_words() -> dict[str, str]:
    """The `words` table of eventLabel(): {action: English msgid}."""
    source = LABELS_JS.read_text(encoding="utf-8")
    body = source[source.index("export function eventLabel") :]
    body = body[: body.index("};")]
    return dict(re.findall(r'(\w+): _\("([^"]+)"\)', body))


def test_python_and_js_have_the_same_event_words():
    python = {action: str(label._args[0]) for action, label in labels.EVENT_ACTION.items()}
    assert js_event_words() == python
    assert set(python) >= BOARD_ACTIONS


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_event_word_is_translated(app, lang):
    with app.test_request_context():
        catalog = js_catalog(lang)
        with force_locale(lang):
            for action, label in labels.EVENT_ACTION.items():
                msgid = str(label._args[0])
                assert catalog[msgid], action
                if lang == "nb":
                    assert catalog[msgid] != msgid, f"{action} has no bokmål words"
                    assert str(label) == catalog[msgid]
