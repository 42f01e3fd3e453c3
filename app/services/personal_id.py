"""Recognise Norwegian national identity numbers in free text.

Fødselsnummer, D-nummer (day + 40) and H-nummer (month + 40): eleven digits,
a plausible date, and two valid mod-11 check digits, however they are written:
fullwidth or other Unicode digits, invisible characters inside, and any
grouping with short runs of spaces, dashes, dots or slashes between the groups.
The browser has a twin (static/js/lib/personal-id.js); both are checked against
the rule and the vectors in tests/vectors/personal_id.json. The algorithm is
described in docs/personal-id.md.
"""

import re
import unicodedata

from flask_babel import lazy_gettext as _l

from app.services.errors import Invalid

# What may stand between two groups of digits (after NFKC): whitespace of any kind,
# the hyphen and the Unicode dashes, the minus sign, dot and slash.
SEPARATORS = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u115f\u1160\u3164\uffa0"
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
    "./\u2044\u2215"
)
# At most this many separator characters between two groups ("010190 - 12377").
MAX_GAP = 3
# "+" and at most this many digits is a telephone country code, never part of a number.
MAX_COUNTRY_CODE = 3
# A day, a month and a four-digit year starting with these is a date, never a number.
YEAR_CENTURIES = ("19", "20")
# Removed before matching: format characters (zero-width space and joiner, soft hyphen,
# word joiner, BOM, bidi marks), combining marks, and control characters that are
# not line breaks or tabs.
INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me"})
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# ASCII and Latin letters only: nothing to fold (a shortcut, the result is the same).
PLAIN = re.compile(r"[\x00-\x7f\u00c0-\u024f]*")

_SEP = "[" + re.escape(SEPARATORS) + "]"
# A run of digit groups joined by short separators; never stops inside a group.
DIGIT_RUN = re.compile(rf"[0-9]+(?:{_SEP}{{1,{MAX_GAP}}}[0-9]+)*")
GROUP = re.compile(r"[0-9]+")
ASCII_DIGITS = "0123456789"
WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


REMOVE_IT = _l("Remove the national identity number. Write nothing that identifies a client.")


class PersonalIdNumber(Invalid):
    code = "personal_id_number"


def normalise(text: str) -> str:
    """Fold compatibility and Unicode digits to ASCII and drop invisible characters."""
    if not PLAIN.fullmatch(text):
        text = "".join(_fold(c) for c in unicodedata.normalize("NFKC", text))
    return CONTROLS.sub("", text)


def _fold(char: str) -> str:
    if char.isascii():
        return char
    category = unicodedata.category(char)
    if category in INVISIBLE_CATEGORIES:
        return ""
    return str(unicodedata.decimal(char)) if category == "Nd" else char


def find_personal_id_numbers(text: str | None) -> list[str]:
    """Every national identity number in ``text``, as it reads once normalised."""
    if not text:
        return []
    if PLAIN.fullmatch(text) and sum(map(text.count, ASCII_DIGITS)) < 11:
        return []  # the common case, and cheap
    text = normalise(text)
    found = []
    for run in DIGIT_RUN.finditer(text):
        if len(run[0]) < 11:
            continue  # fewer than 11 digits: dates, sums, most phone numbers
        groups = [(g.start(), g.end()) for g in GROUP.finditer(run[0])]
        if _country_code(text, run.start(), groups[0]):
            groups = groups[1:]
        for first, last in _eleven_digit_windows(groups):
            number = run[0][groups[first][0] : groups[last][1]]
            if not _holds_full_date(run[0], groups[first : last + 1]) and is_personal_id(
                "".join(GROUP.findall(number))
            ):
                found.append(number)
    return found


def _country_code(text: str, start: int, first_group: tuple[int, int]) -> bool:
    """Whether the run starts with a telephone country code: "+" and one to three digits."""
    return start > 0 and text[start - 1] == "+" and first_group[1] <= MAX_COUNTRY_CODE


def _eleven_digit_windows(groups: list[tuple[int, int]]):
    """(first, last) group of every run of whole consecutive groups holding 11 digits.

    A group is never cut, so a longer number is not sliced into an identity number; and
    the run is cut from its neighbours only where the gap is at least as wide as every
    gap inside it ("41 23 45 67 - 116 117" is a phone number and another number).
    """
    gaps = [b[0] - a[1] for a, b in zip(groups, groups[1:], strict=False)]
    for first in range(len(groups)):
        digits, last = 0, first
        while last < len(groups) and digits + groups[last][1] - groups[last][0] <= 11:
            digits += groups[last][1] - groups[last][0]
            last += 1
        last -= 1
        inner = max(gaps[first:last], default=0)
        cuts = gaps[first - 1 : first] + gaps[last : last + 1]
        if digits == 11 and all(cut >= inner for cut in cuts):
            yield first, last


def _holds_full_date(run: str, groups: list[tuple[int, int]]) -> bool:
    """Whether the groups hold a date with a four-digit year: d.m.yyyy ("5.11.2024 14.30")."""
    sizes = [end - start for start, end in groups]
    return any(
        sizes[k] <= 2
        and sizes[k + 1] <= 2
        and sizes[k + 2] == 4
        and run[groups[k + 2][0] : groups[k + 2][0] + 2] in YEAR_CENTURIES
        for k in range(len(groups) - 2)
    )


def is_personal_id(digits: str) -> bool:
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
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
