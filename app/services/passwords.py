"""Password hashing and the rules a new password must meet.

Rules (ASVS 2.1.1, 2.1.7): at least 12 characters, not in the list of common
passwords (app/security/common-passwords.txt), not the username. No rules on
character classes (ASVS 2.1.9); long passphrases are welcome.
"""

from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from app.services.errors import Invalid

MIN_LENGTH = 12
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent.parent / "security" / "common-passwords.txt"

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


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_common_password(password: str) -> bool:
    return password.strip().lower() in common_passwords()


def check_password_rules(password: str, field: str = "password", username: str = "") -> None:
    if len(password) < MIN_LENGTH:
        raise Invalid(
            _l("The password must be at least %(n)d characters.", n=MIN_LENGTH),
            {field: [_l("At least %(n)d characters.", n=MIN_LENGTH)]},
        )
    if is_common_password(password) or (username and password.lower() == username.lower()):
        message = _l("That password is too easy to guess. Choose another one.")
        raise Invalid(message, {field: [message]})


def change_password(user, current_password: str, new_password: str) -> None:
    """Set a new password after checking the current one and the rules (flushes nothing).

    The caller ends the person's other sessions (services/sessions.py).
    """
    if not verify_password(user.password_hash, current_password or ""):
        message = _l("The current password is wrong.")
        raise Invalid(message, {"current_password": [message]})
    check_password_rules(new_password or "", "new_password", user.username)
    if verify_password(user.password_hash, new_password):
        message = _l("The new password must differ from the current one.")
        raise Invalid(message, {"new_password": [message]})
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
