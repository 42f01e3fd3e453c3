"""Who may open which page: every page rule × worker, leader, other unit's leader,
coordinator, safety representative and no session.

The cases come from the app's URL map: a page that is not in EXPECTED fails
its case, so a new page cannot ship without saying who may open it. /api/ is
covered by tests/api/test_access_matrix.py; the assets in NOT_PAGES are public
files, listed here on purpose.
"""

import re
import uuid

import pytest

from app import create_app
from app.extensions import db
from app.models import (
    Category,
    Deviation,
    Notification,
    PushSubscription,
    SsoGroupMapping,
    Unit,
    User,
)
from app.services import deviations as deviation_service
from app.services import meetings
from app.services.demo import HOME_CARE
from tests.conftest import csrf_from, log_in
from tests.web.leader_support import make_deviation, make_idea

PERSONAS = {
    "worker": "ansatt",
    "leader": "leder",
    "other_leader": "nav-leder",
    "coordinator": "koordinator",
    "safety_rep": "verneombud",
    "anonymous": None,
}
NOT_PAGES = {
    "static",
    "worker_app.service_worker",
    "worker_app.manifest",
    "worker_app.translations",
}
ALLOWED, LOGIN, FORBIDDEN, HIDDEN = "allowed", "login", "403", "404"

EVERYONE = dict.fromkeys(PERSONAS, ALLOWED)
LOGGED_IN = {**EVERYONE, "anonymous": LOGIN}
COORDINATOR = {
    "worker": FORBIDDEN,
    "leader": FORBIDDEN,
    "other_leader": FORBIDDEN,
    "coordinator": ALLOWED,
    "safety_rep": FORBIDDEN,
    "anonymous": LOGIN,
}
LEADERS = {
    "worker": FORBIDDEN,
    "leader": ALLOWED,
    "other_leader": ALLOWED,
    "coordinator": ALLOWED,
    "safety_rep": FORBIDDEN,
    "anonymous": LOGIN,
}
# The tablet app: everyone but the safety representative (services/access.py REPORTERS).
REPORTERS = {**LOGGED_IN, "safety_rep": FORBIDDEN}
# The safety representative's pages; the sample deviation is an HMS one of home care.
SAFETY_REP = {**dict.fromkeys(PERSONAS, FORBIDDEN), "safety_rep": ALLOWED, "anonymous": LOGIN}
# Public when the municipality's account is set up (STEG_OIDC_ISSUER; tests/sso/);
# without it (this app) the pages do not exist for anyone.
SSO_PUBLIC = dict.fromkeys(PERSONAS, HIDDEN)
# A record of the home-care unit: the NAV leader must not learn it exists.
UNIT_RECORD = {**LEADERS, "other_leader": HIDDEN}

EXPECTED = {
    "auth.login": EVERYONE,
    "auth.logout": LOGGED_IN,
    "auth.set_language": EVERYONE,
    "sso.start": SSO_PUBLIC,
    "sso.callback": SSO_PUBLIC,
    "home.index": LOGGED_IN,
    "worker_app.shell": REPORTERS,
    "account.index": LOGGED_IN,
    "account.reauthenticate": LOGGED_IN,
    "account.logout_everywhere": LOGGED_IN,
    "account.change_password": LOGGED_IN,
    "audit.index": COORDINATOR,
    "audit.export_csv": COORDINATOR,
    "leader.inbox": LEADERS,
    "leader.idea": UNIT_RECORD,
    "leader.idea_status": UNIT_RECORD,
    "leader.deviation": UNIT_RECORD,
    "leader.deviation_status": UNIT_RECORD,
    "leader.add_measure": UNIT_RECORD,
    "leader.measure_done": UNIT_RECORD,
    "leader.idea_from_deviation": UNIT_RECORD,
    "leader.hms_checklist": UNIT_RECORD,
    "leader.save_injury": UNIT_RECORD,
    # The injury register: a leader's own unit (the page picks it), any for a coordinator.
    "register.injury_register": LEADERS,
    "register.export": LEADERS,
    "register.set_kind": LEADERS,
    "hms.index": SAFETY_REP,
    "hms.deviation": SAFETY_REP,
    "hms.comment": SAFETY_REP,
    "leader.idea_gain": UNIT_RECORD,
    # The figures: a leader their own unit's, the coordinator every unit and the settings.
    "figures.index": LEADERS,
    "figures.unit": COORDINATOR,
    "figures.settings": COORDINATOR,
    # The board: each leader their own unit's (a coordinator chooses); the meeting
    # and the idea's PDSA notes and "bare gjør det" belong to the home-care unit.
    "board.board": LEADERS,
    "board.idea_pdsa": UNIT_RECORD,
    "board.idea_just_done": UNIT_RECORD,
    "meeting.index": LEADERS,
    "meeting.start": LEADERS,
    "meeting.show": UNIT_RECORD,
    "meeting.present": UNIT_RECORD,
    "meeting.decide": UNIT_RECORD,
    "meeting.end": UNIT_RECORD,
    "admin.index": COORDINATOR,
    "admin.units": COORDINATOR,
    "admin.unit": COORDINATOR,
    "admin.users": COORDINATOR,
    "admin.new_user": COORDINATOR,
    "admin.user": COORDINATOR,
    "admin.deactivate_user": COORDINATOR,
    "admin.reactivate_user": COORDINATOR,
    "admin.reset_password": COORDINATOR,
    "admin.categories": COORDINATOR,
    "admin.category": COORDINATOR,
    "admin.category_active": COORDINATOR,
    "admin.category_hms": COORDINATOR,
    "admin_sso.groups": COORDINATOR,
    "admin_sso.delete_group": COORDINATOR,
    "admin_sso.link_user": COORDINATOR,
    # Notifications (issue 13): a notification opens for the person it is for (the
    # leader's here); turning off push removes only the person's own device.
    "notifications.open_notification": {
        **dict.fromkeys(PERSONAS, HIDDEN),
        "leader": ALLOWED,
        "anonymous": LOGIN,
    },
    "notifications.turn_off": LOGGED_IN,
    "notifications.set_email": COORDINATOR,
    # A unit's exports: its leader's and the coordinator's (the sample is the home-care unit).
    "exports.index": UNIT_RECORD,
    "exports.download": UNIT_RECORD,
    # The management review: the list shows each leader their own unit; a pack is the unit's.
    "review.index": LEADERS,
    "review.pack": UNIT_RECORD,
}


