"""Pages: the auth pages, the start page, and (later) the worker app and leader pages."""

from flask import Flask

from app.web import (
    account,
    admin,
    admin_sso,
    auth,
    board,
    exports,
    figures,
    hms,
    home,
    leader,
    meeting,
    register,
    review,
    sso,
    worker_app,
)
from app.web import audit as audit_pages
from app.web.params import DatabaseIdConverter


def register_web(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseIdConverter
    app.register_blueprint(auth.bp)
    sso.init_sso(app)
    app.register_blueprint(sso.bp)
    app.register_blueprint(home.bp)
    app.register_blueprint(worker_app.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(admin_sso.bp)
    app.register_blueprint(leader.bp)
    app.register_blueprint(hms.bp)
    app.register_blueprint(register.bp)
    app.register_blueprint(board.bp)
    app.register_blueprint(meeting.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(audit_pages.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(figures.bp)
