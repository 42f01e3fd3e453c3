"""People's push subscriptions: turn on (from the app), list and turn off (/account)."""

from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import PushSubscription
from app.services.errors import Invalid
from app.services.notifications.vapid import b64url_decode

MAX_PER_PERSON = 10
BAD_ENDPOINT = _l("This is not a push address the app can use.")
BAD_KEY = _l("The browser's push key is not valid.")


def subscribe(user, endpoint: str, p256dh: str, auth: str, label: str, config):
    """Keep this browser's subscription for ``user`` (a shared tablet's moves to the new person)."""
    _check_endpoint(endpoint, config["PUSH_ALLOW_HTTP"], config["PUSH_HOSTS"])
    _check_keys(p256dh, auth)
    sub = db.session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if sub is None:
        sub = PushSubscription(endpoint=endpoint)
        db.session.add(sub)
    sub.user_id, sub.p256dh, sub.auth, sub.device_label = user.id, p256dh, auth, label or ""
    db.session.flush()
    _keep_newest(user.id)
    return sub


def unsubscribe(user, endpoint: str) -> int:
    query = delete(PushSubscription).where(
        PushSubscription.user_id == user.id, PushSubscription.endpoint == endpoint
    )
    return db.session.execute(query).rowcount


def remove(user, subscription_id: int) -> int:
    query = delete(PushSubscription).where(
        PushSubscription.user_id == user.id, PushSubscription.id == subscription_id
    )
    return db.session.execute(query).rowcount


def listed(user) -> list[PushSubscription]:
    query = select(PushSubscription).where(PushSubscription.user_id == user.id)
    return list(db.session.scalars(query.order_by(PushSubscription.created_at.desc())))


def _check_endpoint(endpoint: str, allow_http: bool, hosts: tuple) -> None:
    """HTTPS to a known push service (``STEG_PUSH_HOSTS``), with no user name or password."""
    if not _usable_endpoint(endpoint, allow_http, hosts):
        raise Invalid(BAD_ENDPOINT, {"endpoint": [BAD_ENDPOINT]})


def _usable_endpoint(endpoint: str, allow_http: bool, hosts: tuple) -> bool:
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    schemes = ("https", "http") if allow_http else ("https",)
    if parts.scheme not in schemes or not host or parts.username or parts.password:
        return False
    return "*" in hosts or any(host == h or host.endswith("." + h) for h in hosts)


def _check_keys(p256dh: str, auth: str) -> None:
    if not _key_of(p256dh, 65, first=4) or not _on_curve(p256dh):
        raise Invalid(BAD_KEY, {"keys.p256dh": [BAD_KEY]})
    if not _key_of(auth, 16):
        raise Invalid(BAD_KEY, {"keys.auth": [BAD_KEY]})


def _key_of(text: str, size: int, first: int | None = None) -> bool:
    try:
        raw = b64url_decode(text)
    except ValueError:
        return False
    return len(raw) == size and (first is None or raw[0] == first)


def _on_curve(p256dh: str) -> bool:
    """The browser's key must be a point of P-256, or nothing can be encrypted for it."""
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(p256dh))
    except ValueError:
        return False
    return True


def _keep_newest(user_id: int) -> None:
    count = db.session.scalar(select(func.count()).where(PushSubscription.user_id == user_id))
    if count <= MAX_PER_PERSON:
        return
    oldest = select(PushSubscription.id).where(PushSubscription.user_id == user_id)
    oldest = oldest.order_by(PushSubscription.created_at, PushSubscription.id)
    doomed = list(db.session.scalars(oldest.limit(count - MAX_PER_PERSON)))
    db.session.execute(delete(PushSubscription).where(PushSubscription.id.in_(doomed)))
