"""The notification commands an operator runs."""

from app.services.notifications import vapid


def test_vapid_keys_prints_a_key_the_server_can_use(app):
    result = app.test_cli_runner().invoke(args=["vapid-keys"])
    assert result.exit_code == 0, result.output
    private_line, public_line = result.output.strip().splitlines()
    private = private_line.removeprefix("STEG_VAPID_PRIVATE_KEY=")
    assert len(vapid.b64url_decode(private)) == 32
    public = public_line.rsplit(" ", 1)[1]
    assert vapid.public_key(private) == public
    assert len(vapid.b64url_decode(public)) == 65


def test_vapid_keys_dev_writes_a_key_once(app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["vapid-keys", "--dev"])
    assert "written" in first.output
    key = (tmp_path / "vapid_private.pem").read_text()
    assert runner.invoke(args=["vapid-keys", "--dev"]).output == ""
    assert (tmp_path / "vapid_private.pem").read_text() == key
    assert vapid.public_key(key)


def test_notify_check_says_inline_without_a_reachable_redis(app, monkeypatch):
    monkeypatch.setitem(app.config, "QUEUE_URL", "")
    result = app.test_cli_runner().invoke(args=["notify-check"])
    assert result.exit_code == 1
    assert result.output.startswith("inline")
    monkeypatch.setitem(app.config, "QUEUE_URL", "redis://127.0.0.1:9/0")
    assert app.test_cli_runner().invoke(args=["notify-check"]).exit_code == 1
