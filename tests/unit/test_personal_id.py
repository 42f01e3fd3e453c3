"""The privacy guard: national identity numbers in free text are found, look-alikes are not."""

import json
import random
from pathlib import Path

import pytest

from app.services.personal_id import find_personal_id_numbers, is_personal_id

VECTORS = json.loads((Path(__file__).parents[1] / "vectors" / "personal_id.json").read_text())


@pytest.mark.parametrize("text", VECTORS["contains"])
def test_text_with_a_national_identity_number_is_caught(text):
    assert find_personal_id_numbers(text)


@pytest.mark.parametrize("text", VECTORS["clean"])
def test_text_without_one_passes(text):
    assert find_personal_id_numbers(text) == []


def test_the_number_is_returned_as_written():
    assert find_personal_id_numbers("fnr 010190 10046 og 24128510180") == [
        "010190 10046",
        "24128510180",
    ]


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
