"""The injury register (skaderegister): the employer's list of injuries to staff.

One row per HMS deviation whose leader filled in the register's own fields
(models/injury.py): who was injured, as an employee number or initials as the
unit chose (never a name, never a client), and the injury. When, where, what
happened and the measures come from the deviation. A period is whole days in
Europe/Oslo, by when it happened. Exports go through services/tabular.py.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import PERSON_REF_KINDS, Deviation, InjuryRecord, Unit
from app.services import audit
from app.services.access import is_hms, visible_clause
from app.services.errors import Invalid
from app.services.personal_id import reject_personal_ids

OSLO = ZoneInfo("Europe/Oslo")
INJURY_MAX = 4000
# An employee number: 1–10 digits (an 11-digit national identity number never fits).
EMPLOYEE_NUMBER = re.compile(r"^[0-9]{1,10}$")
# Initials: 2–4 letters, Norwegian ones too, no dots or spaces.
INITIALS = re.compile(r"^[A-Za-zÆØÅæøåÄÖÜäöüÉé]{2,4}$")
PERSON_REF_RULES = {
    "employee_number": (
        EMPLOYEE_NUMBER,
        _l("Write the employee number: 1 to 10 digits. Never a name or a client."),
    ),
    "initials": (
        INITIALS,
        _l("Write the employee's initials: 2 to 4 letters. Never a name or a client."),
    ),
}
NOT_HMS = _l("Only HMS deviations go in the injury register.")
INJURY_REQUIRED = _l("Describe the injury.")
UNKNOWN_KIND = _l("Choose employee number or initials.")


def save_injury(deviation, actor, person_ref: str, injury: str) -> InjuryRecord:
    """The leader fills in (or corrects) the register's fields of an HMS deviation."""
    if not is_hms(deviation):
        raise Invalid(NOT_HMS, {"person_ref": [NOT_HMS]})
    person_ref = "".join((person_ref or "").split())
    injury = (injury or "").strip()
    pattern, rule = PERSON_REF_RULES[person_ref_kind(deviation.unit_id)]
    errors = {}
    if not pattern.match(person_ref):
        errors["person_ref"] = [rule]
    if not injury:
        errors["injury"] = [INJURY_REQUIRED]
    elif len(injury) > INJURY_MAX:
        errors["injury"] = [_l("At most %(n)d characters.", n=INJURY_MAX)]
    if errors:
        first = next(iter(errors.values()))[0]
        raise Invalid(first, errors)
    reject_personal_ids({"injury": injury})
    entry = db.session.get(InjuryRecord, deviation.id)
    if entry is None:
        entry = InjuryRecord(deviation_id=deviation.id)
        db.session.add(entry)
    entry.person_ref = person_ref.upper() if pattern is INITIALS else person_ref
    entry.injury = injury
    entry.updated_by_id = actor.id
    db.session.flush()
    audit.record("injury_recorded", actor, target_type="deviation", target_id=deviation.id)
    return entry


def injury_of(deviation) -> InjuryRecord | None:
    return db.session.get(InjuryRecord, deviation.id)


def person_ref_kind(unit_id: int) -> str:
    """How the unit names the injured employee: "employee_number" or "initials"."""
    unit = db.session.get(Unit, unit_id)
    kind = unit.injury_person_ref if unit is not None else None
    return kind if kind in PERSON_REF_KINDS else PERSON_REF_KINDS[0]


def set_person_ref_kind(actor, unit: Unit, kind: str) -> None:
    if kind not in PERSON_REF_KINDS:
        raise Invalid(UNKNOWN_KIND, {"kind": [UNKNOWN_KIND]})
    if unit.injury_person_ref != kind:
        before = unit.injury_person_ref
        unit.injury_person_ref = kind
        detail = {"unit_id": unit.id, "from": before, "to": kind}
        audit.record("injury_register_kind_set", actor, "unit", unit.id, detail=detail)
        db.session.flush()


# --- the register -------------------------------------------------------------


def period_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """Whole days in Oslo, ``first`` to ``last`` inclusive, as a UTC half-open interval."""
    start = datetime.combine(first, time(), OSLO)
    end = datetime.combine(last + timedelta(days=1), time(), OSLO)
    return start, end


@dataclass
class RegisterRow:
    deviation: Deviation
    injury: InjuryRecord


def register(user, unit: Unit, first: date, last: date) -> tuple[list[RegisterRow], list]:
    """The register's rows in the period (oldest first) and the HMS deviations still without."""
    start, end = period_bounds(first, last)
    query = (
        select(Deviation, InjuryRecord)
        .outerjoin(InjuryRecord, InjuryRecord.deviation_id == Deviation.id)
        .where(visible_clause(user, Deviation), Deviation.unit_id == unit.id, Deviation.is_hms)
        .where(Deviation.occurred_at >= start, Deviation.occurred_at < end)
        .order_by(Deviation.occurred_at, Deviation.id)
    )
    rows, missing = [], []
    for deviation, injury in db.session.execute(query).unique():
        if injury is None:
            missing.append(deviation)
        else:
            rows.append(RegisterRow(deviation, injury))
    return rows, missing


def local(moment: datetime) -> datetime:
    """A UTC moment as the Oslo wall-clock time (naive: a spreadsheet has no zones)."""
    return moment.astimezone(OSLO).replace(tzinfo=None)
