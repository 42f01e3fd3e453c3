"""Norwegian phone numbers, as a unit's "call your leader" number is kept.

Accepted: eight digits, the first 2–9, with or without +47 / 0047 before them,
and spaces, dots, dashes or brackets anywhere ("912 34 567", "+47 22 12 34 56").
Kept as ``+47`` and the eight digits, so the tablet can dial it (``tel:``).
"""

import re

_SEPARATORS = re.compile(r"[\s.\-()]")
_NUMBER = re.compile(r"^(?:\+47|0047)?([2-9]\d{7})$")


def normalise_phone(text: str | None) -> str | None:
    """``"+4791234567"`` for a Norwegian number, None for empty; ValueError otherwise."""
    compact = _SEPARATORS.sub("", text or "")
    if not compact:
        return None
    match = _NUMBER.match(compact)
    if not match:
        raise ValueError(f"not a Norwegian phone number: {text!r}")
    return "+47" + match.group(1)