def _page_rules():
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    rules = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") or rule.endpoint in NOT_PAGES:
            continue
        methods = rule.methods - {"HEAD", "OPTIONS"}
        rules[rule.endpoint] = (rule.rule, "GET" if "GET" in methods else "POST")
    return rules


PAGE_RULES = _page_rules()
CASES = [(e, p) for e in sorted(PAGE_RULES) for p in PERSONAS]


def test_every_page_in_the_matrix_is_a_page_of_the_app():
    assert set(EXPECTED) <= set(PAGE_RULES), set(EXPECTED) - set(PAGE_RULES)


def _sample_values(app) -> dict:
    """Real ids for the URL's variables: a home-care record, a throwaway user."""
    idea_id, deviation_id = make_idea(app), make_deviation(app, category="violence")
    with app.app_context():
        unit = db.session.scalar(db.select(Unit).where(Unit.name == HOME_CARE))
        leader = db.session.scalar(db.select(User).where(User.username == "leder"))
        deviation = db.session.get(Deviation, deviation_id)
        measure = deviation_service.add_measure(deviation, leader, "Sklimatte")
        meeting = meetings.start_meeting(unit.id, leader)
        spare = User(
            username=f"spare-{uuid.uuid4().hex[:6]}",
            display_name="Spare",
            role="worker",
            unit=unit,
            password_hash="x",
        )
        db.session.add(spare)
        mapping = SsoGroupMapping(
            group_id=f"group-{uuid.uuid4().hex[:6]}", role="worker", unit=unit
        )
        db.session.add(mapping)
        note = Notification(
            user_id=leader.id,
            kind="critical_deviation",
            record_type="deviation",
            record_id=deviation_id,
        )
        device = PushSubscription(
            user_id=leader.id,
            endpoint=f"https://push.example/{uuid.uuid4()}",
            p256dh="x",
            auth="y",
        )
        db.session.add_all([note, device])
        db.session.commit()
        category = db.session.scalar(db.select(Category).where(Category.unit_id == unit.id))
        return {
            "idea_id": idea_id,
            "deviation_id": deviation_id,
            "measure_id": measure.id,
            "meeting_id": meeting.id,
            "unit_id": unit.id,
            "user_id": spare.id,
            "category_id": category.id,
            "mapping_id": mapping.id,
            "notification_id": note.id,
            "subscription_id": device.id,
            "lang": "nb",
            "kind": "deviations",
            "fmt": "csv",
            "year": 2026,
        }


def _url(rule: str, values: dict) -> str:
    return re.sub(r"<(?:[a-z]+:)?(\w+)>", lambda m: str(values[m.group(1)]), rule)


def _client_for(app, persona: str):
    client = app.test_client()
    if PERSONAS[persona]:
        assert log_in(client, PERSONAS[persona]).status_code == 302
    # Every page carries the session's form token; anonymous people see the login page.
    client.csrf = csrf_from(client.get("/" if PERSONAS[persona] else "/login").text)
    return client


def _outcome(response) -> str:
    if response.status_code in (403, 404):
        return str(response.status_code)
    if response.status_code == 302 and "/login?next=" in response.headers["Location"]:
        return LOGIN  # sent to log in first (a logout also ends on /login, without next)
    assert response.status_code < 500, response.text
    return ALLOWED


@pytest.mark.parametrize(("endpoint", "persona"), CASES)
def test_page_access(app, demo, endpoint, persona):
    assert endpoint in EXPECTED, f"{endpoint} is a new page: state who may open it in EXPECTED"
    rule, method = PAGE_RULES[endpoint]
    client = _client_for(app, persona)
    url = _url(rule, _sample_values(app))

    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": client.csrf})

    response.get_data()  # read to the end (a streamed export closes its cursor)
    response.close()
    assert _outcome(response) == EXPECTED[endpoint][persona], (method, url, response.status_code)
