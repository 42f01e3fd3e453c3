"""A unit's active category by its code, looked up once a request.

services/records.py checks a new report's category with it; after the push's
commit, notifications/fanout.py reads the HMS marks it saw (``seen_hms``), which
a commit does not expire.
"""

from flask import g
from sqlalchemy import select

from app.extensions import db
from app.models import Category


def active_category(unit_id, code) -> Category | None:
    """The unit's active category with this code; None if there is no such active one."""
    cache = g.setdefault("active_categories", {})  # one lookup per request, not per item
    if (unit_id, code) not in cache:
        category = db.session.scalar(
            select(Category).where(
                Category.unit_id == unit_id, Category.code == code, Category.active.is_(True)
            )
        )
        cache[(unit_id, code)] = category
        g.setdefault("category_hms", {})[(unit_id, code)] = category is not None and category.hms
    return cache[(unit_id, code)]


def saw_hms(unit_id, code, hms: bool) -> None:
    """An insert that found the category itself tells its HMS mark (services/push/postgres.py)."""
    g.setdefault("category_hms", {})[(unit_id, code)] = hms


def seen_hms(unit_id, code) -> bool | None:
    """Whether the category this request looked up is HMS; None if it looked up no such one."""
    return g.get("category_hms", {}).get((unit_id, code))
