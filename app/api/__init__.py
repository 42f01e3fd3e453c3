"""The JSON API (v1): sync and leader actions, described by /api/v1/openapi.json."""

from http import HTTPStatus

from flask import Blueprint as FlaskBlueprint
from flask import Flask, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_smorest import Api, Blueprint
from marshmallow import missing
from webargs.flaskparser import FlaskParser, abort, is_json_request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from app.errors import error_response
from app.json_provider import UnreadableJson, loads_request
from app.schemas.sync import COMPONENTS, ErrorSchema
from app.web.guards import public

MAX_PUSH_BYTES = 1024 * 1024


class StegParser(FlaskParser):
    """Request bodies through the app's JSON boundary (app/json_provider.py)."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return missing
        try:
            return loads_request(req.get_data(cache=True))
        except UnreadableJson:
            abort(400, messages={"json": [str(UNREADABLE_JSON)]})


class StegBlueprint(Blueprint):
    ARGUMENTS_PARSER = StegParser()


UNREADABLE_JSON = _l("The JSON is nested too deeply, or holds NaN or Infinity.")
blp = StegBlueprint("api", __name__, url_prefix="/api/v1", description="Sync and leader actions")
meta = FlaskBlueprint("api_meta", __name__, url_prefix="/api/v1")


class StegApi(Api):
    """flask-smorest, minus its own error handlers and error shape.

    app/errors.py answers every error: one JSON envelope under /api/, pages
    elsewhere (and it keeps the ``Allow`` header on 405).
    """

    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self):
        pass


api = StegApi()


def documented_errors(*codes: int):
    """Document the error envelope for these status codes on one view."""

    def decorator(view):
        for code in codes:
            view = blp.alt_response(code, response=HTTPStatus(code).name)(view)
        return view

    return decorator


@blp.before_request
def _limit_push_size():
    """1 MiB per push (the app-wide limit is larger); 413 ``too_large`` beyond it."""
    if request.endpoint == "api.push" and (request.content_length or 0) > MAX_PUSH_BYTES:
        raise RequestEntityTooLarge()


@blp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    """The envelope, naming the fields a request body or query got wrong."""
    messages = (getattr(error, "data", None) or {}).get("messages")
    response = error_response(error.code or 500, fields=_flatten(messages) or None)
    response.headers.update((getattr(error, "data", None) or {}).get("headers") or {})
    return response


def _flatten(messages, prefix: str = "") -> dict:
    if not isinstance(messages, dict):
        return {}
    flat = {}
    for key, value in messages.items():
        name = f"{prefix}.{key}" if prefix else ("body" if key in ("json", "query") else str(key))
        if key in ("json", "query") and not prefix and isinstance(value, dict):
            flat.update(_flatten(value))
        elif isinstance(value, dict):
            flat.update(_flatten(value, name))
        else:
            flat[name] = [str(v) for v in (value if isinstance(value, list) else [value])]
    return flat


@meta.route("/openapi.json")
@public
def openapi_json():
    return jsonify(api.spec.to_dict())


def init_api(app: Flask) -> None:
    app.config.setdefault("API_TITLE", "Steg API")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    from app.api import actions, notifications, sync  # noqa: F401  (views register on blp)

    api.init_app(app)
    for name, schema in COMPONENTS.items():
        api.spec.components.schema(name, schema=schema)
    api.register_blueprint(blp)
    app.register_blueprint(meta)
