"""Flask commands: seed-demo, create-unit, create-user, purge-expired, refresh-figures."""

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from app.extensions import db
from app.models import ROLES, Unit
from app.services.demo import CATEGORY_SETS, DEMO_PASSWORD, demo_logins, seed_demo
from app.services.demo_history import COLLEAGUES, seed_demo_history
from app.services.errors import DomainError
from app.services.purge import plan_purge, run_purge
from app.services.users import create_unit, create_user


def _fail(error: DomainError) -> None:
    db.session.rollback()
    details = "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in error.fields.items())
    raise click.ClickException(f"{error.message} {details}".strip())


@click.command("seed-demo")
@with_appcontext
@click.option("--first-time", is_flag=True, help="Only seed a database that has no units.")
@click.option("--empty", is_flag=True, help="Only the units and people, no history.")
@click.option(
    "--weeks",
    type=click.IntRange(1, 104),
    default=13,
    show_default=True,
    help="How many weeks of history, ending now.",
)
def seed_demo_command(first_time, empty, weeks):
    """Create the pilot units, demo users and a history of reports (safe to run again)."""
    if first_time and db.session.scalar(select(Unit).limit(1)) is not None:
        users = demo_logins()
    else:
        users = seed_demo()
        if not empty:
            for unit, history in seed_demo_history(weeks=weeks).items():
                if history:
                    click.echo(f"History: {history.reports} reports over {weeks} weeks in {unit}")
        db.session.commit()
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    width = max(len(username) for username, _role, _unit in users)
    for username, role, unit in users:
        click.echo(f"  {username:<{width}}  {role:<12} {unit}")
    if not empty:
        colleagues = ", ".join(u for people in COLLEAGUES.values() for u, _ in people)
        click.echo(f"  and colleagues with the same password: {colleagues}")


@click.command("create-unit")
@with_appcontext
@click.argument("name")
@click.option(
    "--categories",
    type=click.Choice(sorted(CATEGORY_SETS)),
    default="none",
    help="Start the unit with a default category list.",
)
def create_unit_command(name, categories):
    """Create a unit."""
    try:
        unit = create_unit(name, CATEGORY_SETS[categories])
    except DomainError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"Created unit {unit.id}: {unit.name}")


@click.command("create-user")
@with_appcontext
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--unit", "unit_name", help="Unit name (not for coordinators).")
@click.option("--name", "display_name", default="", help="Name shown to others.")
def create_user_command(username, role, unit_name, display_name):
    """Create a user. The password is asked for, never taken from the command line."""
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    unit = None
    if unit_name:
        unit = db.session.scalar(select(Unit).where(Unit.name == unit_name))
        if unit is None:
            raise click.ClickException(f"No unit named {unit_name!r}.")
    try:
        user = create_user(username, password, role, unit, display_name)
    except DomainError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"Created {user.role} {user.username}")


@click.command("purge-expired")
@click.option("--dry-run", is_flag=True, help="List what would be removed; change nothing.")
@with_appcontext
def purge_expired_command(dry_run):
    """Remove closed records whose retention period is over (docs/security.md)."""
    plan = plan_purge()
    lines = plan.lines()
    for line in lines:
        click.echo(("would " if dry_run else "") + line)
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run: {len(lines)} change(s) listed, nothing changed.")
        return
    removed = run_purge(plan)
    db.session.commit()
    click.echo(f"Removed {removed} record(s).")


@click.command("refresh-figures")
@with_appcontext
def refresh_figures_command():
    """Count the programme's figures for the last 4, 12 and 52 weeks ahead (run from cron)."""
    from app.services.figures import all_units, snapshots

    unit_ids = all_units()
    keys = snapshots.refresh(unit_ids)
    db.session.commit()
    click.echo(f"Counted the figures of {len(unit_ids)} unit(s) for {len(keys)} period(s).")


def register_commands(app: Flask) -> None:
    for command in (
        refresh_figures_command,
        seed_demo_command,
        create_unit_command,
        create_user_command,
        purge_expired_command,
    ):
        app.cli.add_command(command)
