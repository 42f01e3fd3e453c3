from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

NOTIFICATION_KINDS = ("answer", "critical_deviation", "hms_case")
RECORD_TYPES = ("deviation", "idea")


class Notification(db.Model):
    """Something that needs one person: the "Nytt" list and every push or e-mail come from it.

    It names the record, never copies its text: what a person reads about it is
    looked up when shown, with their own access (app/services/notifications/).
    """

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint(f"kind IN {NOTIFICATION_KINDS!r}", name="valid_kind"),
        CheckConstraint(f"record_type IN {RECORD_TYPES!r}", name="valid_record_type"),
        Index("ix_notifications_user_read", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
