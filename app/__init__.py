"""The Steg application factory: wiring only."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app import database, db_ping
from app.api import init_api
from app.cli import register_commands
from app.config import load_config
from app.errors import register_error_handlers
from app.extensions import babel, csrf, db, login_manager, migrate
from app.i18n import local_date, local_datetime, select_locale, select_timezone, template_context
from app.json_provider import OrjsonProvider
from app.models.base import render_migration_item
from app.notifications import init_notifications
from app.security import init_security
from app.services import push
from app.web import register_web
from app.web.current_user import configure_login

ROOT = Path(__file__).resolve().parent.parent


def create_app(env_name: str | None = None, overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(load_config(Path(app.instance_path), env_name))
    app.config.update(overrides or {})
    app.json = OrjsonProvider(app)
    Path(app.instance_path).mkdir(exist_ok=True)
    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    database.init_app(app)  # engine listeners: SQLite's write queue and settings
    db_ping.init_app(app)  # pool listeners: ping a connection that sat idle
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(ROOT / "migrations"),
        render_as_batch=True,
        compare_type=True,
        render_item=render_migration_item,
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    configure_login(app, login_manager)
    app.jinja_env.filters["local_datetime"] = local_datetime
    app.jinja_env.filters["local_date"] = local_date
    app.context_processor(template_context)

    push.init_app(app)
    register_error_handlers(app)
    init_security(app)
    register_web(app)
    init_api(app)
    register_commands(app)
    init_notifications(app)
    return app
