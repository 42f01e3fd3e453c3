"""The coordinator links a person to their account at the provider (the user page)."""

from app.extensions import db
from app.models import AuditEntry, User
from tests.conftest import csrf_from


def _person(app, username: str) -> User:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == username))
        db.session.expunge(user)
        return user


def test_the_coordinator_links_a_person_and_chooses_where_the_role_comes_from(app, login):
    coordinator = login("koordinator")
    worker = _person(app, "ansatt")
    page = coordinator.get(f"/admin/users/{worker.id}/sso")
    assert page.status_code == 200
    response = coordinator.post(
        f"/admin/users/{worker.id}/sso",
        data={
            "csrf_token": csrf_from(page.text),
            "sso_subject": " 6d1f0c2e-0000-4000-8000-000000000001 ",
            "role_from_groups": "y",
        },
        follow_redirects=True,
    )
    assert "Endringene er lagret." in response.text
    assert "6d1f0c2e-0000-4000-8000-000000000001" in response.text  # shown on the user page
    linked = _person(app, "ansatt")
    assert (linked.sso_subject, linked.role_from_groups) == (
        "6d1f0c2e-0000-4000-8000-000000000001",
        True,
    )
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "user_updated"))
        assert entry.detail["sso_subject"] == "6d1f0c2e-0000-4000-8000-000000000001"
        assert entry.target_id == str(worker.id)


def test_one_account_at_the_provider_links_to_one_person_only(app, login):
    coordinator = login("koordinator")
    for username in ("ansatt", "leder"):
        person = _person(app, username)
        page = coordinator.get(f"/admin/users/{person.id}/sso")
        response = coordinator.post(
            f"/admin/users/{person.id}/sso",
            data={"csrf_token": csrf_from(page.text), "sso_subject": "the-same-subject"},
        )
    assert response.status_code == 200
    assert "En annen person er koblet til den kontoen." in response.text
    assert "Allerede i bruk." in response.text
    assert _person(app, "leder").sso_subject is None


def test_unlinking_clears_the_group_rule_too(app, login):
    coordinator = login("koordinator")
    person = _person(app, "ansatt")
    url = f"/admin/users/{person.id}/sso"
    for subject, groups in (("subject-1", "y"), ("", "y")):
        page = coordinator.get(url)
        data = {"csrf_token": csrf_from(page.text), "sso_subject": subject}
        coordinator.post(url, data={**data, "role_from_groups": groups})
    unlinked = _person(app, "ansatt")
    assert (unlinked.sso_subject, unlinked.role_from_groups) == (None, False)
