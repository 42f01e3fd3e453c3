"""A worker reads the answers to a deviation in words on the tablet: every event of
the history, the leader's comment on acknowledging it, why it was reopened, and the
improvement idea the leader made of it (now the worker's own), in bokmål and English."""

import re

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.labels import action_label
from app.models import Deviation, Idea, User
from app.services import deviations as deviation_service
from app.services.change_seq import touch
from app.services.history import EVENT_ACTIONS, add_event
from tests.e2e.conftest import log_in, wait_ready
from tests.web.leader_support import make_deviation

pytestmark = pytest.mark.e2e

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
WORDS = {
    "nb": {
        "answer": "Svar fra lederen din",
        "made": "Forbedringsforslag laget fra dette avviket",
        "open": "Åpne forbedringsforslaget",
        "reopened": "Gjenåpnet",
        "status": "Under behandling",
        "when": re.compile(r"^\d{1,2}\. [a-zæøå]+\.? \d{4} kl\. \d{2}:\d{2}$"),
    },
    "en": {
        "answer": "Your leader's answer",
        "made": "Improvement idea made from this deviation",
        "open": "Open the improvement idea",
        "reopened": "Reopened",
        "status": "Being handled",
        "when": re.compile(r"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$"),
    },
}


def leader_answers(app, login) -> tuple[str, str]:
    """The leader acknowledges, makes an idea of it, closes it and reopens it; the idea
    then carries one event of every kind the code can write."""
    deviation_id = make_deviation(app, description="Bruker skled på badegulvet.")
    leader = login("leder")
    csrf = {"X-CSRFToken": leader.csrf}
    url = f"/api/v1/deviations/{deviation_id}/status"
    body = {"status": "in_progress", "comment": "Takk, vi ser på det."}
    answer = leader.post(url, json=body, headers=csrf)
    assert answer.status_code == 200, answer.text
    form = {"csrf_token": leader.csrf, "title": "Sklisikre matter", "proposal": "Kjøp matter."}
    made = leader.post(f"/leader/deviations/{deviation_id}/idea", data=form)
    idea_id = made.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        person = db.session.scalar(db.select(User).where(User.username == "leder"))
        deviation = db.session.get(Deviation, deviation_id)
        deviation_service.add_measure(deviation, person, "Sklisikker matte")
        deviation_service.change_deviation_status(
            deviation, person, "closed", closing_summary="Matte kjøpt."
        )
        db.session.commit()
    body = {"status": "in_progress", "comment": "Skjedde igjen."}
    reopened = leader.post(url, json=body, headers=csrf)
    assert reopened.status_code == 200, reopened.text
    with app.app_context():
        person = db.session.scalar(db.select(User).where(User.username == "leder"))
        idea = db.session.get(Idea, idea_id)
        for action in EVENT_ACTIONS:
            comment = "pdsa_plan, pdsa_do" if action == "pdsa_updated" else None
            add_event(idea, person, action, comment=comment)
        touch(idea)
        db.session.commit()
    return deviation_id, idea_id


def history_texts(page) -> list[str]:
    page.locator("ol.history li").first.wait_for()
    return page.locator("ol.history li").all_inner_texts()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_worker_reads_the_history_and_the_answer_in_words(
    app, app_server, open_page, login, lang
):
    deviation_id, idea_id = leader_answers(app, login)
    words = WORDS[lang]
    page = open_page(app_server, service_workers="block")
    log_in(page, "ansatt")
    if lang == "en":
        page.get_by_role("button", name="English").click()
        wait_ready(page)
        page.locator("html[lang='en']").wait_for()
    page.locator(f".record-item[data-record-id='{idea_id}']").wait_for()  # in "Mine saker"

    page.evaluate(f"location.hash = '#record/{deviation_id}'")
    page.locator(".badge-status", has_text=words["status"]).first.wait_for()
    answer = page.get_by_role("region", name=words["answer"])
    answer.get_by_text("Takk, vi ser på det.").wait_for()
    answer.get_by_text("Skjedde igjen.").wait_for()
    answer.get_by_text("Matte kjøpt.").wait_for()
    texts = history_texts(page)
    shown = "\n".join(texts)
    # in English, one-word codes ("created") are also words; in bokmål none may show
    for code in (c for c in EVENT_ACTIONS if lang == "nb" or "_" in c):
        assert code not in shown, f"{code} shown raw: {shown}"
    assert not UUID.search(shown), shown
    assert words["made"] in shown
    assert words["reopened"] in shown
    for when in page.locator("ol.history .record-time").all_inner_texts():
        assert words["when"].match(when.split(" · ")[-1]), when

    page.get_by_role("link", name=words["open"]).click()
    page.locator("h1", has_text="Sklisikre matter").wait_for()
    texts = history_texts(page)
    shown = "\n".join(texts)
    with app.test_request_context(), force_locale(lang):
        expected = [action_label(a) for a in ["created_from_deviation", *EVENT_ACTIONS]]
    assert [t.split("\n")[0].split(":")[0] for t in texts] == expected
    assert not UUID.search(shown), shown
    assert "pdsa_" not in shown
    assert ("Planlegg, Utfør" if lang == "nb" else "Plan, Do") in shown
    assert ("Endring" if lang == "nb" else "Change") not in shown  # every code has its words
