"""Sign-in with the municipality's account against a real OpenID provider (oidc-provider).

Steg runs as gunicorn with two workers (so nothing of the sign-in may live in one
process's memory); an HTTP client plays the browser through the real redirects:
Steg → provider's sign-in page → Steg's callback. Every failure case gets a clear
page, no session, and a line in the audit log without any token in it.
"""

import urllib.parse
from datetime import timedelta
from types import SimpleNamespace

import pytest
import requests
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, SsoGroupMapping, Unit, User, UserSession
from app.models.base import utcnow
from app.services.demo import HOME_CARE, REFUGEE
from tests.conftest import csrf_from
from tests.fixtures.oidc import CLIENT_ID, sign_in_at_provider, start_steg_with_provider

ACCOUNTS = {
    "kari": {
        "sub": "sub-kari-0001",
        "name": "Kari Nordmann",
        "email": "kari.nordmann@kommune.test",
        "groups": ["grp-home-care-staff", "grp-all-staff"],
    },
    "lise": {
        "sub": "sub-lise-0002",
        "name": "Lise Leder",
        "email": "lise.leder@kommune.test",
        "groups": ["grp-all-staff"],
    },
    "ola": {
        "sub": "sub-ola-0003",
        "name": "Ola Utenfor",
        "email": "ola@kommune.test",
        "groups": ["grp-all-staff"],
    },
    "nora": {
        "sub": "sub-nora-0004",
        "name": "Nora Koordinator",
        "email": "nora@kommune.test",
        "groups": ["grp-coordinators"],
    },
}
KARI = ACCOUNTS["kari"]["sub"]
REFUSED_TEXT = {
    "state_mismatch": "Start på nytt fra innloggingssiden",
    "provider_refused": "Start på nytt fra innloggingssiden",
    "id_token_invalid": "kunne ikke stoles på",
    "unknown_person": "Steg kjenner deg ikke ennå",
    "no_mapped_group": "ikke i noen gruppe som gir tilgang til Steg",
    "deactivated": "Tilgangen din til Steg er slått av",
}


@pytest.fixture(scope="module")
def sso_servers(app, database_url):
    steg, provider = start_steg_with_provider(database_url, ACCOUNTS)
    yield SimpleNamespace(steg=steg, provider=provider)
    steg.stop()
    provider.stop()


@pytest.fixture
def sso(app, demo, sso_servers):
    """Demo people and units, and the coordinator's group → role mappings."""
    with app.app_context():
        home_care = db.session.scalar(select(Unit).where(Unit.name == HOME_CARE))
        db.session.add_all(
            [
                SsoGroupMapping(group_id="grp-home-care-staff", role="worker", unit=home_care),
                SsoGroupMapping(group_id="grp-coordinators", role="coordinator"),
            ]
        )
        db.session.commit()
    yield sso_servers
    sso_servers.provider.reset()


def start_url(sso, next_path: str = "/") -> str:
    return f"{sso.steg.url}/login/sso?next={urllib.parse.quote(next_path)}"


def sign_in(sso, login: str, next_path: str = "/"):
    """The whole flow for one person; returns (http client, Steg's answer to the callback)."""
    http = requests.Session()
    callback = sign_in_at_provider(http, start_url(sso, next_path), ACCOUNTS[login]["sub"])
    return http, http.get(callback, allow_redirects=False)


def logged_in(sso, http) -> bool:
    return http.get(sso.steg.url + "/", allow_redirects=False).status_code == 200


def user_by_subject(app, subject: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.sso_subject == subject))
        if user is not None:
            db.session.expunge(user)
        return user


