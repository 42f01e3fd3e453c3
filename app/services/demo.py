"""The two pilot units, their categories and the demo people."""

from sqlalchemy import select

from app.extensions import db
from app.models import Category, Unit
from app.services.users import create_unit, create_user, find_user

DEMO_PASSWORD = "demo-steg-2026"
HOME_CARE = "Omsorg Sør – hjemmetjenesten 2"
REFUGEE = "NAV flyktningetjenesten"

HOME_CARE_CATEGORIES = [
    ("medication", "Legemiddel", "Medication"),
    ("fall", "Fall", "Fall"),
    ("missed_visit", "Ikke utført / forsinket besøk", "Missed or late visit"),
    ("documentation", "Dokumentasjon", "Documentation"),
    ("equipment", "Utstyr og hjelpemidler", "Equipment and aids"),
    ("privacy", "Personvern og taushetsplikt", "Privacy and confidentiality"),
    ("infection", "Smittevern", "Infection control"),
    ("violence", "Vold og trusler – HMS", "Violence and threats – HSE"),
    ("staff_injury", "Skade på ansatt – HMS", "Staff injury – HSE"),
    ("other", "Annet", "Other"),
]
REFUGEE_CATEGORIES = [
    ("housing", "Bolig", "Housing"),
    ("interpreter", "Tolk", "Interpreter"),
    ("cooperation", "Samhandling", "Cooperation"),
    ("documentation", "Dokumentasjon", "Documentation"),
    ("privacy", "Personvern og taushetsplikt", "Privacy and confidentiality"),
    ("violence", "Vold og trusler – HMS", "Violence and threats – HSE"),
    ("other", "Annet", "Other"),
]
CATEGORY_SETS = {"home-care": HOME_CARE_CATEGORIES, "refugee": REFUGEE_CATEGORIES, "none": []}

DEMO_USERS = [
    # username, display name, role, unit
    ("ansatt", "Kari Hansen", "worker", HOME_CARE),
    ("leder", "Lise Berg", "leader", HOME_CARE),
    ("nav-ansatt", "Amir Jensen", "worker", REFUGEE),
    ("nav-leder", "Nina Olsen", "leader", REFUGEE),
    ("koordinator", "Ola Dahl", "coordinator", None),
    ("verneombud", "Vera Nilsen", "safety_rep", HOME_CARE),
    ("nav-verneombud", "Jon Berg", "safety_rep", REFUGEE),
]


def seed_demo() -> list[tuple[str, str, str]]:
    """Create what is missing of the demo data; return (username, role, unit) of each user."""
    units = {
        HOME_CARE: _ensure_unit(HOME_CARE, HOME_CARE_CATEGORIES),
        REFUGEE: _ensure_unit(REFUGEE, REFUGEE_CATEGORIES),
    }
    for username, display_name, role, unit_name in DEMO_USERS:
        if find_user(username) is None:
            create_user(username, DEMO_PASSWORD, role, units.get(unit_name), display_name)
    return demo_logins()


def demo_logins() -> list[tuple[str, str, str]]:
    return [(u, r, unit or "(all units)") for u, _, r, unit in DEMO_USERS]


def _ensure_unit(name: str, categories) -> Unit:
    unit = db.session.scalar(select(Unit).where(Unit.name == name))
    if unit is None:
        return create_unit(name, categories)
    existing = {c.code for c in unit.categories}
    for code, label_nb, label_en in categories:
        if code not in existing:
            db.session.add(Category(unit=unit, code=code, label_nb=label_nb, label_en=label_en))
    db.session.flush()
    return unit
