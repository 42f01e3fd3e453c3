"""Start-up configuration: secrets from the environment, safe defaults."""

import os
import subprocess
import sys

import pytest

from app import ROOT, create_app
from app.config import ConfigError, load_config


def test_production_without_secret_key_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(tmp_path, "production")


def test_production_takes_secret_and_database_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("DATABASE_URL", "postgresql://steg@db.example/steg")
    config = load_config(tmp_path, "production")
    assert config.SECRET_KEY == "x" * 64
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://steg@db.example/steg"
    assert config.SESSION_COOKIE_SECURE is True
    assert config.SESSION_COOKIE_HTTPONLY is True
    assert config.SESSION_COOKIE_SAMESITE == "Lax"


def test_development_generates_a_secret_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    first = load_config(tmp_path, "development")
    second = load_config(tmp_path, "development")
    assert len(first.SECRET_KEY) >= 32
    assert first.SECRET_KEY == second.SECRET_KEY
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert f"sqlite:///{tmp_path / 'steg.sqlite3'}" == first.SQLALCHEMY_DATABASE_URI


def test_unknown_environment_name_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="STEG_ENV"):
        load_config(tmp_path, "staging")


def test_app_in_testing_mode_uses_given_database(tmp_path):
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("x.db")


def test_production_start_without_secret_key_says_why_without_a_stack_trace(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env.update(STEG_ENV="production", DATABASE_URL=f"sqlite:///{tmp_path}/x.db")
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Steg cannot start: SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr
