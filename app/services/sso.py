"""Who a person signed in with the municipality's account is in Steg.

The provider (Entra ID or another OpenID provider) vouches for a stable subject
(``sub``, or Entra's ``oid``) and the person's groups. Steg matches the subject,
never the e-mail address, and decides the role and unit itself:

- A person Steg knows (``User.sso_subject``) whose role follows the groups
  (``role_from_groups``) gets the role and unit of the best matching group
  mapping at every sign-in; with no matching group they are refused.
- A person Steg knows whose role the coordinator set on the user page keeps it,
  whatever their groups.
- A person Steg does not know is let in only if a group maps them; Steg then
  makes their account (role and unit from the mapping, no password). Anyone
  else gets a clear page and no account.
- A deactivated person is refused, whatever the provider says.

Every function flushes, never commits; the page that calls it commits.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import NO_PASSWORD, ROLES, SsoGroupMapping, Unit, User
from app.services import audit
from app.services.errors import Invalid
from app.services.users import place_person

# When several groups match, the highest role wins (then the oldest mapping). A
# safety representative's group is the more particular one beside a worker's.
ROLE_RANK = {"worker": 0, "safety_rep": 1, "leader": 2, "coordinator": 3}
MAX_CLAIM = 255


@dataclass(frozen=True)
class SsoIdentity:
    """What Steg keeps from a validated ID token (never the token itself)."""

    subject: str
    name: str = ""
    email: str = ""
    groups: tuple[str, ...] = field(default_factory=tuple)


class SsoRefused(Exception):
    """The provider vouched for the person, but Steg does not let them in."""

    def __init__(self, reason: str, user: User | None = None):
        super().__init__(reason)
        self.reason = reason
        self.user = user


def identity_from_claims(claims: dict, subject_claim: str, groups_claim: str) -> SsoIdentity:
    subject = claims.get(subject_claim)
    if not isinstance(subject, str) or not subject or len(subject) > MAX_CLAIM:
        raise SsoRefused("no_subject")
    groups = claims.get(groups_claim) or []
    if not isinstance(groups, list):
        groups = []
    return SsoIdentity(
        subject=subject,
        name=_text(claims.get("name"), 120),
        email=_text(claims.get("preferred_username") or claims.get("email"), 80),
        groups=tuple(g for g in groups if isinstance(g, str) and 0 < len(g) <= MAX_CLAIM),
    )


def _text(value, limit: int) -> str:
    """A claim shown to people (name, e-mail): printable characters only, cut to fit."""
    if not isinstance(value, str):
        return ""
    return "".join(ch for ch in value if ch.isprintable()).strip()[:limit]


def find_by_subject(subject: str) -> User | None:
    return db.session.scalar(select(User).where(User.sso_subject == subject))


def best_mapping(groups) -> SsoGroupMapping | None:
    if not groups:
        return None
    mappings = db.session.scalars(
        select(SsoGroupMapping)
        .where(SsoGroupMapping.group_id.in_(list(groups)))
        .order_by(SsoGroupMapping.id)
    ).all()
    if not mappings:
        return None
    return max(mappings, key=lambda m: (ROLE_RANK[m.role], -m.id))


def resolve_person(identity: SsoIdentity) -> User:
    """The Steg account this person may use now, or SsoRefused with the reason."""
    user = find_by_subject(identity.subject)
    mapping = best_mapping(identity.groups)
    if user is None:
        if mapping is None:
            raise SsoRefused("unknown_person")
        return _create_from_mapping(identity, mapping)
    if not user.active:
        raise SsoRefused("deactivated", user)
    if user.role_from_groups:
        if mapping is None:
            raise SsoRefused("no_mapped_group", user)
        _follow_mapping(user, mapping)
    return user


def _create_from_mapping(identity: SsoIdentity, mapping: SsoGroupMapping) -> User:
    user = User(
        username=_free_username(identity),
        display_name=identity.name or identity.email or identity.subject[:120],
        role=mapping.role,
        unit_id=mapping.unit_id,
        password_hash=NO_PASSWORD,
        sso_subject=identity.subject,
        role_from_groups=True,
    )
    db.session.add(user)
    db.session.flush()
    detail = {
        "source": "sso",
        "role": user.role,
        "unit_id": user.unit_id,
        "group": mapping.group_id,
    }
    audit.record("user_created", user, target_type="user", target_id=user.id, detail=detail)
    return user


def _free_username(identity: SsoIdentity) -> str:
    base = (identity.email or "sso-" + identity.subject).strip().lower()[:72] or "sso"
    taken = set(
        db.session.scalars(select(func.lower(User.username)).where(User.username.like(base + "%")))
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _follow_mapping(user: User, mapping: SsoGroupMapping) -> None:
    before = {"role": user.role, "unit_id": user.unit_id}
    if not place_person(user, mapping.role, mapping.unit_id):
        return
    detail = {"source": "sso_groups", "from": before, "role": user.role, "unit_id": user.unit_id}
    audit.record("user_updated", user, target_type="user", target_id=user.id, detail=detail)


# --- the coordinator's group mappings ---------------------------------------


def list_mappings() -> list[SsoGroupMapping]:
    return list(db.session.scalars(select(SsoGroupMapping).order_by(SsoGroupMapping.group_id)))


def add_mapping(actor: User, group_id: str, role: str, unit: Unit | None) -> SsoGroupMapping:
    group_id = (group_id or "").strip()
    if not group_id:
        raise Invalid(_l("Some fields need correcting."), {"group_id": [_l("Required.")]})
    if len(group_id) > MAX_CLAIM:
        raise Invalid(_l("Some fields need correcting."), {"group_id": [_l("Too long.")]})
    if role not in ROLES:
        raise Invalid(_l("Unknown role."), {"role": [_l("Unknown role.")]})
    unit = None if role == "coordinator" else unit
    if role != "coordinator" and unit is None:
        raise Invalid(_l("Workers and leaders belong to a unit."), {"unit": [_l("Required.")]})
    if db.session.scalar(select(SsoGroupMapping).where(SsoGroupMapping.group_id == group_id)):
        raise Invalid(_l("That group already has a role."), {"group_id": [_l("Already in use.")]})
    mapping = SsoGroupMapping(group_id=group_id, role=role, unit=unit)
    db.session.add(mapping)
    db.session.flush()
    detail = {"group": group_id, "role": role, "unit_id": mapping.unit_id}
    audit.record(
        "sso_group_mapped", actor, target_type="sso_group", target_id=mapping.id, detail=detail
    )
    return mapping


def remove_mapping(actor: User, mapping: SsoGroupMapping) -> None:
    detail = {"group": mapping.group_id, "role": mapping.role, "unit_id": mapping.unit_id}
    audit.record(
        "sso_group_unmapped", actor, target_type="sso_group", target_id=mapping.id, detail=detail
    )
    db.session.delete(mapping)
    db.session.flush()


def set_user_link(actor: User, user: User, subject: str, role_from_groups: bool) -> bool:
    """The coordinator links a person to their account at the provider; True if changed."""
    subject = (subject or "").strip() or None
    if subject and len(subject) > MAX_CLAIM:
        raise Invalid(_l("Some fields need correcting."), {"sso_subject": [_l("Too long.")]})
    if subject:
        owner = find_by_subject(subject)
        if owner is not None and owner.id != user.id:
            raise Invalid(
                _l("Another person is linked to that account."),
                {"sso_subject": [_l("Already in use.")]},
            )
    role_from_groups = bool(role_from_groups and subject)
    if (user.sso_subject, user.role_from_groups) == (subject, role_from_groups):
        return False
    before = {"sso_subject": user.sso_subject, "role_from_groups": user.role_from_groups}
    user.sso_subject, user.role_from_groups = subject, role_from_groups
    db.session.flush()
    detail = {"from": before, "sso_subject": subject, "role_from_groups": role_from_groups}
    audit.record("user_updated", actor, target_type="user", target_id=user.id, detail=detail)
    return True
