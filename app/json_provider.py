"""JSON with orjson: the JSON Flask (and the database layer) would write, several times faster.

Every push and pull answer carries up to a hundred full records, and every push
is a JSON body; the standard library's encoder and decoder were a noticeable
part of a sync request's cost. Values orjson does not know itself (lazy
translated strings, dates, dataclasses) go to Flask's own ``default``, so they
come out as before. Keys keep the schemas' order (no sorting), and text is
written as UTF-8 instead of ``\\u`` escapes: the same JSON to any parser.
``dumps``/``loads`` below do the same for the database's JSON columns (the
stored answers of applied mutations) and for the push's bulk insert.
"""

import orjson
from flask.json.provider import DefaultJSONProvider

_OPTIONS = (
    orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS
)


def dumps(obj) -> str:
    """JSON text of plain data (aware datetimes as ISO 8601)."""
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode()


loads = orjson.loads


class OrjsonProvider(DefaultJSONProvider):
    sort_keys = False

    def dumps(self, obj, **kwargs) -> str:
        option = _OPTIONS
        if kwargs.get("sort_keys", self.sort_keys):
            option |= orjson.OPT_SORT_KEYS
        if kwargs.get("indent"):
            option |= orjson.OPT_INDENT_2
        default = kwargs.get("default", self.default)
        return orjson.dumps(obj, default=default, option=option).decode()

    def loads(self, s: str | bytes, **kwargs):
        return orjson.loads(s)
