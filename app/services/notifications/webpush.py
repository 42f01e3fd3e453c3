"""One Web Push message to one subscription (RFC 8030, encrypted per RFC 8291 aes128gcm)."""

import json
from urllib.parse import urlsplit

from pywebpush import WebPushException, webpush

from app.services.notifications import vapid

GONE = (404, 410)  # the browser dropped the subscription: forget it, no retry


class SubscriptionGone(Exception):
    """The push service says this subscription no longer exists."""


def send(subscription, payload: dict, config) -> int:
    """POST the encrypted payload; the push service's status, or SubscriptionGone / an error."""
    key = vapid.load(config["VAPID_PRIVATE_KEY"])
    claims = {"sub": config["VAPID_SUBJECT"], "aud": _origin(subscription.endpoint)}
    try:
        response = webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
            vapid_private_key=key,
            vapid_claims=claims,
            content_encoding="aes128gcm",
            ttl=config["PUSH_TTL_SECONDS"],
            timeout=10,
            headers={"Urgency": "high" if payload.get("urgent") else "normal"},
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in GONE:
            raise SubscriptionGone(status) from error
        raise
    return response.status_code


def _origin(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"
