"""Pages: the auth pages, the start page, and (later) the worker app and leader pages."""

from flask import Flask

from app.web import auth, home


def register_web(app: Flask) -> None:
    app.register_blueprint(auth.bp)
    app.register_blueprint(home.bp)
