"""Pages with hostile input: a clear error beside the field, never a crash or a bare 500.

The text rule (app/text_policy.py) is declared once; these tests check that
every path applies it: every form, every query string, every schema that
loads JSON, and that the 500 handler itself cannot fail.
"""

import inspect

import pytest
from flask_wtf import FlaskForm
from marshmallow import Schema, fields
from sqlalchemy import text

import app.web as web_package
from app import create_app
from app.extensions import db
from app.models import Idea
from app.schemas import fields as policy_fields
from app.schemas.records import DATA_SCHEMAS
from app.web.forms_base import StegForm
from tests.web.leader_support import idea_id, load  # noqa: F401  (fixtures)

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Cache-Control")


def test_a_comment_with_a_control_character_is_shown_beside_the_field(app, login, idea_id):  # noqa: F811
    leader = login("leder")
    response = leader.post(
        f"/leader/ideas/{idea_id}/status",
        data={
            "status": "rejected",
            "comment": "Bra tanke,\x00 men vi har ikke budsjett.",
            "csrf_token": leader.csrf,
        },
    )
    assert response.status_code == 422
    assert "kontrolltegn" in response.text  # beside the field, in bokmål
    assert "men vi har ikke budsjett." in response.text  # what was typed is still there
    assert load(app, Idea, idea_id).status == "new"


def test_a_comment_is_stored_with_plain_line_breaks_in_normal_form_c(app, login, idea_id):  # noqa: F811
    leader = login("leder")
    response = leader.post(
        f"/leader/ideas/{idea_id}/status",
        data={
            "status": "rejected",
            "comment": "Fo\u0308rst:\r\nbudsjett",
            "csrf_token": leader.csrf,
        },
    )
    assert response.status_code == 302
    assert load(app, Idea, idea_id).decision_comment == "Först:\nbudsjett"


@pytest.mark.parametrize("query", ["q=%00", "q=a%07b", "status=%1b", "%00=1"])
def test_inbox_search_with_a_control_character_is_400_naming_it(login, query):
    response = login("leder").get(f"/leader/?{query}")
    assert response.status_code == 400
    assert "Adressen inneholder et tegn som ikke kan brukes." in response.text
    for header in SECURITY_HEADERS:
        assert header in response.headers


def test_inbox_search_with_ordinary_unicode_still_works(login):
    response = login("leder").get("/leader/?q=%C3%A6%C3%B8%C3%A5+%F0%9F%91%8D")
    assert response.status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_audit_filter_with_an_extreme_date_shows_the_field_error(login, day):
    response = login("koordinator").get(f"/admin/audit?day_from={day}&day_to={day}")
    assert response.status_code == 200
    assert "Må være mellom årene 1900 og 2199." in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/admin/users?unit=%C2%B2",
        "/admin/users?unit=99999999999999999999999",
        "/admin/categories?unit=%D9%A3",
        "/admin/audit?page=100000000000000000000000000",
        "/admin/audit?page=%C2%B2",
        "/admin/units/99999999999999999999999",
        "/admin/users/2147483648",
    ],
)
def test_coordinator_pages_with_odd_parameters_answer_without_a_crash(login, path):
    response = login("koordinator").get(path)
    assert response.status_code in (200, 404)


def test_login_with_a_nul_is_a_form_error(app, demo, client):
    from tests.conftest import csrf_from

    csrf = csrf_from(client.get("/login").text)
    response = client.post(
        "/login", data={"username": "ansatt\x00", "password": "x", "csrf_token": csrf}
    )
    assert response.status_code in (200, 422)
    assert "kontrolltegn" in response.text


# The 500 handler ---------------------------------------------------------------------


@pytest.fixture
def failing_app(database_url, app):
    """The real app with two routes that fail the way a database or a page can fail."""
    application = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url})

    def broken_statement():
        db.session.execute(text("SELECT no_such_column FROM no_such_table"))
        return "unreachable"

    application.add_url_rule("/broken", "broken", broken_statement)
    application.add_url_rule("/api/v1/broken", "api_broken", broken_statement)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_failed_statement_is_a_500_page_with_headers_and_the_next_request_works(failing_app):
    client = failing_app.test_client()
    response = client.get("/broken")
    assert response.status_code == 500
    assert "Noe gikk galt på serveren" in response.text
    for header in SECURITY_HEADERS:
        assert header in response.headers
    assert client.get("/login").status_code == 200


def test_a_failed_statement_under_the_api_is_the_json_envelope(failing_app):
    response = failing_app.test_client().get("/api/v1/broken")
    assert response.status_code == 500
    assert response.json["error"]["code"] == "server_error"
    assert "Content-Security-Policy" in response.headers


def test_when_the_error_page_itself_fails_the_answer_is_still_a_500_with_headers(failing_app):
    def broken_page_context():
        raise RuntimeError("a template helper fails")

    failing_app.context_processor(broken_page_context)
    client = failing_app.test_client()
    page, api = client.get("/broken"), client.get("/api/v1/broken")
    assert (page.status_code, api.status_code) == (500, 500)
    assert "Noe gikk galt på serveren. / Something went wrong on the server." in page.text
    assert api.json["error"]["code"] == "server_error"
    for header in SECURITY_HEADERS:
        assert header in page.headers
        assert header in api.headers


# One rule, applied everywhere --------------------------------------------------------


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_form_of_the_app_applies_the_text_rule(app):
    ours = [
        form
        for form in _subclasses(FlaskForm)
        if inspect.getmodule(form).__name__.startswith(web_package.__name__)
    ]
    assert len(ours) > 10
    assert [form for form in ours if not issubclass(form, StegForm)] == []


def _loaded_schemas(application):
    """Every schema a view loads a body or a query with, and the push's per-type data."""
    yield from DATA_SCHEMAS.values()
    for view in application.view_functions.values():
        for argument in getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", []):
            yield argument["schema"]


def _fields(schema: Schema):
    for field in schema.fields.values():
        yield field
        if isinstance(field, fields.Nested):
            yield from _fields(field.schema)


def test_every_schema_that_loads_json_applies_the_text_rule(app):
    schemas = [s if isinstance(s, Schema) else s() for s in _loaded_schemas(app)]
    assert len(schemas) >= 7
    for schema in schemas:
        for field in _fields(schema):
            if isinstance(field, fields.String):
                assert isinstance(field, policy_fields.String), (schema, field.name)
            if isinstance(field, fields.Date | fields.DateTime):
                assert isinstance(field, policy_fields.Day | policy_fields.UTCDateTime), (
                    schema,
                    field.name,
                )
