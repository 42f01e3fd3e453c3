"""Entry point for gunicorn: ``gunicorn wsgi:app``."""

import sys

from app import create_app
from app.config import ConfigError

try:
    app = create_app()
except ConfigError as error:  # say what is wrong, not a stack trace
    sys.exit(f"Steg cannot start: {error}")
