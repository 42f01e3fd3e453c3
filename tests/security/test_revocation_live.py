"""Revocation on real app processes: a cookie that ends on one process is dead on every one.

Two gunicorn servers (separate processes, two workers each) share the database,
as several app servers behind a load balancer would.
"""

import pytest

from app.extensions import db
from app.services.demo import DEMO_PASSWORD
from app.services.sessions import end_all_sessions
from tests.fixtures.servers import module_server
from tests.security.conftest import CSRF_FIELD, Browser, user

NEW_PASSWORD = "sju blå biler i regnet"


process_a = module_server()
process_b = module_server()


@pytest.fixture
def servers(process_a, process_b, demo):
    return process_a, process_b


def _logged_in_on(browser: Browser, base_url: str) -> bool:
    status, headers, _ = browser.request("/", base_url=base_url)
    if status == 302:
        assert "/login" in headers["Location"]
        return False
    assert status == 200
    return True


def _form_token(browser: Browser, base_url: str) -> str:
    _, _, text = browser.request("/account", base_url=base_url)
    return CSRF_FIELD.search(text).group(1)


def test_logout_on_one_process_ends_the_cookie_on_the_other(servers):
    a, b = servers
    browser = Browser(a.url)
    assert browser.log_in("ansatt", DEMO_PASSWORD) == 302
    assert _logged_in_on(browser, b.url)  # the same cookie works on the other process
    copy = Browser(a.url)
    for cookie in browser.jar:
        copy.jar.set_cookie(cookie)
    browser.request("/logout", {"csrf_token": _form_token(browser, b.url)}, base_url=b.url)
    assert not _logged_in_on(copy, a.url)
    assert not _logged_in_on(copy, b.url)


def test_log_out_everywhere_ends_sessions_on_every_process(servers):
    a, b = servers
    tablet, office = Browser(a.url), Browser(b.url)
    assert tablet.log_in("leder", DEMO_PASSWORD) == 302
    assert office.log_in("leder", DEMO_PASSWORD) == 302
    office.request("/account/logout-everywhere", {"csrf_token": _form_token(office, b.url)})
    assert not _logged_in_on(tablet, a.url)
    assert not _logged_in_on(tablet, b.url)


def test_password_change_on_one_process_ends_the_other_sessions(servers):
    a, b = servers
    tablet, office = Browser(a.url), Browser(b.url)
    assert tablet.log_in("ansatt", DEMO_PASSWORD) == 302
    assert office.log_in("ansatt", DEMO_PASSWORD) == 302
    status, _, text = office.request(
        "/account/password",
        {
            "csrf_token": _form_token(office, b.url),
            "current_password": DEMO_PASSWORD,
            "new_password": NEW_PASSWORD,
        },
    )
    assert status == 200
    assert 'id="password-changed"' in text
    assert not _logged_in_on(tablet, a.url)
    assert _logged_in_on(office, a.url)  # the changing device got a fresh session


def test_deactivation_ends_sessions_on_every_process(app, servers):
    a, b = servers
    tablet = Browser(a.url)
    assert tablet.log_in("ansatt", DEMO_PASSWORD) == 302
    with app.app_context():  # what the coordinator's deactivation does (services/admin.py)
        person = user("ansatt")
        person.active = False
        end_all_sessions(person)
        db.session.commit()
    assert not _logged_in_on(tablet, a.url)
    assert not _logged_in_on(tablet, b.url)
