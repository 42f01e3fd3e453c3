"""Every figure on a hand-built history, with the expected number written here.

The period is the four ISO weeks 46–49 of 2026 in Norwegian time (Monday 9
November to Sunday 6 December); "now" is Wednesday 2 December. The same tests
run on SQLite and PostgreSQL (TEST_DATABASE_URL): the same answers.
"""

from datetime import UTC, date, datetime

from app.services import periods
from app.services.figures import (
    deviation_figures,
    deviation_series,
    gain_figures,
    idea_figures,
    idea_flow,
    participation,
    unit_figures,
)
from tests.figures.support import (
    REFUGEE,
    add_worker,
    deviation_at,
    idea_at,
    noon,
    unit_id,
)

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


def four_weeks():
    return periods.last_weeks(4, NOW)


def test_ideas_new_decided_done_per_week_share_implemented_and_medians(app_ctx, demo):
    idea_at(noon(11, 10), ("approved", noon(11, 12)), ("done", noon(11, 20)))  # 2 d, 8 d
    idea_at(noon(11, 17), ("just_done", noon(11, 24)))  # 7 d to decision; no wait to done
    idea_at(noon(11, 25), ("parked", noon(12, 1)))  # 6 d
    idea_at(noon(12, 1))  # still new
    idea_at(noon(10, 1), ("approved", noon(10, 5)), ("in_progress", noon(11, 2)))  # before
    idea_at(noon(11, 3), ("approved", noon(11, 11)), ("done", noon(11, 30)))  # 8 d, 19 d
    idea_at(noon(11, 30), ("approved", noon(12, 1)), username="nav-ansatt")  # another unit
    home = unit_id()

    flow = idea_flow([home], four_weeks())
    assert [(f.new, f.decided, f.done) for f in flow] == [
        (1, 2, 0),  # week 46: reported 10 Nov; decided 11 and 12 Nov
        (1, 0, 1),  # week 47
        (1, 1, 1),  # week 48
        (1, 1, 1),  # week 49
    ]
    units, total = idea_figures([home], four_weeks(), NOW)
    figures = units[home]
    assert (figures.flow.new, figures.flow.decided, figures.flow.done) == (4, 4, 3)
    assert figures.implemented == 2  # of the 4 reported in the period, 2 are done now
    assert figures.share_implemented == 0.5
    # Days to the first decision: 8, 2, 7, 6 -> median 6.5 over 4 ideas.
    assert (figures.median_days_to_decision, figures.decisions_measured) == (6.5, 4)
    # Decision to done: 8 (12 -> 20 Nov) and 19 (11 -> 30 Nov); "bare gjør det" left out.
    assert (figures.median_days_to_done, figures.done_measured) == (13.5, 2)
    # Open today: the new one (1 day old: under 2 weeks), the one in progress (62 days).
    assert figures.open_by_age == {"fresh": 1, "ageing": 0, "old": 1}
    assert total.flow == figures.flow


def test_a_median_of_an_odd_count_is_the_middle_one(app_ctx, demo):
    idea_at(noon(11, 10), ("approved", noon(11, 11)))  # 1 day
    idea_at(noon(11, 10), ("approved", noon(11, 20)))  # 10 days
    idea_at(noon(11, 10), ("rejected", noon(11, 13)))  # 3 days
    units, total = idea_figures([unit_id()], four_weeks(), NOW)
    assert total.median_days_to_decision == 3.0
    assert total.decisions_measured == 3
    assert total.share_implemented == 0.0


def test_all_units_together_take_the_median_of_all_their_ideas(app_ctx, demo):
    idea_at(noon(11, 10), ("approved", noon(11, 11)))  # home care: 1 day
    idea_at(noon(11, 10), ("approved", noon(11, 14)))  # home care: 4 days
    idea_at(noon(11, 10), ("approved", noon(11, 20)), username="nav-ansatt")  # 10 days
    home, refugee = unit_id(), unit_id(REFUGEE)
    units, total = idea_figures([home, refugee], four_weeks(), NOW)
    assert units[home].median_days_to_decision == 2.5
    assert units[refugee].median_days_to_decision == 10.0
    assert total.median_days_to_decision == 4.0  # the median of 1, 4, 10; not of 2.5 and 10
    assert total.flow.new == 3


