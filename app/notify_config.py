"""Notification settings from the environment: Web Push keys, the job queue, SMTP.

Read by app/config.py (one call); every value has a safe default, and nothing
is sent unless it is set up: no VAPID key, no push; no ``STEG_SMTP_HOST``, no
e-mail; no queue URL, the jobs run inline after the commit.
"""

import os
from pathlib import Path

DEV_VAPID_FILE = "vapid_private.pem"
# Google (Chrome, Edge on Android, Samsung Internet), Mozilla, Apple, Microsoft (Edge on Windows).
PUSH_HOSTS = (
    "fcm.googleapis.com,android.googleapis.com,push.services.mozilla.com,"
    "push.apple.com,notify.windows.com"
)


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if not value:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _dev_vapid_key(instance_path: Path, env_name: str) -> str:
    """``make run`` writes a development key into instance/ (``flask vapid-keys --dev``)."""
    key_file = instance_path / DEV_VAPID_FILE
    if env_name == "development" and key_file.exists():
        return key_file.read_text()
    return ""


def apply_notification_settings(config, instance_path: Path) -> None:
    """Set the notification settings on a Config object (see README, Configuration)."""
    env_name = config.ENV_NAME
    config.VAPID_PRIVATE_KEY = os.environ.get("STEG_VAPID_PRIVATE_KEY", "").strip() or (
        _dev_vapid_key(instance_path, env_name)
    )
    config.VAPID_SUBJECT = os.environ.get("STEG_VAPID_SUBJECT", "mailto:steg@localhost").strip()
    # Push services are HTTPS; plain HTTP only where a test runs its own endpoint.
    config.PUSH_ALLOW_HTTP = _flag("STEG_PUSH_ALLOW_HTTP", env_name == "testing")
    # Where the server may POST pushes: the browser makers' push services, by host suffix
    # (a subscription elsewhere would make the server call any address it is given).
    hosts = os.environ.get("STEG_PUSH_HOSTS") or ("*" if env_name == "testing" else PUSH_HOSTS)
    config.PUSH_HOSTS = tuple(h.strip().lower() for h in hosts.split(",") if h.strip())
    config.PUSH_TTL_SECONDS = int(os.environ.get("STEG_PUSH_TTL_SECONDS") or 24 * 3600)
    config.QUEUE_URL = os.environ.get("STEG_QUEUE_URL", "").strip() or config.REDIS_URL or ""
    config.QUEUE_NAME = os.environ.get("STEG_QUEUE_NAME", "steg-notifications").strip()
    config.QUEUE_RETRIES = int(os.environ.get("STEG_QUEUE_RETRIES") or 3)
    intervals = os.environ.get("STEG_QUEUE_RETRY_SECONDS") or "10,60,300"
    config.QUEUE_RETRY_SECONDS = [int(s) for s in intervals.split(",") if s.strip()]
    config.PUBLIC_URL = os.environ.get("STEG_PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")
    config.SMTP_HOST = os.environ.get("STEG_SMTP_HOST", "").strip()
    config.SMTP_PORT = int(os.environ.get("STEG_SMTP_PORT") or 587)
    config.SMTP_USERNAME = os.environ.get("STEG_SMTP_USERNAME", "")
    config.SMTP_PASSWORD = os.environ.get("STEG_SMTP_PASSWORD", "")
    config.SMTP_STARTTLS = _flag("STEG_SMTP_STARTTLS", True)
    config.MAIL_FROM = os.environ.get("STEG_MAIL_FROM", "steg@localhost").strip()
