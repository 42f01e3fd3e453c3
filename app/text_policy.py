"""What text Steg accepts: the one rule every input path applies.

JSON bodies (app/schemas/fields.py), forms (app/web/forms_base.py), and query
strings and URL parts (app/security/input_guard.py) all call ``clean_text``.

Accepted: any Unicode text without a NUL, without other C0 control characters
except tab and line feed, and without lone UTF-16 surrogates (they cannot be
stored as UTF-8 and PostgreSQL refuses NUL). A carriage return is not refused
but folded into a line feed (browsers send textarea lines as CR LF), and text
is stored in Unicode normal form C, so "å" typed two ways is the same "å".
"""

import re
import unicodedata

from flask_babel import lazy_gettext as _l

# C0 controls but tab (\x09) and line feed (\x0a), DEL, and the surrogate block.
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n?")


def _refusal(character: str, position: int):
    if "\ud800" <= character <= "\udfff":
        return _l(
            "Contains a broken character (position %(position)d). Remove it and try again.",
            position=position,
        )
    return _l(
        "Contains a control character (position %(position)d) that cannot be stored. "
        "Remove it and try again.",
        position=position,
    )


class TextRefused(ValueError):
    """The text holds a character Steg does not store; ``message`` says which, in words."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def clean_text(value: str) -> str:
    """The text as Steg stores it (line feeds, NFC), or TextRefused naming the position."""
    if "\r" in value:
        value = _LINE_BREAKS.sub("\n", value)
    found = _REFUSED.search(value)
    if found is not None:
        raise TextRefused(_refusal(found.group(), found.start() + 1))
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def text_problem(value: str) -> str | None:
    """Why ``value`` would be refused, in the person's language, or None."""
    try:
        clean_text(value)
    except TextRefused as refused:
        return str(refused.message)
    return None