def audit_rows(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        rows = db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()
        for row in rows:
            db.session.expunge(row)
        return list(rows)


def link(app, username: str, subject: str, role_from_groups: bool = False, active=True) -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        user.sso_subject, user.role_from_groups, user.active = subject, role_from_groups, active
        db.session.commit()


def assert_refused(sso, http, response, reason: str, app) -> None:
    assert response.status_code in (400, 403), response.status_code
    assert REFUSED_TEXT[reason] in response.text
    assert f'data-reason="{reason}"' in response.text
    assert not logged_in(sso, http)
    failures = audit_rows(app, "sso_login_failed")
    assert [row.detail["reason"] for row in failures] == [reason]
    assert audit_rows(app, "sso_login_succeeded") == []


def assert_no_tokens_in_audit(app, *secrets: str) -> None:
    with app.app_context():
        text = " ".join(
            repr((row.detail, row.username)) for row in db.session.scalars(select(AuditEntry))
        )
    assert "eyJ" not in text, "a JWT in the audit log"
    for secret in secrets:
        assert secret not in text


# --- success ---------------------------------------------------------------


def test_a_worker_in_a_mapped_group_signs_in_and_gets_the_mapped_role(app, sso):
    http = requests.Session()
    http.get(sso.steg.url + "/login")
    before = http.cookies.get("steg_session")
    callback = sign_in_at_provider(http, start_url(sso, "/app"), KARI)
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(callback).query)["code"][0]
    response = http.get(callback, allow_redirects=False)

    assert response.status_code == 302
    assert response.headers["Location"] == "/app"
    assert http.cookies.get("steg_session") != before, "the session is new at login"
    assert logged_in(sso, http)
    start_page = http.get(sso.steg.url + "/").text
    assert "Kari Nordmann" in start_page

    user = user_by_subject(app, "sub-kari-0001")
    assert (user.role, user.role_from_groups, user.has_password) == ("worker", True, False)
    assert user.username == "kari.nordmann@kommune.test"
    with app.app_context():
        assert db.session.get(Unit, user.unit_id).name == HOME_CARE
        methods = db.session.scalars(
            select(UserSession.auth_method).where(UserSession.user_id == user.id)
        ).all()
    assert methods == ["sso"]
    [row] = audit_rows(app, "sso_login_succeeded")
    assert row.actor_id == user.id
    assert_no_tokens_in_audit(app, code, "test-only-client-secret")


def test_a_person_matched_by_subject_keeps_the_coordinators_assignment(app, sso):
    """Lise's groups map to nothing, but the coordinator linked her and set her role."""
    link(app, "leder", "sub-lise-0002", role_from_groups=False)
    http, response = sign_in(sso, "lise")
    assert response.status_code == 302
    assert logged_in(sso, http)
    user = user_by_subject(app, "sub-lise-0002")
    assert (user.username, user.role) == ("leder", "leader")


def test_the_same_email_is_not_enough_to_take_an_account(app, sso):
    """Matching is by subject only: an account with Kari's e-mail as username is not hers."""
    link(app, "ansatt", "sub-someone-else")
    with app.app_context():
        db.session.scalar(
            select(User).where(User.username == "ansatt")
        ).username = "kari.nordmann@kommune.test"
        db.session.commit()
    http, response = sign_in(sso, "kari")
    assert response.status_code == 302
    user = user_by_subject(app, "sub-kari-0001")
    assert user.username == "kari.nordmann@kommune.test-2", "a new account, not the old one"


def test_a_role_that_follows_groups_changes_with_the_mapping(app, sso):
    link(app, "nav-ansatt", "sub-kari-0001", role_from_groups=True)
    with app.app_context():
        mapping = db.session.scalar(
            select(SsoGroupMapping).where(SsoGroupMapping.group_id == "grp-home-care-staff")
        )
        mapping.role = "leader"
        db.session.commit()
    http, response = sign_in(sso, "kari")
    assert response.status_code == 302
    user = user_by_subject(app, "sub-kari-0001")
    with app.app_context():
        unit = db.session.get(Unit, user.unit_id).name
    assert (user.username, user.role, unit) == ("nav-ansatt", "leader", HOME_CARE)
    [change] = audit_rows(app, "user_updated")
    assert change.detail["source"] == "sso_groups"
    assert change.detail["from"]["role"] == "worker"


# --- failures --------------------------------------------------------------


def test_a_wrong_state_is_refused(app, sso):
    http = requests.Session()
    callback = sign_in_at_provider(http, start_url(sso), KARI)
    forged = callback.replace("state=", "state=forged")
    response = http.get(forged, allow_redirects=False)
    assert_refused(sso, http, response, "state_mismatch", app)
    assert user_by_subject(app, "sub-kari-0001") is None