def test_no_ideas_gives_no_median_and_no_share(app_ctx, demo):
    units, total = idea_figures([unit_id()], four_weeks(), NOW)
    assert total.median_days_to_decision is None
    assert total.share_implemented is None
    assert total.open_total == 0


def test_deviations_medians_share_closed_and_repeated_categories(app_ctx, demo):
    # Reported in the period: 6 (five falls, three of them in week 47; one medication).
    deviation_at(noon(11, 10), ("in_progress", noon(11, 11)), ("closed", noon(11, 13)))
    deviation_at(noon(11, 18))
    deviation_at(noon(11, 19))
    deviation_at(
        noon(11, 17),
        ("measure", datetime(2026, 11, 17, 18, tzinfo=UTC)),
        ("closed", noon(11, 24)),
        severity="high",
    )
    deviation_at(noon(11, 25), category="medication", severity="critical")  # no answer yet
    deviation_at(noon(11, 26), ("closed", noon(11, 30)))
    # Reported before the period, answered and closed in it: 42 days.
    deviation_at(noon(10, 1), ("closed", noon(11, 12)))
    deviation_at(noon(11, 20), username="nav-ansatt", category="housing")  # another unit
    home = unit_id()

    units, total = deviation_figures([home], four_weeks())
    figures = units[home]
    assert figures.reported == 6
    assert figures.closed_with_summary == 3
    assert figures.share_closed_with_summary == 0.5
    # First response: 1, 0.25, 4 and 42 days -> (1 + 4) / 2.
    assert (figures.median_days_to_response, figures.responses_measured) == (2.5, 4)
    # Closing: 3, 7, 4 and 42 days -> (4 + 7) / 2.
    assert (figures.median_days_to_close, figures.closings_measured) == (5.5, 4)
    assert figures.by_category == {"fall": 5, "medication": 1}
    assert figures.peak_by_category == {"fall": 3, "medication": 1}
    assert figures.repeated == ["fall"]  # 3 or more in one week (week 47)

    series = deviation_series([home], four_weeks())
    assert [b.total for b in series] == [1, 3, 2, 0]
    assert series[1].by_severity == {"low": 2, "moderate": 0, "high": 1, "critical": 0}
    assert series[2].by_category == {"medication": 1, "fall": 1}


def test_a_reopened_and_closed_again_deviation_counts_its_last_closing(app_ctx, demo):
    from app.extensions import db
    from app.models import Deviation
    from app.models.base import clock_at
    from app.services import deviations
    from tests.figures.support import person

    record_id = deviation_at(noon(11, 10), ("closed", noon(11, 11)))
    with clock_at(noon(11, 12)):
        record = db.session.get(Deviation, record_id)
        deviations.change_deviation_status(record, person("leder"), "in_progress", "For tidlig")
    with clock_at(noon(11, 16)):
        deviations.change_deviation_status(record, person("leder"), "closed", None, "Ferdig nå.")
    db.session.commit()
    units, total = deviation_figures([unit_id()], four_weeks())
    assert total.median_days_to_close == 6.0
    assert total.median_days_to_response == 1.0  # the first answer stays the first


def test_participation_is_the_share_of_active_workers_who_reported(app_ctx, demo):
    add_worker("sykepleier")
    add_worker("assistent")
    add_worker("sluttet", active=False)
    idea_at(noon(11, 10))  # ansatt
    deviation_at(noon(11, 20), username="sykepleier")
    deviation_at(noon(10, 20), username="assistent")  # before the period
    idea_at(noon(11, 20), username="nav-ansatt")
    home, refugee = unit_id(), unit_id(REFUGEE)
    units, total = participation([home, refugee], four_weeks())
    assert (units[home].workers, units[home].participants) == (3, 2)
    assert round(units[home].share, 4) == 0.6667
    assert (units[refugee].workers, units[refugee].participants) == (1, 1)
    assert (total.workers, total.participants, total.share) == (4, 3, 0.75)


