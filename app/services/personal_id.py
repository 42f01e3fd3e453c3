"""Recognise Norwegian national identity numbers in free text.

Fødselsnummer, D-nummer (day + 40) and H-nummer (month + 40): eleven digits,
a plausible date, and two valid mod-11 check digits. Written with or without
one space between the six date digits and the five personal digits. The
browser has a twin of this function; both are checked against
tests/vectors/personal_id.json. The algorithm is described in docs/personal-id.md.
"""

import re

from flask_babel import lazy_gettext as _l

from app.services.errors import Invalid

# Eleven digits (optionally "DDMMYY NNNNN"), not part of a longer run of digits.
CANDIDATE = re.compile(r"(?<!\d)(\d{6}) ?(\d{5})(?!\d)")
WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


REMOVE_IT = _l("Remove the national identity number. Write nothing that identifies a client.")


class PersonalIdNumber(Invalid):
    code = "personal_id_number"


def find_personal_id_numbers(text: str | None) -> list[str]:
    """Every national identity number in ``text``, as written there."""
    if not text:
        return []
    return [m.group(0) for m in CANDIDATE.finditer(text) if is_personal_id(m[1] + m[2])]


def is_personal_id(digits: str) -> bool:
    if len(digits) != 11 or not digits.isdigit():
        return False
    numbers = [int(d) for d in digits]
    return _plausible_date(numbers) and _checks_ok(numbers)


def _plausible_date(n: list[int]) -> bool:
    day, month = n[0] * 10 + n[1], n[2] * 10 + n[3]
    if day > 40:  # D-nummer
        day -= 40
    if month > 40:  # H-nummer
        month -= 40
    return 1 <= day <= 31 and 1 <= month <= 12


def _check_digit(numbers: list[int], weights: tuple[int, ...]) -> int:
    """The mod-11 check digit for these numbers, or -1 when none exists (remainder 1)."""
    value = 11 - sum(w * d for w, d in zip(weights, numbers, strict=False)) % 11
    if value == 11:
        return 0
    return -1 if value == 10 else value


def _checks_ok(n: list[int]) -> bool:
    return _check_digit(n[:9], WEIGHTS_1) == n[9] and _check_digit(n[:10], WEIGHTS_2) == n[10]


def reject_personal_ids(values: dict) -> None:
    """Raise PersonalIdNumber naming every field whose text holds a national identity number."""
    fields = {
        name: [REMOVE_IT]
        for name, text in values.items()
        if isinstance(text, str) and find_personal_id_numbers(text)
    }
    if fields:
        raise PersonalIdNumber(
            _l("A national identity number is not allowed in free text."), fields
        )
