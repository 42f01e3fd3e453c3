from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime


class ThrottleHit(db.Model):
    """One counted attempt under a throttling key, until it leaves the moving window.

    The key is a hash (no username in clear). Rows past ``expires_at`` count for
    nothing and are swept a few at a time (app/security/throttle_store.py).
    """

    __tablename__ = "throttle_hits"
    __table_args__ = (Index("ix_throttle_hits_key_expires", "key", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
