"""The privacy guard: national identity numbers in free text are found, look-alikes are not."""

import json
import random
from pathlib import Path

import pytest

from app.services.errors import Invalid
from app.services.personal_id import (
    INVISIBLE_CATEGORIES,
    MAX_COUNTRY_CODE,
    MAX_GAP,
    SEPARATORS,
    YEAR_CENTURIES,
    find_personal_id_numbers,
    is_personal_id,
    normalise,
    reject_personal_ids,
)

VECTORS = json.loads((Path(__file__).parents[1] / "vectors" / "personal_id.json").read_text())


@pytest.mark.parametrize("text", VECTORS["contains"])
def test_text_with_a_national_identity_number_is_caught(text):
    assert find_personal_id_numbers(text)


@pytest.mark.parametrize("text", VECTORS["clean"])
def test_text_without_one_passes(text):
    assert find_personal_id_numbers(text) == []


def test_the_rule_is_the_one_declared_with_the_vectors():
    rule = VECTORS["rule"]
    assert rule["separators"] == SEPARATORS
    assert rule["max_gap"] == MAX_GAP
    assert rule["max_country_code"] == MAX_COUNTRY_CODE
    assert sorted(INVISIBLE_CATEGORIES) == rule["invisible_categories"]
    assert list(YEAR_CENTURIES) == rule["year_centuries"]


def test_the_number_is_returned_as_it_reads():
    assert find_personal_id_numbers("fnr 010190 10046 og 24128510180") == [
        "010190 10046",
        "24128510180",
    ]
    assert find_personal_id_numbers("０１０１\u200b０１-１２３７７") == ["010101-12377"]


def test_normalising_folds_digits_and_drops_invisible_characters():
    assert normalise("０１\u00ad٢\u200b३\ufeff4\u20e3") == "01234"
    assert normalise("Kari på rom 12\u00a0B") == "Kari på rom 12 B"


def test_a_longer_number_is_never_sliced():
    assert find_personal_id_numbers("0101011237704") == []  # 13 digits in one piece
    assert find_personal_id_numbers("010101 123770") == []  # the 6-digit tail is one group
    assert find_personal_id_numbers("9 010101 12377") == ["010101 12377"]  # whole groups


def test_a_telephone_country_code_does_not_join_a_number():
    assert is_personal_id("47412345068")  # "47" and a phone number and "8" pass the checks
    assert find_personal_id_numbers("Tlf +47 41 23 45 06 8 ganger") == []
    assert find_personal_id_numbers("+01010112377") == ["01010112377"]


def test_refusal_names_every_field_that_holds_a_disguised_number():
    with pytest.raises(Invalid) as caught:
        reject_personal_ids(
            {"description": "Bruker 010\u00a0101\u00a0123\u00a077", "location": "Rom 214"}
        )
    assert caught.value.code == "personal_id_number"
    assert list(caught.value.fields) == ["description"]


def test_d_number_and_h_number_are_recognised():
    assert is_personal_id("45038210150")  # D-nummer: day + 40
    assert is_personal_id("01459010099")  # H-nummer: month + 40


def test_one_wrong_check_digit_is_enough_to_pass():
    assert is_personal_id("24128510180")
    assert not is_personal_id("24128510181")  # second check digit off
    assert not is_personal_id("24128510170")  # first check digit off


def test_only_a_plausible_date_counts():
    assert not is_personal_id("00019010007")  # checksums hold, day 00 does not exist


def test_random_numbers_after_a_real_date_mostly_pass():
    """Two check digits let about 1 in 121 through; order and phone numbers are not refused."""
    rng = random.Random(2026)
    numbers = [f"241285{rng.randrange(100_000):05d}" for _ in range(10_000)]
    caught = sum(is_personal_id(n) for n in numbers)
    assert 0 < caught < 200


def test_a_number_is_not_cut_out_of_a_run_where_the_gap_is_narrower_than_inside():
    assert is_personal_id("28439144116")  # a phone number and "116" pass the checks
    assert find_personal_id_numbers("Legevakt 28 43 91 44 - 116 117") == []
    assert find_personal_id_numbers("010101 - 12377") == ["010101 - 12377"]
    assert find_personal_id_numbers("010101 12377 - 9 stk") == ["010101 12377"]


def test_a_date_with_a_four_digit_year_and_a_time_is_not_a_number():
    assert is_personal_id("25120221917")
    assert find_personal_id_numbers("Hendelsen 25.1.2022 19.17") == []
    assert find_personal_id_numbers("Født 25.12.02 21917") == ["25.12.02 21917"]
