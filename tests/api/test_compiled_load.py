"""The compiled loads (app/schemas/compiled_load.py) give exactly what marshmallow gives.

Over hostile input: any JSON value where a push's envelope, a mutation or a
record's data is expected, and near-valid mutations with one or more fields
replaced by text with NUL, lone surrogates or control characters, wrong types,
times without a zone or out of range, keys missing or added. The compiled
load and ``Schema.load`` must return equal results (in the same key order)
or raise the same error with the same messages and the same ``valid_data``.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from app import create_app
from app.schemas.compiled_load import CompiledLoadSchema, compile_load
from app.schemas.records import DATA_SCHEMAS, load_record_data
from app.schemas.sync import MAX_MUTATIONS, MutationSchema, PushRequestSchema, RefusedMutation
from tests.api.helpers import deviation_create, idea_create

HOSTILE_TEXT = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=st.sampled_from("a æ\x00\x1b\x7f\u200b\ud800\udfff\ufeff\n\t"), max_size=8),
    st.sampled_from(
        [
            "",
            "   ",
            "fall",
            "moderate",
            "severe",
            "create",
            "update",
            "deviation",
            "idea",
            "support",
            "pdsa",
            "2026-11-27T13:50:00+01:00",
            "2026-11-27T13:50:00",
            "2026-11-27",
            "1899-12-31T23:59:59+00:00",
            "2200-01-01T00:00:00+00:00",
            "0001-01-01T00:30:00+01:00",
            "9999-12-31T23:59:59-14:00",
            "0b0c6b0e-2f0a-4b7e-9c1e-3d6f7a8b9c0d",
            "0B0C6B0E2F0A4B7E9C1E3D6F7A8B9C0D",
            "x" * 41,
            "x" * 201,
            "Fødselsnummer 01010112345",
        ]
    ),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(allow_nan=False, allow_infinity=False),
    HOSTILE_TEXT,
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
    max_leaves=8,
)
VALUES = st.one_of(HOSTILE_TEXT, SCALARS, JSON)


@st.composite
def near_valid(draw, base):
    """A valid dict with some keys replaced by hostile values, some removed, some added."""
    data = dict(base)
    for key in draw(st.lists(st.sampled_from(sorted(base)), max_size=3, unique=True)):
        if draw(st.booleans()):
            data[key] = draw(VALUES)
        else:
            del data[key]
    data.update(draw(st.dictionaries(HOSTILE_TEXT, SCALARS, max_size=2)))
    return data


def mutations():
    valid = [deviation_create(), idea_create(), idea_create(deviation_id=None)]
    mutation = st.sampled_from(valid).flatmap(
        lambda m: st.one_of(
            st.just(m),
            near_valid(m),
            near_valid(m["data"]).map(lambda data: {**m, "data": data}),
        )
    )
    return mutation


def envelopes():
    items = st.lists(st.one_of(mutations(), JSON), max_size=4)
    return st.one_of(
        JSON,
        items.map(lambda mutations: {"device_id": "tablet-1", "mutations": mutations}),
        items.flatmap(lambda ms: near_valid({"device_id": "tablet-1", "mutations": ms})),
    )


def outcome(load, data):
    try:
        result = load(data)
    except ValidationError as error:
        return ("error", error.messages, _plain(error.valid_data))
    except RequestEntityTooLarge:
        return ("too large",)
    return ("ok", _plain(result))


def _plain(value):
    """Values as comparable data, dicts with their key order; refused items by what they say."""
    if isinstance(value, RefusedMutation):
        return ("refused", value.mutation_id, value.fields)
    if isinstance(value, dict):
        return [(key, _plain(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def assert_same(schema, data):
    compiled = compile_load(schema)
    assert compiled.__code__.co_filename.startswith("<compiled load")  # not the fallback
    assert outcome(compiled, data) == outcome(Schema.load.__get__(schema), data)
    assert outcome(schema.load, data) == outcome(Schema.load.__get__(schema), data)


@pytest.fixture(scope="module")
def request_context():
    """Messages are translated (lazy strings): a request in Norwegian, as a tablet's."""
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context("/", headers={"Accept-Language": "nb"}):
        yield


FAST = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(data=envelopes())
def test_a_push_envelope_loads_as_marshmallow_loads_it(request_context, data):
    assert_same(PushRequestSchema(), data)


@FAST
@given(data=st.lists(st.one_of(mutations(), JSON), max_size=4) | JSON)
def test_a_list_of_mutations_loads_as_marshmallow_loads_it(request_context, data):
    assert_same(MutationSchema(many=True), data)


VALID_DATA = {
    ("deviation", "create"): deviation_create()["data"],
    ("deviation", "update"): {"location": "Stue", "severity": "high"},
    ("idea", "create"): idea_create(deviation_id="0b0c6b0e-2f0a-4b7e-9c1e-3d6f7a8b9c0d")["data"],
    ("idea", "update"): {"title": "Ny tittel", "benefit": None},
    ("idea", "support"): {},
    ("idea", "unsupport"): {"extra": 1},
    ("idea", "comment"): {"text": "God idé"},
    ("idea", "just_do_it"): {"learning": "Vi gjorde det."},
}


@pytest.mark.parametrize("key", sorted(VALID_DATA))
@FAST
@given(data=st.data())
def test_a_records_data_loads_as_marshmallow_loads_it(request_context, key, data):
    base = VALID_DATA[key]
    value = data.draw(st.one_of(near_valid(base), JSON) if base else VALUES)
    assert_same(DATA_SCHEMAS[key], value)


def test_data_with_a_schema_validator_is_loaded_by_marshmallow_itself():
    schema = DATA_SCHEMAS[("idea", "pdsa")]
    assert compile_load(schema) == Schema.load.__get__(schema)


def test_the_hot_path_schemas_are_compiled():
    assert isinstance(PushRequestSchema(), CompiledLoadSchema)
    assert isinstance(MutationSchema(), CompiledLoadSchema)
    assert all(isinstance(schema, CompiledLoadSchema) for schema in DATA_SCHEMAS.values())


def test_a_valid_push_loads_to_typed_values(request_context):
    mutation = deviation_create()
    loaded = PushRequestSchema().load({"device_id": "t", "mutations": [mutation]})
    item = loaded["mutations"][0]
    assert str(item["mutation_id"]) == mutation["mutation_id"]
    assert item["client_time"].utcoffset().total_seconds() == 0
    data = load_record_data("deviation", "create", mutation["data"])
    assert data["occurred_at"].isoformat() == "2026-11-27T12:50:00+00:00"


def test_too_many_mutations_are_refused_before_any_field_is_read(request_context):
    with pytest.raises(RequestEntityTooLarge):
        PushRequestSchema().load({"mutations": [{}] * (MAX_MUTATIONS + 1)})
