"""SQL pieces the figures share: buckets by local week or month, days between two
timestamps, and medians, the same answers on PostgreSQL and SQLite.

Buckets are a CASE over the bucket boundaries (UTC instants of local midnights,
computed in Python with the Oslo time zone), so neither database needs to know
about time zones and both put a record in the same week around a change to or
from summer time. Medians are PostgreSQL's ``percentile_cont(0.5)``; SQLite has
none, so there the rows are numbered in order per group and the middle one (or
the mean of the middle two) is taken: the same definition.
"""

from sqlalchemy import Float, and_, case, func, literal, select, text, true, tuple_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement

from app.extensions import db


class DaysBetween(ColumnElement):
    """``later - earlier`` in days, as a float."""

    type = Float()
    inherit_cache = True

    def __init__(self, earlier, later):
        self.earlier, self.later = earlier, later


@compiles(DaysBetween)
def _days_sqlite(element, compiler, **kw):
    earlier, later = compiler.process(element.earlier, **kw), compiler.process(element.later, **kw)
    return f"(julianday({later}) - julianday({earlier}))"


@compiles(DaysBetween, "postgresql")
def _days_postgresql(element, compiler, **kw):
    earlier, later = compiler.process(element.earlier, **kw), compiler.process(element.later, **kw)
    return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"


class AllUnits(list):
    """Every unit's id (the coordinator's programme): the queries then need no unit filter."""


def of_units(column, unit_ids):
    """The rows of these units (no condition at all for ``AllUnits``)."""
    if isinstance(unit_ids, AllUnits):
        return true()
    return column.in_(list(unit_ids))


def is_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def roomy_sorts() -> None:
    """Let this transaction sort a year of values in memory (PostgreSQL's default is 4 MB)."""
    if is_postgresql():
        db.session.execute(text("SET LOCAL work_mem = '64MB'"))


def in_period(column, period):
    return and_(column >= period.start_utc, column < period.end_utc)


def bucket_of(column, buckets):
    """The index of the bucket ``column`` falls in (rows are already limited to the period)."""
    if len(buckets) == 1:
        return literal(0)
    return case(
        *((column < bucket.end_utc, index) for index, bucket in enumerate(buckets[:-1])),
        else_=len(buckets) - 1,
    )


def medians(rows, group=None) -> dict:
    """{group value: (median, count)} of ``rows``' ``value`` column, per ``group`` column.

    ``rows`` is a subquery with a ``value`` column (and the ``group`` column, if
    given); with no group the one answer is under the key None.
    """
    sub = rows.subquery()
    key = sub.c[group] if group else literal(None).label("grp")
    if is_postgresql():
        query = select(key, func.percentile_cont(0.5).within_group(sub.c.value), func.count())
        if group:
            query = query.group_by(key)
        return {row[0]: (row[1], row[2]) for row in db.session.execute(query)}
    partition = [sub.c[group]] if group else []
    ranked = select(
        key.label("grp"),
        sub.c.value,
        func.row_number().over(partition_by=partition, order_by=sub.c.value).label("rn"),
        func.count().over(partition_by=partition).label("n"),
    ).subquery()
    middle = ranked.c.rn * 2
    query = (
        select(ranked.c.grp, func.avg(ranked.c.value), func.max(ranked.c.n))
        .where(middle.in_([ranked.c.n, ranked.c.n + 1, ranked.c.n + 2]))
        .group_by(ranked.c.grp)
    )
    return {row[0]: (row[1], row[2]) for row in db.session.execute(query)}


def medians_by_unit(rows) -> tuple[dict, tuple]:
    """({unit id: (median, count)}, (median, count) of all rows), from ``rows`` with a
    ``unit_id`` and a ``value`` column. One pass on PostgreSQL (grouping sets)."""
    if not is_postgresql():
        return medians(rows, "unit_id"), medians(rows).get(None, (None, 0))
    sub = rows.subquery()
    query = select(
        func.grouping(sub.c.unit_id),
        sub.c.unit_id,
        func.percentile_cont(0.5).within_group(sub.c.value),
        func.count(),
    ).group_by(func.grouping_sets(tuple_(sub.c.unit_id), tuple_()))
    units, total = {}, (None, 0)
    for grouped, unit, value, count in db.session.execute(query):
        if grouped:
            total = (value, count)
        else:
            units[unit] = (value, count)
    return units, total


def one_decimal(value) -> float | None:
    return None if value is None else round(float(value), 1)