def test_gains_identified_and_realised_in_hours_and_arsverk(app_ctx, demo):
    idea_at(
        noon(11, 10),
        ("approved", noon(11, 12)),
        ("gain", noon(11, 12), "expected", "2"),
        ("done", noon(11, 20)),
        ("gain", noon(11, 20), "realised", "1,5"),
    )
    idea_at(
        noon(11, 17),
        ("just_done", noon(11, 24)),
        ("gain", noon(11, 24), "expected", "1"),
        ("gain", noon(11, 24), "realised", "0", "Tiden gikk til opplæring"),
    )
    idea_at(
        noon(11, 17),
        ("approved", noon(11, 18)),
        ("gain", noon(11, 18), "expected", "4"),
        ("parked", noon(11, 19)),
    )
    units, total = gain_figures([unit_id()], four_weeks())
    assert (total.identified.ideas, total.identified.hours_per_week) == (3, 7.0)
    assert (total.realised.ideas, total.realised.hours_per_week) == (2, 1.5)
    # 7 hours a week × 52 = 364 hours a year; ÷ 1695 = 0.21 årsverk.
    conversion = total.identified.conversion()
    assert (conversion.hours_per_year, conversion.arsverk) == (364.0, 0.21)


def test_a_week_is_counted_in_norwegian_time_around_summer_time_changes(app_ctx, demo):
    # Summer time ends Sunday 25 October 2026 at 03:00: Oslo is UTC+1 after it.
    idea_at(datetime(2026, 10, 25, 22, 30, tzinfo=UTC))  # Sunday 23:30 in Oslo: week 43
    idea_at(datetime(2026, 10, 25, 23, 30, tzinfo=UTC))  # Monday 00:30 in Oslo: week 44
    # Summer time begins Sunday 29 March 2026 at 02:00: Oslo is UTC+2 after it.
    idea_at(datetime(2026, 3, 29, 21, 59, tzinfo=UTC))  # Sunday 23:59 in Oslo: week 13
    idea_at(datetime(2026, 3, 29, 22, 0, tzinfo=UTC))  # Monday 00:00 in Oslo: week 14
    home = unit_id()
    autumn = periods.date_range(date(2026, 10, 19), date(2026, 11, 1))
    assert [b.week for b in autumn.buckets()] == [43, 44]
    assert [f.new for f in idea_flow([home], autumn)] == [1, 1]
    spring = periods.date_range(date(2026, 3, 23), date(2026, 4, 5))
    assert [b.week for b in spring.buckets()] == [13, 14]
    assert [f.new for f in idea_flow([home], spring)] == [1, 1]


def test_new_year_falls_in_week_53_and_in_january(app_ctx, demo):
    idea_at(datetime(2026, 12, 31, 22, 59, tzinfo=UTC))  # 23:59 on New Year's Eve in Oslo
    idea_at(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))  # 00:30 on 1 January 2027 in Oslo
    idea_at(datetime(2027, 1, 3, 23, 0, tzinfo=UTC))  # Monday 4 January 00:00: week 1
    home = unit_id()
    weeks = periods.date_range(date(2026, 12, 28), date(2027, 1, 10), grain="week")
    assert [b.key for b in weeks.buckets()] == ["2026-W53", "2027-W01"]
    assert [f.new for f in idea_flow([home], weeks)] == [2, 1]
    months = periods.date_range(date(2026, 12, 1), date(2027, 1, 31), grain="month")
    assert [b.key for b in months.buckets()] == ["2026-12", "2027-01"]
    assert [f.new for f in idea_flow([home], months)] == [1, 2]


def test_everything_together_for_a_page(app_ctx, demo):
    idea_at(noon(11, 10), ("approved", noon(11, 12)))
    deviation_at(noon(11, 10), ("closed", noon(11, 13)))
    home, refugee = unit_id(), unit_id(REFUGEE)
    figures = unit_figures([home, refugee], four_weeks(), NOW)
    assert [b.week for b in figures.buckets] == [46, 47, 48, 49]
    assert figures.units[home].ideas.flow.decided == 1
    assert figures.units[refugee].ideas.flow.new == 0
    assert figures.total.deviations.median_days_to_close == 3.0
    assert figures.settings.hours_per_arsverk == 1695
