"""E-mail addresses for the notification fallback, set by a coordinator."""

import re

from flask_babel import lazy_gettext as _l

from app.services import audit
from app.services.errors import Invalid

# Deliberately plain: one @, a dot in the domain, no spaces or angle brackets.
ADDRESS = re.compile(r"^[^@\s<>\"',;]{1,64}@[^@\s<>\"',;]+\.[^@\s<>\"',;]{2,}$")
BAD_ADDRESS = _l("Write an e-mail address like name@kommune.no, or leave it empty.")


def set_email(actor, user, address: str | None) -> None:
    address = (address or "").strip() or None
    if address is not None and (len(address) > 254 or not ADDRESS.match(address)):
        raise Invalid(BAD_ADDRESS, {"email": [BAD_ADDRESS]})
    if address == user.email:
        return
    user.email = address
    audit.record(
        "user_updated",
        actor,
        target_type="user",
        target_id=str(user.id),
        detail={"email": "set" if address else "removed"},
    )
