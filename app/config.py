"""Configuration: everything from the environment, safe defaults.

``STEG_ENV`` picks the class: ``production`` (the default, so a forgotten
setting fails safe), ``development`` (``make run``) or ``testing``.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from app import json_provider
from app.notify_config import apply_notification_settings


class ConfigError(RuntimeError):
    """The environment does not describe a runnable app."""


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{instance_path / 'steg.sqlite3'}"
    # Accept the plain forms hosting providers hand out; we speak psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if not value:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _discovery_url(issuer: str) -> str:
    """The provider's discovery document; the issuer URL alone is enough."""
    suffix = "/.well-known/openid-configuration"
    return issuer if issuer.endswith(suffix) else issuer.rstrip("/") + suffix


def _dev_secret_key(instance_path: Path) -> str:
    """A key made once and kept in instance/, so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    ENV_NAME = "production"
    # JSON columns (stored push answers, audit details) through orjson, as the API's JSON.
    SQLALCHEMY_ENGINE_OPTIONS = {
        "json_serializer": json_provider.dumps,
        "json_deserializer": json_provider.loads,
    }
    BABEL_DEFAULT_LOCALE = "nb"
    BABEL_DEFAULT_TIMEZONE = "Europe/Oslo"
    LANGUAGES = ("nb", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "steg_session"
    # The cookie is made at login to live exactly as long as the session may
    # (SESSION_ABSOLUTE_HOURS); re-signing it on every answer would add nothing.
    SESSION_REFRESH_EACH_REQUEST = False
    # Tokens live as long as the session that holds them; the app fetches a fresh
    # one before every sync, so a queue replayed after a long shift still passes.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_SSL_STRICT = True
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    PASSWORD_HASH_METHOD = "scrypt"
    # Login throttling (app/security/limiter.py); the test suite switches it off
    # except in the tests that check it.
    LOGIN_THROTTLE_DEFAULT = True

    def __init__(self, instance_path: Path):
        self.SQLALCHEMY_DATABASE_URI = _database_url(instance_path)
        self.REDIS_URL = os.environ.get("REDIS_URL")
        self.SESSION_ABSOLUTE_HOURS = _env_int("STEG_SESSION_HOURS", 12)
        self.PERMANENT_SESSION_LIFETIME = timedelta(hours=self.SESSION_ABSOLUTE_HOURS)
        self.SESSION_IDLE_MINUTES = _env_int("STEG_SESSION_IDLE_MINUTES", 30)
        self.PROXY_HOPS = _env_int("STEG_PROXY_HOPS", 0)
        # The coordinator's programme figures are kept this long (services/figures/snapshots.py).
        self.FIGURES_MAX_AGE_SECONDS = _env_int("STEG_FIGURES_MAX_AGE_SECONDS", 600)
        self._security_settings()
        self._sso_settings()
        apply_notification_settings(self, instance_path)
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or self._fallback_secret(instance_path)

    def _security_settings(self) -> None:
        """Throttling, re-authentication and retention (docs/security.md)."""
        self.LOGIN_THROTTLE = _env_bool("STEG_LOGIN_THROTTLE", self.LOGIN_THROTTLE_DEFAULT)
        self.LOGIN_LIMIT_ACCOUNT = os.environ.get("STEG_LOGIN_LIMIT_ACCOUNT", "10 per 15 minutes")
        self.LOGIN_LIMIT_ADDRESS = os.environ.get("STEG_LOGIN_LIMIT_ADDRESS", "50 per 15 minutes")
        # "database": counts in table throttle_hits, exact across processes (throttle_store.py).
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "database"
        self.RATELIMIT_KEY_PREFIX = os.environ.get("STEG_RATELIMIT_PREFIX", "steg")
        self.REAUTH_MINUTES = _env_int("STEG_REAUTH_MINUTES", 15)
        self.RETENTION_DEVIATION_YEARS = _env_int("STEG_RETENTION_DEVIATION_YEARS", 5)
        self.RETENTION_IDEA_YEARS = _env_int("STEG_RETENTION_IDEA_YEARS", 3)
        self.NOTIFICATION_KEEP_DAYS = _env_int("STEG_NOTIFICATION_KEEP_DAYS", 90)

    def _sso_settings(self) -> None:
        """Sign-in with the municipality's account (OpenID Connect; docs/sso-entra-id.md)."""
        issuer = os.environ.get("STEG_OIDC_ISSUER", "").strip()
        self.OIDC_DISCOVERY_URL = _discovery_url(issuer) if issuer else ""
        self.OIDC_CLIENT_ID = os.environ.get("STEG_OIDC_CLIENT_ID", "").strip()
        self.OIDC_CLIENT_SECRET = os.environ.get("STEG_OIDC_CLIENT_SECRET", "")
        self.OIDC_SCOPES = os.environ.get("STEG_OIDC_SCOPES", "openid profile email").strip()
        self.OIDC_SUBJECT_CLAIM = os.environ.get("STEG_OIDC_SUBJECT_CLAIM", "sub").strip()
        self.OIDC_GROUPS_CLAIM = os.environ.get("STEG_OIDC_GROUPS_CLAIM", "groups").strip()
        self.OIDC_LEEWAY_SECONDS = _env_int("STEG_OIDC_LEEWAY_SECONDS", 60)
        self.OIDC_ENABLED = bool(issuer)
        self.LOCAL_LOGIN = _env_bool("STEG_LOCAL_LOGIN", True)
        if self.OIDC_ENABLED and not (self.OIDC_CLIENT_ID and self.OIDC_CLIENT_SECRET):
            raise ConfigError(
                "STEG_OIDC_ISSUER is set: set STEG_OIDC_CLIENT_ID and STEG_OIDC_CLIENT_SECRET too."
            )
        if self.OIDC_ENABLED and "openid" not in self.OIDC_SCOPES.split():
            raise ConfigError("STEG_OIDC_SCOPES must include openid.")
        if not self.LOCAL_LOGIN and not self.OIDC_ENABLED:
            raise ConfigError(
                "STEG_LOCAL_LOGIN is off but no STEG_OIDC_ISSUER is set: nobody could log in."
            )

    def _fallback_secret(self, instance_path: Path) -> str:
        raise ConfigError(
            "SECRET_KEY is not set. Set it to a long random value in the environment "
            "(for example: python -c 'import secrets; print(secrets.token_hex(32))')."
        )


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_SSL_STRICT = False

    def _fallback_secret(self, instance_path: Path) -> str:
        return _dev_secret_key(instance_path)


class TestingConfig(DevelopmentConfig):
    ENV_NAME = "testing"
    TESTING = True
    # Fewer rounds so the suite can log in hundreds of times; same code path.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    # The suite logs in hundreds of times from 127.0.0.1; tests/security turns it on.
    LOGIN_THROTTLE_DEFAULT = False

    def _fallback_secret(self, instance_path: Path) -> str:
        return "testing-secret-not-for-production"


CONFIGS = {
    "production": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def load_config(instance_path: Path, env_name: str | None = None) -> Config:
    name = env_name or os.environ.get("STEG_ENV", "production")
    if name not in CONFIGS:
        raise ConfigError(f"STEG_ENV must be one of {', '.join(CONFIGS)}, not {name!r}.")
    return CONFIGS[name](instance_path)
