"""Flask commands for notifications: vapid-keys, notify-check, notify-worker, notify-failed."""

import logging
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from redis.exceptions import RedisError
from rq import SimpleWorker
from rq.registry import FailedJobRegistry

from app.notify_config import DEV_VAPID_FILE
from app.services.notifications import queue, vapid


@click.command("vapid-keys")
@click.option(
    "--dev", is_flag=True, help="Write a development key into instance/ if none is there."
)
@with_appcontext
def vapid_keys_command(dev):
    """Make a VAPID key pair for Web Push (set STEG_VAPID_PRIVATE_KEY to the private key)."""
    if dev:
        key_file = Path(current_app.instance_path) / DEV_VAPID_FILE
        if not key_file.exists():
            key_file.write_text(vapid.generate()[0])
            key_file.chmod(0o600)
            click.echo(f"Web Push: a development VAPID key was written to {key_file}")
        return
    pem, public = vapid.generate()
    one_line = vapid.b64url(
        vapid.load(pem).private_key.private_numbers().private_value.to_bytes(32, "big")
    )
    click.echo(f"STEG_VAPID_PRIVATE_KEY={one_line}")
    click.echo(f"# public key (the app fetches it from /api/v1/push/key): {public}")


@click.command("notify-check")
@with_appcontext
def notify_check_command():
    """Exit 0 when the job queue's Redis answers, 1 when jobs would run inline."""
    config = current_app.config
    if not config["QUEUE_URL"]:
        click.echo("inline: no STEG_QUEUE_URL or REDIS_URL")
        sys.exit(1)
    try:
        queue.connection(config["QUEUE_URL"]).ping()
    except RedisError as error:
        click.echo(f"inline: Redis does not answer ({error})")
        sys.exit(1)
    click.echo(f"queue: {config['QUEUE_NAME']} on Redis")


@click.command("notify-worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@with_appcontext
def notify_worker_command(burst):
    """Run the notification jobs (one process; retries need its scheduler)."""
    q = queue.current_queue()
    if q is None:
        raise click.ClickException("Set STEG_QUEUE_URL or REDIS_URL: there is no queue to work on.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    worker = SimpleWorker([q], connection=q.connection)
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")


@click.command("notify-failed")
@with_appcontext
def notify_failed_command():
    """List the dead letters: notification jobs that failed after every retry."""
    q = queue.current_queue()
    if q is None:
        raise click.ClickException("No queue configured: inline failures are in the log.")
    registry = FailedJobRegistry(queue=q)
    for job in q.job_class.fetch_many(registry.get_job_ids(), connection=q.connection):
        if job is not None:
            click.echo(f"{job.id} {job.func_name}{tuple(job.args)} {job.ended_at}: {_why(job)}")


def _why(job) -> str:
    result = job.latest_result()
    lines = (result.exc_string or "").strip().splitlines() if result else []
    return lines[-1] if lines else ""


def register_notify_commands(app) -> None:
    for command in (
        vapid_keys_command,
        notify_check_command,
        notify_worker_command,
        notify_failed_command,
    ):
        app.cli.add_command(command)
