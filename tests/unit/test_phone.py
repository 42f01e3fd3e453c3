"""A unit's phone number: Norwegian, kept as +47 and eight digits."""

import pytest

from app.phone import normalise_phone


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("91234567", "+4791234567"),
        ("912 34 567", "+4791234567"),
        ("+47 912 34 567", "+4791234567"),
        ("0047 22-12-34-56", "+4722123456"),
        ("(+47) 22.12.34.56", "+4722123456"),
        ("  ", None),
        ("", None),
        (None, None),
    ],
)
def test_a_norwegian_number_is_kept_as_plus_47_and_eight_digits(typed, kept):
    assert normalise_phone(typed) == kept


@pytest.mark.parametrize(
    "typed", ["113", "1234567", "12345678", "01234567", "912345678", "+46 912 34 567", "ring meg"]
)
def test_anything_else_is_refused(typed):
    with pytest.raises(ValueError, match="not a Norwegian phone number"):
        normalise_phone(typed)
