"""A schema's dump, compiled: the same fields, the same JSON, in less time.

``Schema.dump`` asks each field, for each object, how to find its value (an
accessor, a missing-value check, a default) before it formats it. For the
record schemas, dumped thousands of times a minute by push and pull, that
bookkeeping costs more than the formatting. ``compile_dump(schema)`` walks the
schema's dump fields once and writes the Python of one function for it: read
each attribute, format it with the field's own ``_serialize`` (strings,
integers and booleans as they are, UTC date-times directly, as ``UTCDateTime``
does; nested schemas and lists of them compiled the same way), and return the
dict literal. The schema stays the one definition: a field added there is
dumped here. Schemas with dump hooks, and objects that lack an attribute (where
marshmallow would use a default or leave the key out), go through
``Schema.dump`` itself.

A UTC date-time stays a ``datetime`` (in UTC) in the dict: the JSON encoder
(app/json_provider.py ``dumps``, orjson) writes it as ``isoformat()`` does,
with ``+00:00``, at a fraction of the cost. So the dict gives the same JSON as
``Schema.dump``, written with ``dumps``, which is how every dumped record
leaves (the sync answers, the stored answers of applied mutations).
tests/api/test_compiled_dump.py holds the two JSON texts equal;
docs/performance.md has the figures.
"""

from datetime import UTC

from marshmallow import Schema, fields

from app.schemas.fields import UTCDateTime


def compile_dump(schema: Schema):
    """A function object -> dict whose JSON (``dumps``) is that of ``schema.dump(object)``."""
    hooked = any(schema._hooks[k] for k in ("pre_dump", "post_dump"))
    # Only attribute names that are plain identifiers go into the generated code.
    unusual = any(not (f.attribute or n).isidentifier() for n, f in schema.dump_fields.items())
    if schema.many or hooked or unusual:
        return schema.dump
    names = {"_fallback": schema.dump, "_UTC": UTC}
    reads, items = [], []
    for index, (name, field) in enumerate(schema.dump_fields.items()):
        key = field.data_key or name
        attr = (field.attribute or name) if field._CHECK_ATTRIBUTE else None
        if attr is not None:
            reads.append(f"    v{index} = obj.{attr}")
        items.append(f"        {key!r}: {_expression(index, name, field, attr, names)},")
    source = "\n".join(
        ["def dump(obj):", "    try:", *("    " + line for line in reads)]
        + ["    except AttributeError:", "        return _fallback(obj)", "    return {"]
        + items
        + ["    }"]
    )
    exec(compile(source, f"<compiled dump of {type(schema).__name__}>", "exec"), names)  # noqa: S102
    return names["dump"]


def _expression(index: int, name: str, field: fields.Field, attr, names: dict) -> str:
    """Python for one field's JSON value, from ``v<index>`` (the attribute, read above)."""
    value, helper = f"v{index}", f"_f{index}"
    if attr is None:  # a field that reads no attribute (Function, Constant)
        names[helper] = field._serialize
        return f"{helper}(None, {name!r}, obj)"
    if isinstance(field, UTCDateTime):
        return f"{value} if {value} is None or {value}.tzinfo is _UTC else {value}.astimezone(_UTC)"
    if isinstance(field, fields.Nested) and not (field.many or field.schema.many):
        names[helper] = compile_dump(field.schema)
        return f"None if {value} is None else {helper}({value})"
    if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
        names[helper] = compile_dump(field.inner.schema)
        return f"None if {value} is None else [{helper}(each) for each in {value}]"
    names[helper] = field._serialize
    plain = _PLAIN.get(type(field))  # a value the field would return unchanged
    if plain is not None:
        return (
            f"{value} if {value} is None or {value}.__class__ is {plain.__name__} "
            f"else {helper}({value}, {name!r}, obj)"
        )
    return f"{helper}({value}, {name!r}, obj)"


_PLAIN = {fields.String: str, fields.Integer: int, fields.Boolean: bool}
