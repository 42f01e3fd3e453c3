"""JSON with orjson: the JSON Flask (and the database layer) would write, faster.

Every push and pull answer carries up to a hundred full records, and every push
is a JSON body; the standard library's encoder and decoder were a noticeable
part of a sync request's cost. Values orjson does not know itself (lazy
translated strings, dates, dataclasses) go to Flask's own ``default``, so they
come out as before. Keys keep the schemas' order (no sorting), and text is
written as UTF-8 instead of ``\\u`` escapes: the same JSON to any parser.
``dumps``/``loads`` below do the same for the database's JSON columns (the
stored answers of applied mutations) and for the push's bulk insert.

A request body is read by ``loads_request``: JSON nested deeper than
``MAX_DEPTH`` is refused (a 400, not a recursion error later), and a lone
UTF-16 surrogate escape (``"\\ud800"``, which orjson refuses for the whole
body) is read as text, so the one field that holds it is refused on its own
(app/text_policy.py) and the rest of a push goes on.
"""

import json

import orjson
from flask.json.provider import DefaultJSONProvider

MAX_DEPTH = 32

_OPTIONS = (
    orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS
)


def dumps(obj) -> str:
    """JSON text of plain data (aware datetimes as ISO 8601)."""
    return dump_bytes(obj).decode()


def dump_bytes(obj, newline: bool = False) -> bytes:
    """``dumps`` as UTF-8 bytes, where bytes go on (an answer's body, a statement's parameter)."""
    option = orjson.OPT_NON_STR_KEYS | (orjson.OPT_APPEND_NEWLINE if newline else 0)
    return orjson.dumps(obj, option=option)


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
        return loads_request(s)


class UnreadableJson(ValueError):
    """JSON Steg does not read: nested deeper than MAX_DEPTH, or NaN/Infinity."""


def _no_constants(name: str):
    raise UnreadableJson(f"{name} is not JSON")


def loads_request(body: str | bytes):
    """A request's JSON: orjson, or the standard parser for lone surrogates; depth-limited."""
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        if "surrogate" not in str(error):
            raise
        try:
            value = json.loads(body, parse_constant=_no_constants)
        except RecursionError:
            raise UnreadableJson("JSON nested too deep") from None
    _check_depth(body, value)
    return value


def _check_depth(body: str | bytes, value) -> None:
    opening = body.count(b"[" if isinstance(body, bytes) else "[")
    opening += body.count(b"{" if isinstance(body, bytes) else "{")
    if opening > MAX_DEPTH and _depth(value, MAX_DEPTH + 1) > MAX_DEPTH:
        raise UnreadableJson("JSON nested too deep")


def _depth(value, limit: int) -> int:
    """How deep ``value`` nests, counting no further than ``limit`` (level by level)."""
    depth, level = 0, [value] if isinstance(value, dict | list) else []
    while level and depth < limit:
        depth += 1
        children = []
        for each in level:
            values = each.values() if isinstance(each, dict) else each
            children.extend(child for child in values if isinstance(child, dict | list))
        level = children
    return depth
