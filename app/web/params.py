"""Numbers from the address, read so that no value can reach the database as an error.

``<int:...>`` in every route accepts only ids a database column can hold (a
larger one is 404, not an overflow); ``database_id`` and ``page_number`` read
query parameters the same way ("²" is a digit to ``str.isdigit``, not to int).
"""

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # INTEGER primary keys
MAX_PAGE = 100_000


class DatabaseIdConverter(IntegerConverter):
    """Werkzeug's int converter, capped at what an INTEGER column holds."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def database_id(value) -> int | None:
    """A positive id from a query or form value, or None."""
    text = str(value or "")
    if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID:
        return int(text)
    return None


def page_number(value) -> int:
    """A page from the query string: 1 when missing or unreadable, at most MAX_PAGE."""
    text = str(value or "")
    if text.isascii() and text.isdigit():
        return min(max(int(text), 1), MAX_PAGE)
    return 1
