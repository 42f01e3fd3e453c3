"""Who may open what: one decorator, used by every view, pages and API alike.

Each view states its rule. ``roles_required(...)`` lets in the named roles;
``public`` marks the few views anyone may open. The access-matrix tests walk
the URL map and fail on a view that states no rule. ``person_only`` marks the
views that need no ORM ``User`` for ``current_user`` (the sync path).
"""

from functools import wraps

from flask import abort, current_app, request
from flask_login import current_user

from app.extensions import login_manager
from app.models import ROLES

ALL_ROLES = frozenset(ROLES)


def roles_required(*roles: str):
    allowed = frozenset(roles) or ALL_ROLES
    unknown = allowed - ALL_ROLES
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                if request.path.startswith("/api/"):
                    abort(401)
                return login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        wrapper.allowed_roles = allowed
        return wrapper

    return decorator


login_required = roles_required()


def person_only(view):
    """``current_user`` is a ``Person`` (services/sessions.py), not the ORM ``User``:
    a view on the sync path that reads only who the person is, not their relationships.
    """
    view.person_only = True
    return view


def public(view):
    view.allowed_roles = None
    return view


def is_public(endpoint: str | None) -> bool:
    """Whether anyone may open this endpoint: a static file or a view marked ``public``."""
    if endpoint == "static":
        return True
    view = current_app.view_functions.get(endpoint)
    return view is not None and getattr(view, "allowed_roles", ()) is None


def allowed_roles(view) -> frozenset | None:
    """The rule a view states; raises AttributeError if it states none."""
    return view.allowed_roles
