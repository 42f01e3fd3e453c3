"""Every code a person can meet has words, in bokmål and English, on the pages and
on the tablet, from one table (app/labels.py); dates read the same everywhere."""

import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask_babel import force_locale

from app import labels
from app.extensions import db
from app.i18n import local_date, local_datetime
from app.models import DEVIATION_STATUSES, IDEA_STATUSES, NOTIFICATION_KINDS, SEVERITIES, User
from app.services.history import EVENT_ACTIONS, add_event
from app.services.ideas import PDSA_FIELDS
from tests.web.leader_support import Deviation, make_deviation  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("nb", "en")
TABLES = {
    "idea status": (labels.IDEA_STATUS, IDEA_STATUSES),
    "deviation status": (labels.DEVIATION_STATUS, DEVIATION_STATUSES),
    "severity": (labels.SEVERITY, SEVERITIES),
    "record type": (labels.RECORD_TYPE, ("deviation", "idea")),
    "event": (labels.EVENT_ACTION, EVENT_ACTIONS),
    "pdsa note": (labels.PDSA_FIELD, PDSA_FIELDS),
    "notification kind": (labels.NOTIFICATION_KIND, NOTIFICATION_KINDS),
}
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def _word(table, code, lang):
    with force_locale(lang):
        return str(table[code])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_code_has_words_in_both_languages(app, table, lang):
    words, codes = TABLES[table]
    with app.test_request_context():
        missing = [c for c in codes if c not in words]
        assert not missing, f"{table}: no word for {missing}"
        for code in codes:
            word = _word(words, code, lang)
            assert word.strip(), f"{table} {code}: empty in {lang}"
            if lang == "nb":
                assert word != words[code]._args[0], f"{table} {code}: not translated to bokmål"


def test_every_event_the_code_writes_is_declared():
    """No add_event with a code outside EVENT_ACTIONS (they would have no words)."""
    import re

    written = set()
    for path in (ROOT / "app" / "services").rglob("*.py"):  # where events are written
        text = path.read_text(encoding="utf-8")
        written |= set(re.findall(r'add_event\([^)]*?"(\w+)"', text, flags=re.S))
        written |= set(re.findall(r'action="(\w+)"', text))
        written |= set(re.findall(r'"action": "(\w+)"', text))
    assert written, "found no events"
    assert written <= set(EVENT_ACTIONS), written - set(EVENT_ACTIONS)


def test_an_unknown_event_action_is_refused(app, demo):
    record_id = make_deviation(app)
    with app.app_context():
        leader = db.session.scalar(db.select(User).where(User.username == "leder"))
        with pytest.raises(ValueError, match="unknown event action"):
            add_event(db.session.get(Deviation, record_id), leader, "frobnicated")


@pytest.mark.parametrize("lang", LANGS)
def test_the_tablet_catalog_carries_the_same_words(app, client, lang):
    served = client.get(f"/app/i18n/{lang}.json").get_json()["@labels"]
    with app.test_request_context():
        for name, (words, codes) in TABLES.items():
            if name == "notification kind":
                continue  # pushes, e-mails and server pages only; the tablet has none
            key = {
                "idea status": ("status", "idea"),
                "deviation status": ("status", "deviation"),
                "severity": ("severity",),
                "record type": ("record_type",),
                "event": ("event",),
                "pdsa note": ("pdsa",),
            }[name]
            table = served
            for part in key:
                table = table[part]
            assert table == {c: _word(words, c, lang) for c in codes}, name


