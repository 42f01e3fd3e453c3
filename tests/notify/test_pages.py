"""What people see of notifications on the server's pages: the "Nytt" list on the start
page (opened = read), their devices on /account (turn off), and the coordinator setting
a leader's e-mail address."""

import re

from app.extensions import db
from app.models import Notification, PushSubscription, User
from tests.api.helpers import deviation_create
from tests.conftest import csrf_from
from tests.notify.conftest import SECRET_TEXT, subscribe
from tests.notify.push_endpoint import Browser


def _news(html: str) -> str:
    match = re.search(r'<section class="panel news".*?</section>', html, re.S)
    assert match, "no Nytt list on the page"
    return match.group(0)


def test_a_leaders_start_page_lists_a_new_serious_deviation_until_it_is_opened(
    push_on, app, api, login
):
    record = api("ansatt").push_one(deviation_create(severity="critical", description=SECRET_TEXT))[
        "record"
    ]
    leader = login("leder")
    news = _news(leader.get("/").text)
    assert "Nytt alvorlig avvik" in news
    assert "Fall · Kritisk" in news
    assert SECRET_TEXT not in news
    link = re.search(r'href="(/notifications/\d+)"', news).group(1)

    opened = leader.get(link)
    assert opened.status_code == 302
    assert opened.headers["Location"] == f"/leader/deviations/{record['id']}"
    assert "Ingenting nytt akkurat nå." in _news(leader.get("/").text)


def test_a_notification_opens_only_for_its_person(push_on, app, api, login):
    api("ansatt").push_one(deviation_create(severity="high"))
    with app.app_context():
        note_id = db.session.scalar(db.select(Notification.id))
    for other in ("ansatt", "nav-leder", "koordinator"):
        assert login(other).get(f"/notifications/{note_id}").status_code == 404
    with app.app_context():
        assert db.session.get(Notification, note_id).read_at is None


def test_the_coordinator_start_page_has_its_own_list(push_on, login):
    assert "Ingenting nytt akkurat nå." in _news(login("koordinator").get("/").text)


def test_account_lists_the_devices_and_turns_one_off(push_on, app, api, login, push_endpoint):
    worker = api("ansatt")
    subscribe(worker, push_endpoint.url("tablet"), Browser(), label="Android – Chrome")
    subscribe(worker, push_endpoint.url("phone"), Browser(), label="Apple – Safari")
    subscribe(api("leder"), push_endpoint.url("leder"), Browser(), label="Leder sin telefon")
    page = worker.client.get("/account").text
    assert "Android – Chrome" in page
    assert "Apple – Safari" in page
    assert "Leder sin telefon" not in page

    with app.app_context():
        tablet = db.session.scalar(
            db.select(PushSubscription).where(PushSubscription.device_label == "Android – Chrome")
        )
        leaders = db.session.scalar(
            db.select(PushSubscription).where(PushSubscription.device_label == "Leder sin telefon")
        )
    token = csrf_from(page)
    # Without the form's token nothing changes; another person's device is not theirs to remove.
    worker.client.post(f"/account/push/{tablet.id}/off", data={})
    worker.client.post(f"/account/push/{leaders.id}/off", data={"csrf_token": token})
    done = worker.client.post(
        f"/account/push/{tablet.id}/off", data={"csrf_token": token}, follow_redirects=True
    )
    assert "Varsler er slått av på den enheten." in done.text
    assert "Android – Chrome" not in done.text
    with app.app_context():
        left = set(db.session.scalars(db.select(PushSubscription.device_label)))
    assert left == {"Apple – Safari", "Leder sin telefon"}


def test_the_coordinator_sets_and_clears_a_leaders_email(app, login):
    coordinator = login("koordinator")
    with app.app_context():
        leader_id = db.session.scalar(db.select(User.id).where(User.username == "leder"))
    page = coordinator.get(f"/admin/users/{leader_id}").text
    assert "E-post for varsler" in page
    url = f"/admin/users/{leader_id}/email"

    bad = coordinator.post(url, data={"csrf_token": csrf_from(page), "email": "leder at kommune"})
    assert bad.status_code == 422
    assert "Skriv en e-postadresse som navn@kommune.no" in bad.text

    saved = coordinator.post(
        url,
        data={"csrf_token": csrf_from(page), "email": " leder@kommune.no "},
        follow_redirects=True,
    )
    assert "E-postadressen for varsler er lagret." in saved.text
    assert 'value="leder@kommune.no"' in saved.text
    coordinator.post(url, data={"csrf_token": csrf_from(page), "email": ""})
    with app.app_context():
        assert db.session.get(User, leader_id).email is None


def test_a_leader_cannot_set_email_addresses(app, login):
    leader = login("leder")
    with app.app_context():
        worker_id = db.session.scalar(db.select(User.id).where(User.username == "ansatt"))
    response = leader.post(
        f"/admin/users/{worker_id}/email", data={"csrf_token": leader.csrf, "email": "x@y.no"}
    )
    assert response.status_code == 403


def test_opening_the_deviation_from_the_inbox_marks_its_notification_read(push_on, app, api, login):
    record = api("ansatt").push_one(deviation_create(severity="high"))["record"]
    leader = login("leder")
    assert "Nytt alvorlig avvik" in _news(leader.get("/").text)
    assert leader.get(f"/leader/deviations/{record['id']}").status_code == 200
    assert "Ingenting nytt akkurat nå." in _news(leader.get("/").text)
