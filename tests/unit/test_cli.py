"""The flask commands an operator runs."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Category, Unit, User
from app.services.passwords import verify_password


def counts():
    return (
        db.session.scalar(select(func.count()).select_from(Unit)),
        db.session.scalar(select(func.count()).select_from(User)),
        db.session.scalar(select(func.count()).select_from(Category)),
    )


def test_seed_demo_twice_leaves_the_same_data(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--empty"])
    assert first.exit_code == 0, first.output
    with app.app_context():
        after_first = counts()
    second = runner.invoke(args=["seed-demo", "--empty"])
    assert second.exit_code == 0
    with app.app_context():
        assert counts() == after_first == (2, 7, 17)
    for username in ("ansatt", "leder", "nav-ansatt", "nav-leder", "koordinator"):
        assert username in first.output
    assert "demo-steg-2026" in first.output


def test_seed_demo_first_time_does_not_touch_a_used_database(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo", "--empty"])
    with app.app_context():
        db.session.execute(db.delete(User).where(User.username == "nav-ansatt"))
        db.session.commit()
    result = runner.invoke(args=["seed-demo", "--first-time"])
    assert "ansatt" in result.output
    with app.app_context():
        assert db.session.scalar(select(User).where(User.username == "nav-ansatt")) is None


def test_create_unit_and_user_with_prompted_password(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-unit", "Hjemmetjenesten Nord", "--categories", "home-care"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        args=["create-user", "per", "--role", "worker", "--unit", "Hjemmetjenesten Nord"],
        input="et-langt-passord-1\net-langt-passord-1\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "per"))
        assert user.unit.name == "Hjemmetjenesten Nord"
        assert len(user.unit.categories) == 10
        assert verify_password(user.password_hash, "et-langt-passord-1")
        assert "et-langt-passord-1" not in user.password_hash


def test_create_user_refuses_a_duplicate_username(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo", "--empty"])
    result = runner.invoke(
        args=["create-user", "Leder", "--role", "coordinator"],
        input="et-langt-passord-1\net-langt-passord-1\n",
    )
    assert result.exit_code != 0
    assert "username" in result.output.lower()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 7


def test_create_user_refuses_a_short_password(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-user", "kort", "--role", "coordinator"], input="kort\nkort\n"
    )
    assert result.exit_code != 0
    assert "12" in result.output


def test_worker_without_unit_is_refused(app):
    result = app.test_cli_runner().invoke(
        args=["create-user", "uten", "--role", "worker"],
        input="et-langt-passord-1\net-langt-passord-1\n",
    )
    assert result.exit_code != 0
