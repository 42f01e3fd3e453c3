"""The demo's history (flask seed-demo): a believable unit, the same every time, no ids."""

from datetime import timedelta
from statistics import median

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    BoardMeeting,
    Category,
    Deviation,
    Event,
    Idea,
    IdeaSupport,
    Measure,
    Unit,
    User,
)
from app.models.base import utcnow
from app.services import demo_texts
from app.services.board_figures import key_figures
from app.services.board_view import OSLO
from app.services.demo import HOME_CARE, REFUGEE, seed_demo
from app.services.demo_history import seed_demo_history
from app.services.personal_id import find_personal_id_numbers
from tests.conftest import HISTORY_NOW, empty_tables, log_in

IDEA_STATUSES = {"new", "under_review", "approved", "in_progress", "done", "rejected", "parked"}


def seed(app, weeks=13, now=HISTORY_NOW):
    with app.app_context():
        seed_demo()
        created = seed_demo_history(weeks=weeks, now=now)
        db.session.commit()
        return created


def dump() -> dict:
    """What a person would notice of the history, without ids: counts, titles, times."""

    def rows(query):
        return sorted(tuple(str(v) for v in row) for row in db.session.execute(query).all())

    return {
        "deviations": rows(
            select(
                Unit.name,
                Deviation.status,
                Deviation.severity,
                Category.code,
                Deviation.created_at,
                Deviation.description,
                User.username,
            )
            .join(Unit, Unit.id == Deviation.unit_id)
            .join(Category, Category.id == Deviation.category_id)
            .join(User, User.id == Deviation.reporter_id)
        ),
        "ideas": rows(
            select(
                Unit.name, Idea.status, Idea.title, Idea.created_at, Idea.due_date, User.username
            )
            .join(Unit, Unit.id == Idea.unit_id)
            .join(User, User.id == Idea.reporter_id)
        ),
        "events": [  # (an idea made from a deviation is named by its id there)
            e if e[0] != "idea_created_from_deviation" else e[:3] + e[4:]
            for e in rows(
                select(Event.action, Event.to_status, Event.at, Event.comment, User.username).join(
                    User, User.id == Event.actor_id
                )
            )
        ],
        "measures": rows(select(Measure.text, Measure.done, Measure.created_at)),
        "supports": db.session.scalar(select(func.count()).select_from(IdeaSupport)),
        "meetings": rows(select(BoardMeeting.started_at, BoardMeeting.ended_at)),
    }


def test_seeding_twice_gives_the_same_history_and_running_it_again_adds_nothing(app):
    assert all(seed(app, weeks=4).values())
    with app.app_context():
        first = dump()
    assert seed(app, weeks=4) == {HOME_CARE: None, REFUGEE: None}  # the units have reports
    with app.app_context():
        assert dump() == first
    empty_tables(app)
    seed(app, weeks=4)
    with app.app_context():
        assert dump() == first  # the same seed, the same history


def test_the_history_shows_every_part_of_the_product(app, demo_history):
    created = demo_history
    assert all(100 <= h.reports <= 102 for h in created.values())  # ~60 deviations, ~40 ideas
    with app.app_context():
        for unit in db.session.scalars(select(Unit)):
            ideas = db.session.scalars(select(Idea).where(Idea.unit_id == unit.id)).all()
            deviations = db.session.scalars(
                select(Deviation).where(Deviation.unit_id == unit.id)
            ).all()
            assert {i.status for i in ideas} == IDEA_STATUSES
            assert {d.status for d in deviations} == {"new", "in_progress", "closed"}
            assert {d.severity for d in deviations} == {"low", "moderate", "high", "critical"}
            assert "violence" in {d.category.code for d in deviations}
            assert len({d.reporter_id for d in deviations}) >= 4  # several reporters
            today = HISTORY_NOW.date()
            overdue = [i for i in ideas if i.due_date and i.due_date < today and i.status != "done"]
            assert 1 <= len(overdue) <= len(ideas) // 3
            assert any(i.pdsa_plan and i.pdsa_study for i in ideas)
            assert all(i.learning for i in ideas if i.status == "done")
            assert all(i.decision_comment for i in ideas if i.status == "rejected")
            assert all(d.closing_summary for d in deviations if d.status == "closed")
            meetings = db.session.scalars(
                select(BoardMeeting).where(BoardMeeting.unit_id == unit.id)
            ).all()
            assert 12 <= len(meetings) <= 14  # weekly
            assert all(m.ended_at for m in meetings)
        assert "staff_injury" in {
            d.category.code
            for d in db.session.scalars(select(Deviation).join(Unit).where(Unit.name == HOME_CARE))
        }
        actions = dict(
            db.session.execute(select(Event.action, func.count()).group_by(Event.action)).all()
        )
        for action in ("supported", "commented", "just_done", "pdsa_updated", "measure_done"):
            assert actions.get(action, 0) > 5, action
        assert actions["created_from_deviation"] >= 2  # "lag forbedringsforslag"
        decided_in_meetings = db.session.scalar(
            select(func.count()).select_from(Event).where(Event.meeting_id.is_not(None))
        )
        assert decided_in_meetings > 20
        times = db.session.scalars(select(Event.at)).all()
        assert min(times) >= HISTORY_NOW - timedelta(weeks=13)
        assert max(times) < HISTORY_NOW
        assert utcnow() > HISTORY_NOW  # the clock is the real one again
        _no_identity_numbers()
        _figures_are_the_numbers_of_the_seeds_own_table(created)


