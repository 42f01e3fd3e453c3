"""Settings of the sign-in with the municipality's account, and local login turned off."""

import pytest

from app import create_app
from app.config import ConfigError, load_config
from app.extensions import db
from app.models import AuditEntry
from app.services.demo import DEMO_PASSWORD
from tests.conftest import csrf_from

SSO_BUTTON = "Logg inn med kommunens konto"


@pytest.fixture
def sso_only_app(app, database_url):
    """The same database, with SSO configured (a provider nobody answers at) and no passwords."""
    sso_app = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "OIDC_ENABLED": True,
            "OIDC_DISCOVERY_URL": "http://127.0.0.1:9/.well-known/openid-configuration",
            "OIDC_CLIENT_ID": "steg",
            "OIDC_CLIENT_SECRET": "not-a-real-secret",
            "LOCAL_LOGIN": False,
        },
    )
    yield sso_app
    with sso_app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_without_sso_the_login_page_has_only_the_password_form(client, demo):
    page = client.get("/login").text
    assert SSO_BUTTON not in page
    assert 'name="password"' in page
    assert client.get("/login/sso").status_code == 404


def test_with_local_login_off_only_the_municipalitys_account_is_offered(sso_only_app, demo):
    client = sso_only_app.test_client()
    page = client.get("/login?next=/app")
    assert SSO_BUTTON in page.text
    assert 'href="/login/sso?next=/app"' in page.text
    assert 'name="password"' not in page.text

    response = client.post(
        "/login",
        data={"username": "ansatt", "password": DEMO_PASSWORD, "csrf_token": csrf_from(page.text)},
    )
    assert response.status_code == 200
    assert "Logg inn med kommunens konto." in response.text
    assert client.get("/").status_code == 302, "a password must not log anyone in"


def test_an_unreachable_provider_gets_a_clear_page(sso_only_app, demo):
    client = sso_only_app.test_client()
    response = client.get("/login/sso")
    assert response.status_code == 503
    assert "Kommunens innlogging svarer ikke akkurat nå" in response.text
    with sso_only_app.app_context():
        query = db.select(AuditEntry).where(AuditEntry.action == "sso_login_failed")
        row = db.session.scalar(query)
        assert row.detail == {"reason": "provider_unreachable"}


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("STEG_OIDC_ISSUER", "https://login.example.test/tenant/v2.0/")
    monkeypatch.setenv("STEG_OIDC_CLIENT_ID", "client-id")
    monkeypatch.setenv("STEG_OIDC_CLIENT_SECRET", "from-the-environment")
    monkeypatch.setenv("STEG_OIDC_SUBJECT_CLAIM", "oid")
    config = load_config(tmp_path, "testing")
    assert config.OIDC_ENABLED
    assert config.OIDC_DISCOVERY_URL == (
        "https://login.example.test/tenant/v2.0/.well-known/openid-configuration"
    )
    assert (config.OIDC_SUBJECT_CLAIM, config.OIDC_GROUPS_CLAIM) == ("oid", "groups")
    assert config.OIDC_SCOPES == "openid profile email"
    assert config.LOCAL_LOGIN


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"STEG_LOCAL_LOGIN": "off"}, "nobody could log in"),
        ({"STEG_OIDC_ISSUER": "https://idp.test"}, "STEG_OIDC_CLIENT_SECRET"),
        (
            {
                "STEG_OIDC_ISSUER": "https://idp.test",
                "STEG_OIDC_CLIENT_ID": "c",
                "STEG_OIDC_CLIENT_SECRET": "s",
                "STEG_OIDC_SCOPES": "profile",
            },
            "must include openid",
        ),
    ],
)
def test_settings_that_cannot_work_stop_the_start(monkeypatch, tmp_path, env, message):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path, "testing")
