"""What the lean coordinator does: run units, people and categories.

Every function flushes, never commits; the page that calls it commits.
Each change leaves a line in the audit log (who, what, which record).
"""

import re
import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import ROLES, Category, Unit, User
from app.services import audit as audit_log
from app.services.errors import Invalid, NotFound
from app.services.passwords import hash_password
from app.services.sessions import end_all_sessions
from app.services.users import create_unit, create_user, place_person

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
# No look-alikes (0/O, 1/l/I): the coordinator reads it out or writes it down.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def audit(actor: User, action: str, target_type: str, target_id, detail: dict | None = None):
    """One line in the audit log for a coordinator's change."""
    audit_log.record(
        action, actor=actor, target_type=target_type, target_id=target_id, detail=detail
    )


def get_or_404(model, record_id):
    record = db.session.get(model, record_id)
    if record is None:
        raise NotFound(_l("We could not find what you were looking for."))
    return record


def list_units() -> list[Unit]:
    return list(db.session.scalars(select(Unit).order_by(Unit.name)))


def unit_user_counts() -> dict[int, int]:
    rows = db.session.execute(
        select(User.unit_id, func.count()).where(User.active).group_by(User.unit_id)
    )
    return dict(rows.all())


def add_unit(actor: User, name: str) -> Unit:
    unit = create_unit(name)
    audit(actor, "unit_created", "unit", unit.id, {"name": unit.name})
    return unit


def rename_unit(unit: Unit, name: str, actor: User) -> Unit:
    name = (name or "").strip()
    if not name:
        raise Invalid(_l("The unit needs a name."), {"name": [_l("Required.")]})
    taken = db.session.scalar(select(Unit).where(Unit.name == name, Unit.id != unit.id))
    if taken:
        raise Invalid(_l("A unit with that name exists."), {"name": [_l("Already in use.")]})
    audit(actor, "unit_renamed", "unit", unit.id, {"from": unit.name, "to": name})
    unit.name = name
    db.session.flush()
    return unit


def one_time_password() -> str:
    """A fresh password to hand over once, e.g. ``k7mq-xw3p-9rta``; changed at first login."""
    groups = ("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def create_user_with_one_time_password(
    actor: User, username: str, display_name: str, role: str, unit: Unit | None
) -> tuple[User, str]:
    password = one_time_password()
    user = create_user(
        username, password, role, _unit_for(role, unit), display_name, must_change_password=True
    )
    audit(actor, "user_created", "user", user.id, {"role": role, "unit_id": user.unit_id})
    return user, password


def _unit_for(role: str, unit: Unit | None) -> Unit | None:
    """Coordinators work across units and belong to none."""
    return None if role == "coordinator" else unit


def update_user(actor: User, user: User, display_name: str, role: str, unit: Unit | None) -> User:
    if role not in ROLES:
        raise Invalid(_l("Unknown role."), {"role": [_l("Unknown role.")]})
    unit = _unit_for(role, unit)
    if role != "coordinator" and unit is None:
        raise Invalid(_l("Workers and leaders belong to a unit."), {"unit": [_l("Required.")]})
    if user.id == actor.id and role != user.role:
        raise Invalid(
            _l("You cannot change your own role."), {"role": [_l("Ask another coordinator.")]}
        )
    before = {"role": user.role, "unit_id": user.unit_id}
    user.display_name = (display_name or "").strip() or user.username
    place_person(user, role, unit.id if unit else None)
    db.session.flush()
    audit(
        actor,
        "user_updated",
        "user",
        user.id,
        {"from": before, "role": role, "unit_id": user.unit_id},
    )
    return user


def deactivate_user(actor: User, user: User) -> int:
    """Deactivate a person and end every session they have, at once. Returns how many."""
    if user.id == actor.id:
        raise Invalid(
            _l("You cannot deactivate yourself."), {"user": [_l("Ask another coordinator.")]}
        )
    user.active = False
    ended = end_all_sessions(user)
    audit(actor, "user_deactivated", "user", user.id, {"sessions_ended": ended})
    db.session.flush()
    return ended


def reactivate_user(actor: User, user: User) -> User:
    user.active = True
    audit(actor, "user_reactivated", "user", user.id)
    db.session.flush()
    return user


def reset_password(actor: User, user: User) -> str:
    """A new one-time password; the old one and every session stop working."""
    password = one_time_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    end_all_sessions(user)
    audit(actor, "password_reset", "user", user.id)
    db.session.flush()
    return password


def list_users(unit_id: int | None = None) -> list[User]:
    query = select(User).order_by(User.active.desc(), User.username)
    if unit_id:
        query = query.where(User.unit_id == unit_id)
    return list(db.session.scalars(query))


def _check_labels(label_nb: str, label_en: str) -> tuple[str, str]:
    label_nb, label_en = (label_nb or "").strip(), (label_en or "").strip()
    missing = {
        name: [_l("Required.")]
        for name, value in (("label_nb", label_nb), ("label_en", label_en))
        if not value
    }
    if missing:
        raise Invalid(_l("The category needs a name in both languages."), missing)
    return label_nb, label_en


def add_category(actor: User, unit: Unit, code: str, label_nb: str, label_en: str) -> Category:
    code = (code or "").strip().lower()
    if not CODE_PATTERN.match(code):
        raise Invalid(
            _l("The code must be 2–40 small letters, digits or _, starting with a letter."),
            {"code": [_l("Use small letters a–z, digits and _.")]},
        )
    label_nb, label_en = _check_labels(label_nb, label_en)
    exists = db.session.scalar(
        select(Category).where(Category.unit_id == unit.id, Category.code == code)
    )
    if exists:
        raise Invalid(_l("The unit already has that code."), {"code": [_l("Already in use.")]})
    category = Category(unit=unit, code=code, label_nb=label_nb, label_en=label_en, active=True)
    db.session.add(category)
    db.session.flush()
    audit(actor, "category_added", "category", category.id, {"unit_id": unit.id, "code": code})
    return category


def relabel_category(actor: User, category: Category, label_nb: str, label_en: str) -> Category:
    label_nb, label_en = _check_labels(label_nb, label_en)
    before = {"label_nb": category.label_nb, "label_en": category.label_en}
    category.label_nb, category.label_en = label_nb, label_en
    audit(actor, "category_relabelled", "category", category.id, {"from": before})
    db.session.flush()
    return category


def set_category_hms(actor: User, category: Category, hms: bool) -> Category:
    """Mark (True) or unmark an HMS category: its deviations reach the safety representative."""
    if category.hms != hms:
        category.hms = hms
        action = "category_marked_hms" if hms else "category_unmarked_hms"
        audit(actor, action, "category", category.id, {"unit_id": category.unit_id})
        db.session.flush()
    return category


def set_category_active(actor: User, category: Category, active: bool) -> Category:
    """Retire (False) or bring back (True). Old records keep a retired category."""
    category.active = active
    action = "category_reactivated" if active else "category_retired"
    audit(actor, action, "category", category.id)
    db.session.flush()
    return category
