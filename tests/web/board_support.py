"""A unit's board with known data: ideas of every status and age, made through the services
and then dated back, so the board's markers and the meeting's figures can be checked."""

from datetime import UTC, date, datetime, timedelta

from app.extensions import db
from app.models import Event, Idea, IdeaSupport, User
from app.services import ideas
from tests.web.leader_support import make_deviation, make_idea

NOW = datetime.now(UTC)


def person(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def move(app, idea_id: str, *steps, days_ago: int = 0, **fields) -> None:
    """Decide the idea through the service, step by step, then date the last change back."""
    with app.app_context():
        idea = db.session.get(Idea, idea_id)
        leader = person("leder")
        for status in steps:
            comment = "Ikke nå" if status == "rejected" else None
            ideas.decide_idea(idea, leader, status, comment=comment, **fields)
        if steps:
            idea.status_changed_at = NOW - timedelta(days=days_ago)
            db.session.execute(
                db.update(Event)
                .where(Event.idea_id == idea_id, Event.action != "created")
                .values(at=NOW - timedelta(days=days_ago))
            )
        db.session.commit()


def date_created(app, idea_id: str, days_ago: int) -> None:
    with app.app_context():
        idea = db.session.get(Idea, idea_id)
        idea.created_at = NOW - timedelta(days=days_ago)
        db.session.commit()


def support(app, idea_id: str, *usernames: str) -> None:
    with app.app_context():
        for username in usernames:
            db.session.add(IdeaSupport(idea_id=idea_id, user_id=person(username).id))
        db.session.commit()


def seed_board(app) -> dict[str, str]:
    """Three new ideas, one overdue (approved 20 days ago), one in work for 40 days, one done
    2 days ago, one parked, one rejected; a deviation (never on the board); another unit's idea."""
    ids = {f"new{n}": make_idea(app, title=f"Ny idé {n}") for n in (1, 2, 3)}
    for n, key in enumerate(("new1", "new2", "new3")):
        date_created(app, ids[key], 3 - n)
    ids["overdue"] = make_idea(app, title="Forfalt idé")
    date_created(app, ids["overdue"], 25)
    move(
        app,
        ids["overdue"],
        "approved",
        days_ago=20,
        responsible="Kari Hansen",
        due_date=date.today() - timedelta(days=3),
    )
    ids["old"] = make_idea(app, title="Gammel idé")
    date_created(app, ids["old"], 50)
    move(app, ids["old"], "approved", "in_progress", days_ago=40, responsible="Lise Berg")
    ids["done"] = make_idea(app, title="Ferdig idé")
    date_created(app, ids["done"], 10)
    move(app, ids["done"], "approved", "done", days_ago=2)
    ids["parked"] = make_idea(app, title="Parkert idé")
    move(app, ids["parked"], "parked", days_ago=1)
    ids["rejected"] = make_idea(app, title="Avvist idé")
    move(app, ids["rejected"], "rejected", days_ago=1)
    support(app, ids["new1"], "ansatt", "leder")
    ids["deviation"] = make_deviation(app, description="Avvik som aldri er på tavla")
    ids["nav"] = make_idea(app, "nav-ansatt", title="NAV sin idé")
    return ids
