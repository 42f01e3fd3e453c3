"""HMS setup: the safety representative role and the categories marked HMS (issue 13)."""

import pytest

from app.extensions import db
from app.models import Category, Unit, User
from app.services.access import hms_category_ids
from app.services.demo import HOME_CARE, REFUGEE
from app.services.errors import Invalid
from app.services.users import create_unit
from tests.web.test_admin_pages import PASSWORD_ON_PAGE, _get, _post


def _hms_codes(app, unit_name):
    with app.app_context():
        unit = db.session.scalar(db.select(Unit).filter_by(name=unit_name))
        return sorted(c.code for c in unit.categories if c.hms)


def test_violence_and_staff_injury_are_hms_in_the_pilot_units(app, demo):
    assert _hms_codes(app, HOME_CARE) == ["staff_injury", "violence"]
    assert _hms_codes(app, REFUGEE) == ["violence"]


def test_a_new_unit_gets_its_hms_categories_marked_from_the_code(app_ctx):
    unit = create_unit("Omsorg Nord", [("violence", "Vold", "Violence"), ("fall", "Fall", "Fall")])
    db.session.commit()

    assert hms_category_ids(unit.id) == {c.id for c in unit.categories if c.code == "violence"}
    assert len(hms_category_ids(unit.id)) == 1


def test_the_coordinator_marks_and_unmarks_a_category_as_hms(app, login):
    coordinator = login("koordinator")
    unit = _get(app, Unit, name=HOME_CARE)
    fall = _get(app, Category, unit_id=unit.id, code="fall")

    page = coordinator.get(f"/admin/categories?unit={unit.id}").text
    marked = _post(coordinator, f"/admin/categories/{fall.id}/hms", hms="1")
    after_mark = _hms_codes(app, HOME_CARE)
    unmarked = _post(coordinator, f"/admin/categories/{fall.id}/hms", hms="0")

    assert "Merk som HMS" in page
    assert "Ikke HMS" in page
    assert (marked.status_code, unmarked.status_code) == (302, 302)
    assert after_mark == ["fall", "staff_injury", "violence"]
    assert _hms_codes(app, HOME_CARE) == ["staff_injury", "violence"]


def test_marking_without_the_csrf_token_changes_nothing(app, login):
    coordinator = login("koordinator")
    fall = _get(app, Category, code="fall")

    coordinator.post(f"/admin/categories/{fall.id}/hms", data={"hms": "1"})

    assert _hms_codes(app, HOME_CARE) == ["staff_injury", "violence"]


def test_a_leader_cannot_mark_a_category(app, login):
    leader = login("leder")
    fall = _get(app, Category, code="fall")

    response = _post(leader, f"/admin/categories/{fall.id}/hms", hms="1")

    assert response.status_code == 403
    assert _hms_codes(app, HOME_CARE) == ["staff_injury", "violence"]


def test_the_coordinator_makes_a_safety_representative(app, login):
    coordinator = login("koordinator")
    unit = _get(app, Unit, name=HOME_CARE)

    form = coordinator.get("/admin/users/new").text
    response = _post(
        coordinator,
        "/admin/users/new",
        username="vo.nord",
        display_name="Vera Vern",
        role="safety_rep",
        unit=str(unit.id),
    )

    assert '<option value="safety_rep">Verneombud</option>' in form
    assert PASSWORD_ON_PAGE.search(response.text)
    person = _get(app, User, username="vo.nord")
    assert (person.role, person.unit_id) == ("safety_rep", unit.id)
    assert "Verneombud" in coordinator.get("/admin/users").text


def test_a_safety_representative_needs_a_unit(app, login):
    coordinator = login("koordinator")

    response = _post(coordinator, "/admin/users/new", username="vo", role="safety_rep", unit="")

    assert 'aria-invalid="true"' in response.text
    assert _get(app, User, username="vo") is None


def test_the_one_rule_gives_a_safety_representative_the_units_hms_deviations_only(app, demo):
    from app.models import Deviation, Idea
    from app.services.access import can_see, hms_readers, visible_query
    from app.services.users import create_user
    from tests.web.leader_support import make_deviation, make_idea

    violence = make_deviation(app, category="violence", severity="high")
    fall = make_deviation(app, category="fall")
    other_unit = make_deviation(app, "nav-ansatt", category="violence")
    make_idea(app)
    with app.app_context():
        unit = db.session.scalar(db.select(Unit).filter_by(name=HOME_CARE))
        rep = create_user("vo", "lang-passord-123", "safety_rep", unit, "Vera Vern")
        db.session.commit()
        query = visible_query(rep, Deviation).with_only_columns(Deviation.id)
        seen = set(db.session.scalars(query))
        ideas = db.session.scalars(visible_query(rep, Idea)).all()
        loaded = {i: db.session.get(Deviation, i) for i in (violence, fall, other_unit)}
        readable = {i for i, d in loaded.items() if can_see(rep, d)}
        readers = {i: [u.username for u in hms_readers(d)] for i, d in loaded.items()}

    assert seen == {violence}
    assert readable == {violence}
    assert ideas == []
    assert readers == {
        violence: ["verneombud", "vo"],  # the demo's safety rep and the new one
        fall: [],
        other_unit: ["nav-verneombud"],
    }


def test_a_sign_in_group_can_give_the_safety_rep_role_and_wins_over_a_workers(app, demo):
    from app.services import sso

    with app.app_context():
        unit = db.session.scalar(db.select(Unit).filter_by(name=HOME_CARE))
        coordinator = db.session.scalar(db.select(User).filter_by(username="koordinator"))
        sso.add_mapping(coordinator, "ansatte", "worker", unit)
        sso.add_mapping(coordinator, "verneombud", "safety_rep", unit)
        db.session.commit()
        best = sso.best_mapping(("ansatte", "verneombud"))
        person = sso.resolve_person(sso.SsoIdentity("sub-1", "Vera", "", ("ansatte", "verneombud")))
        assert (best.role, person.role, person.unit_id) == ("safety_rep", "safety_rep", unit.id)
        with pytest.raises(Invalid):
            sso.add_mapping(coordinator, "uten-enhet", "safety_rep", None)