def run_node(payload: dict) -> dict:
    answer = subprocess.run(
        ["node", "tests/js/render_words.mjs"],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    return json.loads(answer.stdout)


CODES = {
    "status": {"idea": list(IDEA_STATUSES), "deviation": list(DEVIATION_STATUSES)},
    "event": list(EVENT_ACTIONS),
    "pdsa": list(PDSA_FIELDS),
}


@needs_node
@pytest.mark.parametrize("lang", LANGS)
def test_the_tablet_shows_the_words_of_the_table_for_every_code(app, client, lang):
    catalog = client.get(f"/app/i18n/{lang}.json").get_json()
    shown = run_node({"lang": lang, "catalog": catalog, "codes": CODES})
    with app.test_request_context():
        expected = {
            "status": {
                "idea": {c: _word(labels.IDEA_STATUS, c, lang) for c in IDEA_STATUSES},
                "deviation": {
                    c: _word(labels.DEVIATION_STATUS, c, lang) for c in DEVIATION_STATUSES
                },
            },
            "event": {c: _word(labels.EVENT_ACTION, c, lang) for c in EVENT_ACTIONS},
            "pdsa": {c: _word(labels.PDSA_FIELD, c, lang) for c in PDSA_FIELDS},
            "severity": {c: _word(labels.SEVERITY, c, lang) for c in SEVERITIES},
        }
    assert {k: shown[k] for k in expected} == expected


@needs_node
def test_the_tablet_says_change_for_a_code_it_has_no_word_for(client):
    catalog = client.get("/app/i18n/nb.json").get_json()
    shown = run_node({"lang": "nb", "catalog": catalog, "codes": {"event": ["frobnicated"]}})
    assert shown["event"] == {"frobnicated": "Endring"}


# Dates ---------------------------------------------------------------------

INSTANTS = [
    datetime(2026, 12, 20, 13, 3, tzinfo=UTC),  # winter time: 14:03 in Oslo
    datetime(2026, 7, 1, 22, 30, tzinfo=UTC),  # summer time: the next day in Oslo
    datetime(2026, 3, 29, 0, 59, tzinfo=UTC),  # the minute before summer time
    datetime(2026, 3, 29, 1, 0, tzinfo=UTC),  # summer time begins
    datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # the hour that comes twice
    datetime(2026, 9, 5, 8, 0, tzinfo=UTC),  # September (Sept in some browsers)
    datetime(2026, 5, 5, 8, 0, tzinfo=UTC),  # May (no abbreviation in bokmål)
    datetime(2025, 12, 31, 23, 0, tzinfo=UTC),  # new year in Oslo
]
DAYS = [date(2026, 12, 20), date(2026, 9, 5), date(2027, 1, 1)]


@pytest.mark.parametrize(
    ("lang", "expected_date", "expected_time"),
    [
        ("nb", "20. des. 2026", "20. des. 2026 kl. 14:03"),
        ("en", "20 Dec 2026", "20 Dec 2026, 14:03"),
    ],
)
def test_one_date_format_on_the_pages(app, lang, expected_date, expected_time):
    with app.test_request_context(), force_locale(lang):
        assert local_date(date(2026, 12, 20)) == expected_date
        assert local_datetime(INSTANTS[0]) == expected_time
        assert local_datetime(INSTANTS[0], "short") == expected_time
        assert local_datetime(INSTANTS[0], "HH:mm") == "14:03"
        assert local_date(INSTANTS[1]) == local_date(date(2026, 7, 2))


@needs_node
@pytest.mark.parametrize("lang", LANGS)
def test_the_tablet_writes_dates_exactly_as_the_pages(app, client, lang):
    catalog = client.get(f"/app/i18n/{lang}.json").get_json()
    shown = run_node(
        {
            "lang": lang,
            "catalog": catalog,
            "instants": [i.isoformat().replace("+00:00", "Z") for i in INSTANTS],
            "days": [d.isoformat() for d in DAYS],
        }
    )
    with app.test_request_context(), force_locale(lang):
        assert shown["datetimes"] == [local_datetime(i) for i in INSTANTS]
        assert shown["dates"] == [local_date(v) for v in [*INSTANTS, *DAYS]]


def test_leader_pages_write_dates_the_one_way(app, login):
    record_id = make_deviation(app, occurred_at=datetime(2026, 12, 20, 13, 3, tzinfo=UTC))
    html = login("leder").get(f"/leader/deviations/{record_id}").text
    assert "20. des. 2026 kl. 14:03" in html
