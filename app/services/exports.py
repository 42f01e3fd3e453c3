"""The unit's ideas and deviations of a period, row by row, for the exports.

A period is two dates in Norwegian time, both days included: from midnight in
Oslo on the first to midnight after the last (a DST day has 23 or 25 hours).
A record belongs to the period it was reported in (``created_at``, when the
server got it), as in the figures (app/services/figures/), so an export and
the figures of the same period count the same records. Rows are plain tuples
read with ``yield_per`` (a server-side cursor on PostgreSQL), so a unit with a
hundred thousand records is written without holding them all; the words
(statuses, severities, the column headers) are chosen by the web layer.
"""

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import aliased

from app.database import reading_only
from app.extensions import db
from app.models import Category, Deviation, Idea, IdeaGain, Measure, User
from app.services.periods import midnight_utc

BATCH = 1000
# openpyxl writes about 2,500 rows a second here (bench/export_big.py): an Excel file
# of more would outlast a worker's 30 seconds. CSV has no limit.
XLSX_MAX_ROWS = 20_000


def period_bounds(day_from: date, day_to: date) -> tuple[datetime, datetime]:
    """[start, end) of the days from ``day_from`` to ``day_to`` (both included), in Oslo."""
    return midnight_utc(day_from), midnight_utc(day_to + timedelta(days=1))


def _reported(model, unit_id: int, day_from: date, day_to: date) -> tuple:
    start, end = period_bounds(day_from, day_to)
    return (model.unit_id == unit_id, model.created_at >= start, model.created_at < end)


def count(model, unit_id: int, day_from: date, day_to: date) -> int:
    """How many ideas or deviations (``model``) the unit's export of the period holds."""
    where = _reported(model, unit_id, day_from, day_to)
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def ideas_query(unit_id: int, day_from: date, day_to: date) -> Select:
    """The ideas with their expected and realised gains (services/gains.py), one row each."""
    expected, realised = aliased(IdeaGain), aliased(IdeaGain)
    return (
        select(
            Idea.id,
            Idea.created_at,
            Idea.title,
            Idea.problem,
            Idea.proposal,
            Idea.benefit,
            Idea.status,
            Idea.status_changed_at,
            User.display_name.label("reporter"),
            Idea.responsible,
            Idea.due_date,
            Idea.decision_comment,
            Idea.learning,
            Idea.deviation_id,
            expected.kind.label("expected_kind"),
            expected.minutes_per_week.label("expected_minutes"),
            expected.kroner_per_year.label("expected_kroner"),
            realised.kind.label("realised_kind"),
            realised.minutes_per_week.label("realised_minutes"),
            realised.kroner_per_year.label("realised_kroner"),
        )
        .join(User, User.id == Idea.reporter_id)
        .outerjoin(expected, and_(expected.idea_id == Idea.id, expected.stage == "expected"))
        .outerjoin(realised, and_(realised.idea_id == Idea.id, realised.stage == "realised"))
        .where(*_reported(Idea, unit_id, day_from, day_to))
        .order_by(Idea.created_at, Idea.id)
    )


def _measure_count(*conditions):
    return (
        select(func.count(Measure.id))
        .where(Measure.deviation_id == Deviation.id, *conditions)
        .correlate(Deviation)
        .scalar_subquery()
    )


def deviations_query(unit_id: int, day_from: date, day_to: date) -> Select:
    return (
        select(
            Deviation.id,
            Deviation.occurred_at,
            Deviation.created_at,
            Category.code.label("category_code"),
            Category.label_nb.label("category_nb"),
            Category.label_en.label("category_en"),
            Deviation.severity,
            Deviation.status,
            Deviation.location,
            Deviation.description,
            Deviation.immediate_action,
            Deviation.closing_summary,
            User.display_name.label("reporter"),
            _measure_count().label("measures"),
            _measure_count(Measure.done.is_(True)).label("measures_done"),
        )
        .join(Category, Category.id == Deviation.category_id)
        .join(User, User.id == Deviation.reporter_id)
        .where(*_reported(Deviation, unit_id, day_from, day_to))
        .order_by(Deviation.created_at, Deviation.id)
    )


def stream(query: Select) -> Iterator:
    """The query's rows, a batch at a time; the cursor is closed even if the reader stops.

    Read-only (on SQLite a DEFERRED transaction beside the writers: a long export
    must not hold the write lock that the tablets' sync needs).
    """
    with reading_only(), db.session.execute(query.execution_options(yield_per=BATCH)) as result:
        yield from result
