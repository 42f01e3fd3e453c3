"""The leader's inbox: the unit's new and open items first, counted, filtered, aged."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from app.extensions import db
from tests.web.leader_support import Deviation, Idea, make_deviation, make_idea

COUNT = re.compile(r'<span class="count-number">(\d+)</span><span>([^<]+)</span>')


def _ids_in_order(html: str) -> list[str]:
    return re.findall(r'<li class="item[^"]*" data-id="([^"]+)"', html)


def _age(app, model, record_id, days: int) -> None:
    with app.app_context():
        then = datetime.now(UTC) - timedelta(days=days)
        db.session.execute(update(model).where(model.id == record_id).values(created_at=then))
        db.session.commit()


def _set_status(app, model, record_id, status: str) -> None:
    with app.app_context():
        db.session.execute(update(model).where(model.id == record_id).values(status=status))
        db.session.commit()


def test_inbox_shows_new_before_open_and_hides_finished(app, login):
    open_idea = make_idea(app, title="Under vurdering")
    new_deviation = make_deviation(app)
    done_idea = make_idea(app, title="Ferdig sak")
    _set_status(app, Idea, open_idea, "under_review")
    _set_status(app, Idea, done_idea, "done")

    html = login("leder").get("/leader/").text

    assert _ids_in_order(html) == [new_deviation, open_idea]


def test_the_oldest_new_item_comes_first_and_long_waits_stand_out(app, login):
    recent, old = make_idea(app, title="Ny"), make_idea(app, title="Gammel")
    _age(app, Idea, old, 10)
    leader = login("leder")
    leader.post("/language", data={"csrf_token": leader.csrf, "lang": "en", "next": "/"})

    html = leader.get("/leader/").text

    assert _ids_in_order(html) == [old, recent]
    assert "Reported 1 week ago" in html
    assert html.count("age-stale") == 1


def test_counts_show_new_and_open_per_type(app, login):
    make_deviation(app)
    make_deviation(app)
    open_idea = make_idea(app)
    make_idea(app)
    _set_status(app, Idea, open_idea, "approved")

    html = login("leder").get("/leader/").text

    counts = [int(number) for number, _label in COUNT.findall(html)]
    assert counts == [2, 1, 0, 1]  # new deviations, new ideas, open deviations, open ideas


def test_a_leader_sees_nothing_from_another_unit(app, login):
    ours = make_idea(app)
    make_idea(app, "nav-ansatt", title="NAV sin idé")

    html = login("leder").get("/leader/?status=all").text

    assert _ids_in_order(html) == [ours]
    assert "NAV sin idé" not in html


def test_filters_by_type_category_severity_and_status(app, login):
    fall = make_deviation(app, category="fall", severity="high")
    pills = make_deviation(app, category="medication", severity="low")
    idea = make_idea(app)
    leader = login("leder")

    def ids(query: str) -> set[str]:
        return set(_ids_in_order(leader.get(f"/leader/?{query}").text))

    assert ids("type=idea") == {idea}
    assert ids("type=deviation") == {fall, pills}
    assert ids("category=medication") == {pills}
    assert ids("severity=high") == {fall}
    assert ids("status=new&type=all") == {fall, pills, idea}
    _set_status(app, Deviation, fall, "closed")
    assert ids("status=finished") == {fall}
    assert ids("status=closed") == {fall}
    assert ids("") == {pills, idea}


def test_filter_by_period(app, login):
    recent, old = make_idea(app), make_idea(app)
    _age(app, Idea, old, 40)

    html = login("leder").get("/leader/?period=30d").text

    assert _ids_in_order(html) == [recent]


def test_free_text_search_finds_words_in_the_text(app, login):
    keys = make_idea(app, title="Nøkkelskap", proposal="Ett skap med faste plasser.")
    make_idea(app, title="Vaktliste", problem="Lista henger for høyt.", proposal="Flytt den.")
    bath = make_deviation(app, description="Fuktig gulv på badet 100%")
    leader = login("leder")

    assert _ids_in_order(leader.get("/leader/?q=faste+plasser").text) == [keys]
    assert _ids_in_order(leader.get("/leader/?q=BADET").text) == [bath]
    assert _ids_in_order(leader.get("/leader/?q=100%25").text) == [bath]
    assert _ids_in_order(leader.get("/leader/?q=%25").text) == [bath]


def test_unknown_filter_values_reset_with_a_message(app, login):
    idea = make_idea(app)

    response = login("leder").get("/leader/?status=everything&type=bogus")

    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert _ids_in_order(response.text) == [idea]


def test_an_empty_inbox_says_so(app, login):
    response = login("leder").get("/leader/")

    assert response.status_code == 200
    assert _ids_in_order(response.text) == []
    assert 'class="count-number">0<' in response.text


def _age_hours(app, model, record_id, hours: float) -> None:
    with app.app_context():
        then = datetime.now(UTC) - timedelta(hours=hours)
        db.session.execute(update(model).where(model.id == record_id).values(created_at=then))
        db.session.commit()


def test_a_critical_deviation_comes_before_twenty_older_low_ones(app, login):
    lows = [make_deviation(app, severity="low", description=f"Liten sak {n}") for n in range(20)]
    for n, low in enumerate(lows):
        _age(app, Deviation, low, 30 - n)  # 30 .. 11 days old
    critical = make_deviation(app, severity="critical", category="violence")
    _age_hours(app, Deviation, critical, 3.5)

    html = login("leder").get("/leader/").text

    order = _ids_in_order(html)
    assert order[0] == critical
    assert order[1:] == lows  # the oldest low one first
    assert "Kritisk – handle nå" in html
    assert "Meldt: 3 timer siden" in html
    assert html.count('class="urgent-marker"') == 1


def test_severity_then_age_orders_the_inbox_and_high_is_marked_in_words(app, login):
    high_new = make_deviation(app, severity="high")
    high_old = make_deviation(app, severity="high")
    moderate = make_deviation(app, severity="moderate")
    critical = make_deviation(app, severity="critical")
    idea = make_idea(app)
    _age(app, Deviation, high_old, 2)
    _age(app, Deviation, moderate, 40)
    _age(app, Idea, idea, 50)
    leader = login("leder")
    leader.post("/language", data={"csrf_token": leader.csrf, "lang": "en", "next": "/"})

    html = leader.get("/leader/").text

    assert _ids_in_order(html) == [critical, high_old, high_new, moderate, idea]
    assert html.count("High – follow up soon") == 2
    assert "Reported: 2 days ago" in html
    assert "Reported: just now" in html


def test_a_closed_critical_deviation_carries_no_marker(app, login):
    closed = make_deviation(app, severity="critical")
    _set_status(app, Deviation, closed, "closed")

    html = login("leder").get("/leader/?status=all").text

    assert _ids_in_order(html) == [closed]
    assert "urgent-marker" not in html
