"""Ledelsens gjennomgang: one unit's year on paper, for its leader and the coordinator.

The pack holds the year's figures (app/services/figures/, the same numbers as
the figures pages, per month), the deviations by category and severity, what
was done and learnt about the closed ones (their summaries and measures), and
the ideas done with their expected and realised gains. The year is 1 January
to 31 December in Norwegian time (services/periods.py). As in the figures, a
deviation belongs to the year it was reported in and "closed" means closed
now; an idea belongs to the year it was done in (``done_at``).

The figures service counts deviations per category and per severity apart;
the cross table (category × severity) is counted here, on the same rule.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import lazyload, selectinload

from app.extensions import db
from app.models import SEVERITIES, Category, Deviation, Idea, IdeaGain, Measure, Unit
from app.models.base import utcnow
from app.services import figures, periods

FIRST_YEAR = 2000
LAST_YEAR = 2199


@dataclass
class CategoryRow:
    """One category's deviations of the year, per severity."""

    code: str
    label: str
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


@dataclass
class ClosedDeviation:
    reported_at: datetime
    category: str
    severity: str
    summary: str | None
    measures: list[Measure]


@dataclass
class DoneIdea:
    title: str
    done_at: datetime | None
    learning: str | None
    responsible: str | None
    expected: IdeaGain | None
    realised: IdeaGain | None


@dataclass
class ReviewPack:
    unit: Unit
    year: int
    first_day: date
    last_day: date
    made_at: datetime
    figures: figures.Figures
    categories: list[CategoryRow]
    closed: list[ClosedDeviation]
    done_ideas: list[DoneIdea]

    @property
    def severity_totals(self) -> dict[str, int]:
        return {s: sum(row.by_severity[s] for row in self.categories) for s in SEVERITIES}

    @property
    def deviation_total(self) -> int:
        return sum(row.total for row in self.categories)


def valid_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def pack_years(now: datetime | None = None) -> list[int]:
    """The years offered on the list page: this one and the two before, newest first."""
    this_year = periods.local_day(now or utcnow()).year
    return [this_year, this_year - 1, this_year - 2]


def year_period(year: int) -> periods.Period:
    """1 January to 31 December in Norway, per month."""
    return periods.date_range(date(year, 1, 1), date(year, 12, 31), grain="month")


def review_pack(unit: Unit, year: int, locale: str, now: datetime | None = None) -> ReviewPack:
    period = year_period(year)
    start, end = period.start_utc, period.end_utc
    reported = (
        Deviation.unit_id == unit.id,
        Deviation.created_at >= start,
        Deviation.created_at < end,
    )
    return ReviewPack(
        unit=unit,
        year=year,
        first_day=period.start,
        last_day=period.last_day,
        made_at=now or utcnow(),
        figures=figures.unit_figures([unit.id], period, now),
        categories=_by_category(unit.id, reported, locale),
        closed=_closed(reported, locale),
        done_ideas=_done_ideas(unit.id, start, end),
    )


def _by_category(unit_id: int, reported, locale: str) -> list[CategoryRow]:
    """Every category of the unit (the retired ones only when used), per severity."""
    label = Category.label_en if locale == "en" else Category.label_nb
    rows: dict[str, CategoryRow] = {}
    for code, text in db.session.execute(
        select(Category.code, label)
        .where(Category.unit_id == unit_id, Category.active.is_(True))
        .order_by(label)
    ):
        rows[code] = CategoryRow(code, text)
    counts = db.session.execute(
        select(Category.code, label, Deviation.severity, func.count())
        .join(Category, Category.id == Deviation.category_id)
        .where(*reported)
        .group_by(Category.code, label, Deviation.severity)
    )
    for code, text, severity, count in counts:
        rows.setdefault(code, CategoryRow(code, text)).by_severity[severity] += count
    return sorted(rows.values(), key=lambda row: (-row.total, row.label))


def _closed(reported, locale: str) -> list[ClosedDeviation]:
    deviations = db.session.scalars(
        select(Deviation)
        .options(lazyload(Deviation.events), lazyload(Deviation.reporter))
        .where(*reported, Deviation.status == "closed")
        .order_by(Deviation.created_at, Deviation.id)
    )
    return [
        ClosedDeviation(
            reported_at=d.created_at,
            category=d.category.label(locale),
            severity=d.severity,
            summary=d.closing_summary,
            measures=list(d.measures),
        )
        for d in deviations
    ]


def _done_ideas(unit_id: int, start: datetime, end: datetime) -> list[DoneIdea]:
    """The ideas done in the year (and still done), each with its gains."""
    ideas = db.session.scalars(
        select(Idea)
        .options(
            selectinload(Idea.gains),
            lazyload(Idea.events),
            lazyload(Idea.reporter),
        )
        .where(
            Idea.unit_id == unit_id,
            Idea.status == "done",
            Idea.done_at >= start,
            Idea.done_at < end,
        )
        .order_by(Idea.done_at, Idea.id)
    )
    result = []
    for idea in ideas:
        gains = {gain.stage: gain for gain in idea.gains}
        result.append(
            DoneIdea(
                idea.title,
                idea.done_at,
                idea.learning,
                idea.responsible,
                gains.get("expected"),
                gains.get("realised"),
            )
        )
    return result
