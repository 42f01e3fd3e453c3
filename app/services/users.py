"""Units and people: create them, check who they are."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import ROLES, Category, Unit, User
from app.services.errors import Invalid
from app.services.passwords import check_password_rules, hash_password, verify_password


def authenticate(username: str, password: str) -> User | None:
    """The active user with this username and password, else None (same cost either way)."""
    user = find_user(username)
    password_ok = verify_password(user.password_hash if user else None, password)
    if user is None or not password_ok or not user.active:
        return None
    return user


def find_user(username: str) -> User | None:
    name = (username or "").strip().lower()
    return db.session.scalar(select(User).where(func.lower(User.username) == name))


def create_unit(name: str, categories: list[tuple[str, str, str]] = ()) -> Unit:
    name = name.strip()
    if not name:
        raise Invalid(_l("The unit needs a name."), {"name": [_l("Required.")]})
    if db.session.scalar(select(Unit).where(Unit.name == name)):
        raise Invalid(_l("A unit with that name exists."), {"name": [_l("Already in use.")]})
    unit = Unit(name=name)
    db.session.add(unit)
    for code, label_nb, label_en in categories:
        db.session.add(Category(unit=unit, code=code, label_nb=label_nb, label_en=label_en))
    db.session.flush()
    return unit


def create_user(
    username: str,
    password: str,
    role: str,
    unit: Unit | None,
    display_name: str = "",
    must_change_password: bool = False,
) -> User:
    username = (username or "").strip().lower()
    if not username:
        raise Invalid(_l("The username is required."), {"username": [_l("Required.")]})
    if find_user(username):
        raise Invalid(_l("That username is taken."), {"username": [_l("Already in use.")]})
    if role not in ROLES:
        raise Invalid(_l("Unknown role."), {"role": [_l("Unknown role.")]})
    if role != "coordinator" and unit is None:
        raise Invalid(_l("Workers and leaders belong to a unit."), {"unit": [_l("Required.")]})
    check_password_rules(password)
    user = User(
        username=username,
        display_name=display_name.strip() or username,
        role=role,
        unit=unit,
        password_hash=hash_password(password),
        must_change_password=must_change_password,
    )
    db.session.add(user)
    db.session.flush()
    return user


def place_person(user: User, role: str, unit_id: int | None) -> bool:
    """Give a person a role and a unit; False when nothing changed.

    What they may see changes with either, so their devices' pull cursors expire
    (``scope_version``, services/pull.py). The coordinator's user page and the
    SSO group mapping both come through here.
    """
    if (role, unit_id) == (user.role, user.unit_id):
        return False
    user.scope_version = User.scope_version + 1  # in SQL: two changes at once add two
    user.role, user.unit_id = role, unit_id
    db.session.flush()
    db.session.refresh(user, ["unit", "scope_version"])
    return True
