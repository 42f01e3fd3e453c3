"""Password hashing and the rules a new password must meet."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from app.services.errors import Invalid

MIN_LENGTH = 12

# Hash of a password nobody has: checked when the username is unknown, so a
# wrong username costs the same time as a wrong password.
_UNUSABLE = None


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(password_hash: str | None, password: str) -> bool:
    global _UNUSABLE
    if password_hash is None:
        if _UNUSABLE is None:
            _UNUSABLE = hash_password("unusable-password-for-timing")
        check_password_hash(_UNUSABLE, password)
        return False
    return check_password_hash(password_hash, password)


def check_password_rules(password: str, field: str = "password") -> None:
    if len(password) < MIN_LENGTH:
        raise Invalid(
            _l("The password must be at least %(n)d characters.", n=MIN_LENGTH),
            {field: [_l("At least %(n)d characters.", n=MIN_LENGTH)]},
        )
