"""Gains on ideas: what may be recorded when, the errors per field, the conversion to
årsverk and kroner with its sentence, and the gain reaching the reporter's tablet."""

import pytest

from app.extensions import db
from app.models import Idea, ProgrammeSettings
from app.services import gains
from app.services.errors import Invalid
from tests.figures.support import idea_at, noon, person


def test_expected_gain_only_on_approval_or_later_and_realised_only_when_done(app_ctx, demo):
    new = db.session.get(Idea, idea_at(noon(11, 10)))
    with pytest.raises(Invalid) as refused:
        gains.record_gain(new, person("leder"), "expected", "time", "2")
    assert "stage" in refused.value.fields
    approved = db.session.get(Idea, idea_at(noon(11, 10), ("approved", noon(11, 11))))
    gains.record_gain(approved, person("leder"), "expected", "time", "2")
    with pytest.raises(Invalid) as refused:
        gains.record_gain(approved, person("leder"), "realised", "time", "2")
    assert "stage" in refused.value.fields


@pytest.mark.parametrize(
    ("kind", "hours", "kroner", "note", "field", "words"),
    [
        ("time", None, None, None, "hours_per_week", "Skriv timer per uke"),
        ("time", "mange", None, None, "hours_per_week", "Skriv timer per uke"),
        ("time", "0", None, None, "hours_per_week", "mer enn 0 timer"),
        ("time", "1001", None, None, "hours_per_week", "fra 0 til 1000"),
        ("money", None, None, None, "kroner_per_year", "kroner per år"),
        ("money", None, -5, None, "kroner_per_year", "hele kroner"),
        ("quality", None, None, None, "note", "Beskriv hva som blir bedre"),
        ("luck", None, None, None, "kind", "Velg hva slags gevinst"),
    ],
)
def test_a_bad_gain_is_refused_naming_the_field_in_norwegian(
    app_ctx, demo, kind, hours, kroner, note, field, words
):
    idea = db.session.get(Idea, idea_at(noon(11, 10), ("approved", noon(11, 11))))
    with pytest.raises(Invalid) as refused:
        gains.record_gain(idea, person("leder"), "expected", kind, hours, kroner, note)
    assert list(refused.value.fields) == [field]
    assert words in str(refused.value.fields[field][0])


def test_a_realised_gain_of_zero_needs_a_reason(app_ctx, demo):
    idea = db.session.get(Idea, idea_at(noon(11, 10), ("just_done", noon(11, 11))))
    with pytest.raises(Invalid) as refused:
        gains.record_gain(idea, person("leder"), "realised", "time", "0")
    assert "Skriv hvorfor" in str(refused.value.fields["note"][0])
    gain = gains.record_gain(
        idea, person("leder"), "realised", "time", "0", None, "Ble ikke tatt i bruk"
    )
    assert gain.minutes_per_week == 0


def test_recording_again_changes_the_one_gain_and_raises_the_version(app_ctx, demo):
    idea = db.session.get(Idea, idea_at(noon(11, 10), ("approved", noon(11, 11))))
    version = idea.version
    gains.record_gain(idea, person("leder"), "expected", "time", "2")
    gains.record_gain(idea, person("leder"), "expected", "time", "1,25")
    db.session.commit()
    assert [(g.stage, g.minutes_per_week, g.hours_per_week) for g in idea.gains] == [
        ("expected", 75, 1.25)
    ]
    assert idea.version == version + 2
    assert [e.action for e in idea.events][-2:] == ["gain_expected", "gain_expected"]


def test_conversion_shows_its_arithmetic_with_the_default_and_an_hourly_cost(app_ctx, demo):
    conversion = gains.convert(120)  # 2 hours a week
    assert (conversion.hours_per_year, conversion.arsverk, conversion.kroner_per_year) == (
        104.0,
        0.06,
        None,
    )
    assert conversion.explanation == (
        "2 timer i uka × 52 uker = 104 timer i året; "
        "104 timer ÷ 1\xa0695 timer per årsverk = 0,06 årsverk."
    )
    gains.update_settings(person("koordinator"), 1700, "Egen avtale", 650, "KS-snitt", 3)
    conversion = gains.convert(90)  # 1.5 hours a week
    assert conversion.kroner_per_year == 50700  # 78 hours × 650 kroner
    assert conversion.explanation == (
        "1,5 timer i uka × 52 uker = 78 timer i året; "
        "78 timer ÷ 1\xa0700 timer per årsverk = 0,05 årsverk. "
        "78 timer × 650 kroner i timen = 50\xa0700 kroner i året."
    )


def test_settings_refuse_bad_numbers_naming_the_field(app_ctx, demo):
    with pytest.raises(Invalid) as refused:
        gains.update_settings(person("koordinator"), 0, "x", -1, None, 1)
    assert set(refused.value.fields) == {"hours_per_arsverk", "hourly_cost", "repeat_threshold"}
    assert db.session.get(ProgrammeSettings, 1) is None
    assert gains.get_settings().hours_per_arsverk == 1695
    assert "37,5 timer" in gains.get_settings().hours_source
