"""Periods for the figures: the last 4, 12 or 52 weeks, or a chosen range of days.

Weeks are ISO weeks (Monday to Sunday) in Norwegian time (Europe/Oslo), and so
are months; a period and its buckets are kept as local days and turned into
UTC instants at local midnight, so a week that holds a change to or from
summer time is still Monday 00:00 to Monday 00:00 on the clock on the wall.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from app.models.base import utcnow
from app.services.errors import Invalid

OSLO = ZoneInfo("Europe/Oslo")
CHOICES = ("4w", "12w", "52w")
DEFAULT = "12w"
# Ranges longer than this are shown per month, shorter ones per week.
WEEKLY_UP_TO_DAYS = 26 * 7
LONGEST_RANGE_DAYS = 5 * 366

BAD_DAY = _l("Write a date such as 2026-12-01.")
FROM_AFTER_TO = _l("The first day must be on or before the last day.")
TOO_LONG = _l("Choose at most five years.")
UNKNOWN_PERIOD = _l("Choose one of the periods.")


def local_day(moment: datetime) -> date:
    """The day in Norway at ``moment``."""
    return moment.astimezone(OSLO).date()


def midnight_utc(day: date) -> datetime:
    """The UTC instant when ``day`` begins in Norway."""
    return datetime.combine(day, time(0), OSLO).astimezone(UTC)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Bucket:
    """One week or month of a period (local days; ``end`` is the day after the last)."""

    grain: str  # "week" or "month"
    start: date
    end: date

    @property
    def start_utc(self) -> datetime:
        return midnight_utc(self.start)

    @property
    def end_utc(self) -> datetime:
        return midnight_utc(self.end)

    @property
    def week(self) -> int:
        """The ISO week number (of the bucket's first day)."""
        return self.start.isocalendar().week

    @property
    def year(self) -> int:
        """The ISO year for a week (week 1 of 2027 may begin in December 2026), else the year."""
        return self.start.isocalendar().year if self.grain == "week" else self.start.year

    @property
    def key(self) -> str:
        """ "2026-W49" or "2026-12": a stable name for tables and exports."""
        if self.grain == "week":
            return f"{self.year}-W{self.week:02d}"
        return f"{self.start.year}-{self.start.month:02d}"


@dataclass(frozen=True)
class Period:
    """Local days ``start`` up to (not including) ``end``; ``key`` is "4w", "12w", "52w" or
    "range"."""

    key: str
    start: date
    end: date
    grain: str = "week"

    @property
    def start_utc(self) -> datetime:
        return midnight_utc(self.start)

    @property
    def end_utc(self) -> datetime:
        return midnight_utc(self.end)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def buckets(self) -> list[Bucket]:
        """The weeks (ISO, Monday first) or months of the period, cut to its days."""
        result, day = [], self.start
        while day < self.end:
            nxt = _next_start(day, self.grain)
            result.append(Bucket(self.grain, day, min(nxt, self.end)))
            day = nxt
        return result


def _next_start(day: date, grain: str) -> date:
    if grain == "week":
        return monday_of(day) + timedelta(weeks=1)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def last_weeks(weeks: int, now: datetime | None = None, grain: str = "week") -> Period:
    """This ISO week (to its Sunday) and the ``weeks - 1`` before it."""
    this_monday = monday_of(local_day(now or utcnow()))
    start = this_monday - timedelta(weeks=weeks - 1)
    return Period(f"{weeks}w", start, this_monday + timedelta(weeks=1), grain)


def date_range(first: date, last: date, grain: str | None = None) -> Period:
    """The local days ``first`` to ``last``, both included (Invalid when upside down or long)."""
    if first > last:
        raise Invalid(FROM_AFTER_TO, {"to": [FROM_AFTER_TO]})
    end = last + timedelta(days=1)
    if (end - first).days > LONGEST_RANGE_DAYS:
        raise Invalid(TOO_LONG, {"to": [TOO_LONG]})
    grain = grain or ("week" if (end - first).days <= WEEKLY_UP_TO_DAYS else "month")
    return Period("range", first, end, grain)


def named_period(key: str, now: datetime | None = None) -> Period:
    """ "4w", "12w" (per week) or "52w" (per month)."""
    if key not in CHOICES:
        raise Invalid(UNKNOWN_PERIOD, {"period": [UNKNOWN_PERIOD]})
    weeks = int(key[:-1])
    return last_weeks(weeks, now, "month" if weeks > 26 else "week")


def period_from_args(args, now: datetime | None = None) -> Period:
    """The period asked for in a page's address: ``period=4w|12w|52w`` or ``from``/``to``.

    Bad input is Invalid with the field it concerns, in the person's language.
    """
    first, last = (args.get("from") or "").strip(), (args.get("to") or "").strip()
    if first or last:
        errors = {}
        days = {}
        for name, text in (("from", first), ("to", last)):
            try:
                days[name] = date.fromisoformat(text)
                if not 1900 <= days[name].year <= 2199:
                    raise ValueError
            except ValueError:
                errors[name] = [BAD_DAY]
        if errors:
            raise Invalid(BAD_DAY, errors)
        return date_range(days["from"], days["to"])
    return named_period(args.get("period") or DEFAULT, now)