def test_a_callback_in_another_browser_is_refused(app, sso):
    """The code and state are only good in the browser that started the sign-in."""
    http = requests.Session()
    callback = sign_in_at_provider(http, start_url(sso), KARI)
    other = requests.Session()
    response = other.get(callback, allow_redirects=False)
    assert_refused(sso, other, response, "state_mismatch", app)


def test_a_replayed_code_is_refused(app, sso):
    http = requests.Session()
    callback = sign_in_at_provider(http, start_url(sso), KARI)
    # Someone copied the browser's cookie and the callback URL before it was used.
    copied_cookie = http.cookies.get("steg_session")
    assert http.get(callback, allow_redirects=False).status_code == 302

    replay = requests.Session()
    replay.cookies.set("steg_session", copied_cookie)
    response = replay.get(callback, allow_redirects=False)
    assert response.status_code == 400
    assert REFUSED_TEXT["provider_refused"] in response.text
    assert not logged_in(sso, replay)
    [failure] = audit_rows(app, "sso_login_failed")
    assert failure.detail == {"reason": "provider_refused", "error": "invalid_grant"}


@pytest.mark.parametrize(
    ("tamper", "error"),
    [
        ({"nonce": "forged-nonce"}, {"invalid_claim:nonce"}),
        ({"exp_offset": -3600}, {"expired_token:exp"}),
        # Authlib names the missing "azp" (authorized party) of a token for another app.
        ({"aud": "another-app"}, {"invalid_claim:aud", "missing_claim:azp"}),
    ],
    ids=["wrong-nonce", "expired-id-token", "wrong-audience"],
)
def test_an_id_token_that_is_not_for_this_sign_in_is_refused(app, sso, tamper, error):
    sso.provider.tamper(**tamper)
    http, response = sign_in(sso, "kari")
    assert_refused(sso, http, response, "id_token_invalid", app)
    [failure] = audit_rows(app, "sso_login_failed")
    assert failure.detail["error"] in error
    assert user_by_subject(app, "sub-kari-0001") is None
    assert_no_tokens_in_audit(app)


def test_an_unknown_person_gets_a_clear_page_and_no_account(app, sso):
    with app.app_context():
        before = db.session.query(User).count()
    http, response = sign_in(sso, "ola")
    assert_refused(sso, http, response, "unknown_person", app)
    assert "sub-ola-0003" in response.text, "the ID to give the coordinator"
    with app.app_context():
        assert db.session.query(User).count() == before
    [failure] = audit_rows(app, "sso_login_failed")
    assert failure.detail["subject"] == "sub-ola-0003"


def test_a_person_whose_role_follows_groups_without_a_mapped_group_is_refused(app, sso):
    link(app, "leder", "sub-lise-0002", role_from_groups=True)
    http, response = sign_in(sso, "lise")
    assert_refused(sso, http, response, "no_mapped_group", app)
    [failure] = audit_rows(app, "sso_login_failed")
    assert failure.username == "leder"


def test_deactivation_in_steg_wins_over_the_provider(app, sso):
    link(app, "ansatt", "sub-kari-0001", role_from_groups=True, active=False)
    http, response = sign_in(sso, "kari")
    assert_refused(sso, http, response, "deactivated", app)


def test_deactivating_a_signed_in_person_ends_their_session(app, sso):
    http, response = sign_in(sso, "kari")
    assert logged_in(sso, http)
    link(app, "kari.nordmann@kommune.test", "sub-kari-0001", True, active=False)
    assert not logged_in(sso, http)


# --- sessions, logout, re-authentication -------------------------------------


def test_logout_ends_the_session_and_offers_the_providers_logout(app, sso):
    http, _ = sign_in(sso, "kari")
    csrf = csrf_from(http.get(sso.steg.url + "/").text)
    response = http.post(sso.steg.url + "/logout", data={"csrf_token": csrf})
    assert response.status_code == 200  # followed to the login page
    assert not logged_in(sso, http)
    assert "Logg ut av kommunens konto også" in response.text
    end_session = response.text.split('id="sso-end-session" href="')[1].split('"')[0]
    end_session = end_session.replace("&amp;", "&")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(end_session).query)
    assert end_session.startswith(sso.provider.url + "/session/end")
    assert query["client_id"] == [CLIENT_ID]
    assert query["post_logout_redirect_uri"] == [sso.steg.url + "/login"]
    assert http.get(end_session).status_code == 200  # the provider's "log out?" page
    # Shown once: the next login page does not offer it again.
    assert "sso-end-session" not in http.get(sso.steg.url + "/login").text