def _figures_are_the_numbers_of_the_seeds_own_table(histories):
    """The board's key figures (services/board_figures.py) read what the seed planned."""
    for name, history in histories.items():
        unit = db.session.scalar(select(Unit).where(Unit.name == name))
        figures = key_figures(unit.id, now=HISTORY_NOW)
        first = figures.weeks[0].monday

        def week(moment, first=first):
            day = moment.astimezone(OSLO).date()
            return (day - first).days // 7 if day >= first else None

        expected = [[0, 0, 0] for _ in figures.weeks]
        for moment in history.ideas_reported:
            if (n := week(moment)) is not None:
                expected[n][0] += 1
        days = []
        for reported, decided in history.first_decisions:
            if (n := week(decided)) is not None:
                expected[n][1] += 1
                days.append((decided - reported).total_seconds() / 86400)
        for moment in history.done:
            if (n := week(moment)) is not None:
                expected[n][2] += 1
        assert [[w.new, w.decided, w.done] for w in figures.weeks] == expected
        assert figures.decided_count == len(days) > 0
        assert figures.median_days_to_decision == round(median(days), 1)
        assert sum(w.new for w in figures.weeks) >= 5  # the last weeks are not empty


def _no_identity_numbers():
    stored = [
        *db.session.scalars(select(Deviation.description)),
        *db.session.scalars(select(Deviation.immediate_action)),
        *db.session.scalars(select(Deviation.closing_summary)),
        *db.session.scalars(select(Idea.problem)),
        *db.session.scalars(select(Idea.proposal)),
        *db.session.scalars(select(Idea.learning)),
        *db.session.scalars(select(Event.comment)),
        *db.session.scalars(select(Measure.text)),
    ]
    written = []

    def collect(value):
        if isinstance(value, str):
            written.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    for name in dir(demo_texts):
        if name.isupper():
            collect(getattr(demo_texts, name))
    assert len(written) > 150
    for text in [t for t in stored if t] + written:
        assert find_personal_id_numbers(text) == [], text


def test_a_workers_first_pull_of_the_seeded_unit_is_one_page_within_budget(app, demo_history):
    client = app.test_client()
    assert log_in(client, "ansatt").status_code == 302
    pages, changes, cursor = [], [], None
    while len(pages) < 10:
        query = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        response = client.get("/api/v1/sync/pull", query_string=query)
        assert response.status_code == 200
        pages.append(len(response.data))
        changes += response.json["changes"]
        cursor = response.json["cursor"]
        if not response.json["has_more"]:
            break
    with app.app_context():
        worker = db.session.scalar(select(User).where(User.username == "ansatt"))
        own = db.session.scalar(
            select(func.count()).select_from(Deviation).where(Deviation.reporter_id == worker.id)
        )
        board = db.session.scalar(
            select(func.count()).select_from(Idea).where(Idea.unit_id == worker.unit_id)
        )
    assert len({c["id"] for c in changes}) == len(changes) == own + board
    # bench/board_pull.py: pages of 200; its largest page of 200 ideas is 212 KiB.
    assert len(pages) == 1
    assert pages[0] < 212 * 1024


def test_the_leader_opens_on_a_living_unit(app, demo_history):
    client = app.test_client()
    assert log_in(client, "leder").status_code == 302
    for path in ("/leader/", "/leader/board", "/leader/meetings/"):
        page = client.get(path)
        assert page.status_code == 200, path
    inbox = client.get("/leader/").text
    with app.app_context():
        newest = db.session.scalar(
            select(Idea.title)
            .join(Unit)
            .where(Unit.name == HOME_CARE, Idea.status == "new")
            .order_by(Idea.created_at.desc())
        )
    assert newest in inbox or newest.replace("'", "&#39;") in inbox


def test_seed_demo_command_empty_and_weeks(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo", "--empty"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Idea)) == 0
    result = runner.invoke(args=["seed-demo", "--weeks", "2"])
    assert result.exit_code == 0, result.output
    assert "History:" in result.output
    assert "sykepleier" in result.output
    with app.app_context():
        counts = [db.session.scalar(select(func.count()).select_from(m)) for m in (Deviation, Idea)]
    assert counts[0] > 10
    assert counts[1] > 5
    again = runner.invoke(args=["seed-demo", "--weeks", "2"])
    assert again.exit_code == 0
    assert "History:" not in again.output
    with app.app_context():
        assert [
            db.session.scalar(select(func.count()).select_from(m)) for m in (Deviation, Idea)
        ] == counts
    refused = runner.invoke(args=["seed-demo", "--weeks", "0"])
    assert refused.exit_code != 0
    assert "--weeks" in refused.output
