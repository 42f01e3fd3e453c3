"""SQL pieces the figures share: buckets by local week or month, days between two
timestamps, and medians, the same answers on PostgreSQL and SQLite.

Buckets are a CASE over the bucket boundaries (UTC instants of local midnights,
computed in Python with the Oslo time zone), so neither database needs to know
about time zones and both put a record in the same week around a change to or
from summer time. Medians are PostgreSQL's ``percentile_cont(0.5)``; SQLite has
none, so there the rows are numbered in order per group and the middle one (or
the mean of the middle two) is taken: the same definition. All the medians of a
page are asked in one statement (``medians_together``).
"""

from sqlalchemy import Float, and_, case, func, literal, select, text, true, tuple_, union_all
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


def medians_together(queries: dict) -> dict:
    """{name: ({unit id: (median, count)}, (median, count) of all)} for named queries that
    each select a ``unit_id`` and a ``value``: every median of a page in one statement.

    PostgreSQL: ``percentile_cont(0.5)`` with grouping sets (per unit, and all).
    SQLite: the rows numbered in order per group, the middle one (or the mean of the
    middle two) taken, per unit and per name: the same definition.
    """
    parts = []
    for name, query in queries.items():
        sub = query.subquery()
        parts.append(select(literal(name).label("measure"), sub.c.unit_id, sub.c.value))
    rows = union_all(*parts).subquery()
    results = {name: ({}, (None, 0)) for name in queries}
    if is_postgresql():
        query = select(
            func.grouping(rows.c.unit_id),
            rows.c.measure,
            rows.c.unit_id,
            func.percentile_cont(0.5).within_group(rows.c.value),
            func.count(),
        ).group_by(
            func.grouping_sets(tuple_(rows.c.measure, rows.c.unit_id), tuple_(rows.c.measure))
        )
        found = [
            (name, None if grouped else unit, value, count)
            for grouped, name, unit, value, count in db.session.execute(query)
        ]
    else:
        found = [
            (name, unit, value, count)
            for name, unit, value, count in _middle(rows, [rows.c.measure, rows.c.unit_id])
        ] + [(name, None, value, count) for name, value, count in _middle(rows, [rows.c.measure])]
    for name, unit, value, count in found:
        if unit is None:
            results[name] = (results[name][0], (value, count))
        else:
            results[name][0][unit] = (value, count)
    return results


def _middle(rows, keys):
    """SQLite: (*keys, median, count) per group of ``keys``."""
    ranked = select(
        *keys,
        rows.c.value,
        func.row_number().over(partition_by=keys, order_by=rows.c.value).label("rn"),
        func.count().over(partition_by=keys).label("n"),
    ).subquery()
    grouping = [ranked.c[key.name] for key in keys]
    middle = ranked.c.rn * 2
    query = (
        select(*grouping, func.avg(ranked.c.value), func.max(ranked.c.n))
        .where(middle.in_([ranked.c.n, ranked.c.n + 1, ranked.c.n + 2]))
        .group_by(*grouping)
    )
    return db.session.execute(query).all()


def apply_medians(results: dict, names: dict, units: dict, total) -> None:
    """Put ``medians_together``'s answers on the figures: ``names`` maps a query's name to
    (median attribute, count attribute)."""
    for name, (attribute, measured) in names.items():
        per_unit, (value, count) = results[name]
        for unit, (unit_value, unit_count) in per_unit.items():
            setattr(units[unit], attribute, one_decimal(unit_value))
            setattr(units[unit], measured, unit_count)
        setattr(total, attribute, one_decimal(value))
        setattr(total, measured, count)


def one_decimal(value) -> float | None:
    return None if value is None else round(float(value), 1)
