"""The meeting's key figures, counted from known data: per ISO week (Norwegian time) how
many ideas were reported, first decided and done, and the median days to a first decision."""

from datetime import UTC, date, datetime

from app.extensions import db
from app.models import Idea, Unit
from app.models.base import clock_at
from app.services import ideas
from app.services.board_figures import key_figures
from app.services.demo import HOME_CARE
from tests.web.board_support import person
from tests.web.leader_support import make_idea

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)  # a Wednesday in week 49


def noon(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 12, tzinfo=UTC)


def idea_with_history(app, created: datetime, *steps, username: str = "ansatt") -> str:
    """An idea reported at ``created``, then moved through (status, when) steps by the leader."""
    with clock_at(created):
        idea_id = make_idea(app, username)
    with app.app_context():
        idea = db.session.get(Idea, idea_id)
        for status, at in steps:
            with clock_at(at):
                if status == "just_done":
                    ideas.just_do_it(idea, person("leder"), "Gjort på stedet")
                else:
                    ideas.decide_idea(idea, person("leder"), status, comment="Grunn")
        db.session.commit()
    return idea_id


def test_key_figures_count_new_decided_done_per_week_and_the_median(app, demo):
    idea_with_history(app, noon(11, 10), ("approved", noon(11, 12)), ("done", noon(11, 20)))
    idea_with_history(app, noon(11, 17), ("just_done", noon(11, 24)))
    idea_with_history(app, noon(11, 25), ("parked", noon(12, 1)))
    idea_with_history(app, noon(12, 1))  # still new
    idea_with_history(app, noon(10, 1), ("approved", noon(10, 5)))  # before the weeks
    idea_with_history(app, noon(11, 3), ("rejected", noon(11, 11)))  # reported before
    idea_with_history(app, noon(11, 30), ("approved", noon(12, 1)), username="nav-ansatt")

    with app.app_context():
        unit = db.session.scalar(db.select(Unit.id).where(Unit.name == HOME_CARE))
        figures = key_figures(unit, now=NOW)

    rows = [(w.number, w.monday, w.new, w.decided, w.done) for w in figures.weeks]
    assert rows == [
        (46, date(2026, 11, 9), 1, 2, 0),
        (47, date(2026, 11, 16), 1, 0, 1),
        (48, date(2026, 11, 23), 1, 1, 1),
        (49, date(2026, 11, 30), 1, 1, 0),
    ]
    # Days to the first decision: 2, 8 (week 46), 7 (week 48), 6 (week 49).
    assert figures.median_days_to_decision == 6.5
    assert figures.decided_count == 4


def test_a_week_is_counted_in_norwegian_time(app, demo):
    # Sunday 29 November 23:30 UTC is already Monday 30 November in Oslo (week 49).
    idea_with_history(app, datetime(2026, 11, 29, 23, 30, tzinfo=UTC))
    with app.app_context():
        unit = db.session.scalar(db.select(Unit.id).where(Unit.name == HOME_CARE))
        figures = key_figures(unit, now=NOW)
    assert [w.new for w in figures.weeks] == [0, 0, 0, 1]
    assert figures.median_days_to_decision is None
