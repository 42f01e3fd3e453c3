"""A schema's load, compiled: the same fields, the same results and errors, less bookkeeping.

``Schema.load`` keeps an error store and builds a closure per field for every
object it reads; for a push of twenty mutations that bookkeeping costs more
than the fields' own work. ``compile_load(schema)`` walks the schema's load
fields once and writes the Python of one function for it (as
app/schemas/compiled.py does for dumps): read each key, hand it to the
field's own ``deserialize`` (the same type checks, text rule, validators and
defaults as marshmallow's), and build the dict in the schema's field order.

Only the way in is fast, never the way out: the moment anything is not plain
(the input is not a dict or a list, a field raises ``ValidationError``, a
required key is missing) the function gives the input to ``Schema.load``
itself, so every error, its messages and its ``valid_data`` come from
marshmallow. Schemas with hooks the compiler does not follow (post-load,
field or schema validators, pre-load hooks that want the original data),
dotted attributes, or unknown keys that are not excluded load through
``Schema.load`` as before. The schema stays the one definition: a field added
there is loaded here. tests/api/test_compiled_load.py holds both equal over
hostile input (hypothesis).

A schema opts in by deriving ``CompiledLoadSchema``: its ``load`` takes the
compiled path when called as webargs and ``Nested`` call it (no ``partial`` or
``unknown`` other than the schema's own), and ``Schema.load`` otherwise. The
code is compiled once per schema instance, at its first load: give webargs a
long-lived instance (``@blp.arguments(INSTANCE)``), not the class, which it
would instantiate (and so compile) for every request.
"""

from marshmallow import EXCLUDE, Schema, ValidationError, missing
from marshmallow.decorators import POST_LOAD, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA
from marshmallow.fields import Field


class _Slow(Exception):
    """Not the plain case: marshmallow's own load answers it."""


def compile_load(schema: Schema):
    """A function data -> dict (or list, for ``many``) equal to ``schema.load(data)``."""
    own = isinstance(schema, CompiledLoadSchema)
    fallback = super(CompiledLoadSchema, schema).load if own else schema.load
    if not _compilable(schema):
        return fallback
    names = {
        "_fallback": fallback,
        "_missing": missing,
        "_Slow": _Slow,
        "_ValidationError": ValidationError,
        "_schema": schema,
        "_dict": dict,
        "_list": list,
    }
    lines = ["def load_one(data):", "    if data.__class__ is not _dict:", "        raise _Slow"]
    if schema._hooks[PRE_LOAD]:
        lines += [
            "    data = _schema._invoke_load_processors('pre_load', data, many=False,"
            f" original_data=data, partial={schema.partial!r}, unknown={schema.unknown!r})",
            "    if data.__class__ is not _dict:",
            "        raise _Slow",
        ]
    lines.append("    out = {}")
    for index, (name, field) in enumerate(schema.load_fields.items()):
        lines += _field_lines(index, name, field, schema.partial, names)
    lines.append("    return out")
    if schema.many:
        lines += [
            "def load(data):",
            "    if data.__class__ is not _list:",
            "        return _fallback(data)",
            "    try:",
            "        return [load_one(item) for item in data]",
            "    except (_Slow, _ValidationError):",
            "        return _fallback(data)",
        ]
    else:
        lines += [
            "def load(data):",
            "    try:",
            "        return load_one(data)",
            "    except (_Slow, _ValidationError):",
            "        return _fallback(data)",
        ]
    source = "\n".join(lines)
    exec(compile(source, f"<compiled load of {type(schema).__name__}>", "exec"), names)  # noqa: S102
    return names["load"]


def _field_lines(index: int, name: str, field: Field, partial, names: dict) -> list[str]:
    """Python that reads one field into ``out``, or raises _Slow where marshmallow may object."""
    key = field.data_key if field.data_key is not None else name
    target = field.attribute or name
    extra = "" if partial is None else f", partial={partial!r}"
    lines = [f"    v = data.get({key!r}, _missing)"]
    if not _plain_field(field):  # the field's own deserialize, as Schema.load calls it
        names[f"_f{index}"] = field.deserialize
        indent = "    "
        if partial is True:
            lines.append("    if v is not _missing:")
            indent = "        "
        return lines + [
            f"{indent}v = _f{index}(v, {key!r}, data{extra})",
            f"{indent}if v is not _missing:",
            f"{indent}    out[{target!r}] = v",
        ]
    # Field.deserialize, unrolled: missing, None, the type's _deserialize, the validators.
    lines.append("    if v is _missing:")
    if partial is True:
        lines.append("        pass")
    elif field.required:
        lines.append("        raise _Slow")
    else:
        names[f"_d{index}"] = field.load_default
        default = f"_d{index}()" if callable(field.load_default) else f"_d{index}"
        lines += [f"        v = {default}", "        if v is not _missing:"]
        lines.append(f"            out[{target!r}] = v")
    lines.append("    elif v is None:")
    lines.append(f"        out[{target!r}] = None" if field.allow_none else "        raise _Slow")
    names[f"_f{index}"] = field._deserialize
    lines += ["    else:", f"        v = _f{index}(v, {key!r}, data{extra})"]
    for number, validator in enumerate(field.validators):
        names[f"_v{index}_{number}"] = validator
        lines += [f"        if _v{index}_{number}(v) is False:", "            raise _Slow"]
    lines.append(f"        out[{target!r}] = v")
    return lines


def _plain_field(field: Field) -> bool:
    """A field whose deserialize is marshmallow's own, with no per-field hooks."""
    kind = type(field)
    return (
        kind.deserialize is Field.deserialize
        and kind._validate is Field._validate
        and kind._validate_missing is Field._validate_missing
        and not field.pre_load
        and not field.post_load
    )


def _compilable(schema: Schema) -> bool:
    hooks = schema._hooks
    if hooks[POST_LOAD] or hooks[VALIDATES] or hooks[VALIDATES_SCHEMA]:
        return False
    if any(kwargs.get("pass_original") for _name, _many, kwargs in hooks[PRE_LOAD]):
        return False
    if schema.many and hooks[PRE_LOAD]:
        return False
    if schema.unknown != EXCLUDE or schema.partial not in (None, False, True):
        return False
    return all(
        "." not in (field.attribute or name) and (field.data_key is None or field.data_key)
        for name, field in schema.load_fields.items()
    )


class CompiledLoadSchema(Schema):
    """A schema whose plain ``load`` runs compiled (see the module's docstring)."""

    def load(self, data, *, many=None, partial=None, unknown=None):
        plain = (
            (many is None or bool(many) == self.many)
            and partial is None
            and (unknown is None or unknown == self.unknown)
        )
        if not plain:
            return super().load(data, many=many, partial=partial, unknown=unknown)
        loader = self.__dict__.get("_compiled_load")
        if loader is None:
            loader = self.__dict__["_compiled_load"] = compile_load(self)
        return loader(data)
