"""The data model, one entity per module. Importing this registers them all."""

from app.models.audit import AuditEntry
from app.models.board import BoardMeeting, IdeaSupport
from app.models.category import Category
from app.models.deviation import DEVIATION_STATUSES, SEVERITIES, Deviation
from app.models.event import Event
from app.models.gain import GAIN_KINDS, GAIN_STAGES, IdeaGain
from app.models.idea import IDEA_STATUSES, Idea
from app.models.measure import Measure
from app.models.settings import FigureSnapshot, ProgrammeSettings
from app.models.sso_group import SsoGroupMapping
from app.models.sync import AppliedMutation, ChangeCounter, Tombstone
from app.models.throttle import ThrottleHit
from app.models.unit import Unit
from app.models.user import LOCALES, NO_PASSWORD, ROLES, User
from app.models.user_session import UserSession

__all__ = [
    "DEVIATION_STATUSES",
    "GAIN_KINDS",
    "GAIN_STAGES",
    "IDEA_STATUSES",
    "LOCALES",
    "NO_PASSWORD",
    "ROLES",
    "SEVERITIES",
    "AppliedMutation",
    "AuditEntry",
    "BoardMeeting",
    "Category",
    "ChangeCounter",
    "Deviation",
    "Event",
    "FigureSnapshot",
    "Idea",
    "IdeaGain",
    "IdeaSupport",
    "Measure",
    "ProgrammeSettings",
    "SsoGroupMapping",
    "ThrottleHit",
    "Tombstone",
    "Unit",
    "User",
    "UserSession",
]