def test_a_coordinator_confirms_a_sensitive_change_at_the_provider(app, sso):
    http, _ = sign_in(sso, "nora", "/admin/sso-groups")
    assert http.get(sso.steg.url + "/admin/sso-groups", allow_redirects=False).status_code == 200
    user = user_by_subject(app, "sub-nora-0004")
    assert user.role == "coordinator"
    with app.app_context():
        for row in db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)):
            row.authenticated_at = utcnow() - timedelta(hours=1)
        db.session.commit()

    page = http.get(sso.steg.url + "/admin/sso-groups")
    assert "/account/confirm" in page.url
    assert "Bekreft med kommunens konto" in page.text
    reauth = page.text.split('id="sso-reauth" href="')[1].split('"')[0].replace("&amp;", "&")
    callback = sign_in_at_provider(http, sso.steg.url + reauth, ACCOUNTS["nora"]["sub"])
    response = http.get(callback, allow_redirects=False)
    assert response.headers["Location"] == "/admin/sso-groups"
    assert http.get(sso.steg.url + "/admin/sso-groups", allow_redirects=False).status_code == 200
    [row] = audit_rows(app, "reauthenticated")
    assert row.detail == {"method": "sso"}


def test_the_coordinator_maps_a_group_and_unmaps_it(app, sso):
    http, _ = sign_in(sso, "nora", "/admin/sso-groups")
    page = http.get(sso.steg.url + "/admin/sso-groups")
    with app.app_context():
        unit_id = db.session.scalar(select(Unit.id).where(Unit.name == REFUGEE))
    form = {"csrf_token": csrf_from(page.text), "group_id": "grp-nav", "role": "leader"}
    missing_unit = http.post(sso.steg.url + "/admin/sso-groups", data=form)
    assert "Ansatte og ledere må tilhøre en enhet." in missing_unit.text

    added = http.post(sso.steg.url + "/admin/sso-groups", data={**form, "unit": unit_id})
    assert "Gruppe koblet: grp-nav" in added.text
    with app.app_context():
        mapping = db.session.scalar(
            select(SsoGroupMapping).where(SsoGroupMapping.group_id == "grp-nav")
        )
        mapping_id = mapping.id
    assert (mapping.role, mapping.unit_id) == ("leader", unit_id)

    removed = http.post(
        f"{sso.steg.url}/admin/sso-groups/{mapping_id}/delete",
        data={"csrf_token": csrf_from(added.text)},
    )
    assert "Gruppekobling fjernet: grp-nav" in removed.text
    [mapped] = audit_rows(app, "sso_group_mapped")
    [unmapped] = audit_rows(app, "sso_group_unmapped")
    assert mapped.detail == {"group": "grp-nav", "role": "leader", "unit_id": unit_id}
    assert unmapped.target_id == str(mapping_id)


def test_a_person_made_from_a_group_has_no_steg_password(app, sso):
    http, _ = sign_in(sso, "kari")
    account = http.get(sso.steg.url + "/account")
    assert "Du logger inn med kommunens konto" in account.text
    assert 'name="new_password"' not in account.text
    csrf = csrf_from(account.text)
    response = http.post(
        sso.steg.url + "/account/password",
        data={"csrf_token": csrf, "current_password": "x", "new_password": "y" * 20},
    )
    assert response.status_code == 404


def test_a_one_time_password_does_not_stop_a_person_who_signs_in_with_sso(app, sso):
    link(app, "ansatt", KARI)
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "ansatt")).must_change_password = True
        db.session.commit()
    http, response = sign_in(sso, "kari")
    assert response.status_code == 302
    assert http.get(sso.steg.url + "/", allow_redirects=False).status_code == 200
