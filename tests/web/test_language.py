"""Bokmål by default, English when chosen, remembered per person."""

import re

from app.extensions import db
from app.models import User
from tests.conftest import csrf_from


def choose(client, lang: str, next_path: str = "/"):
    page = client.get(next_path)
    return client.post(
        "/language", data={"lang": lang, "next": next_path, "csrf_token": csrf_from(page.text)}
    )


def test_login_page_is_norwegian_by_default(client, demo):
    page = client.get("/login").text
    assert '<html lang="nb">' in page
    assert "Brukernavn" in page
    assert "Passord" in page


def test_english_can_be_chosen_on_the_login_page(client, demo):
    response = choose(client, "en", "/login")
    assert response.headers["Location"] == "/login"
    page = client.get("/login").text
    assert '<html lang="en">' in page
    assert "Username" in page
    assert "Brukernavn" not in page


def test_choice_is_remembered_for_the_person_across_sessions(app, login):
    worker = login("ansatt")
    choose(worker, "en")
    assert "My records" in worker.get("/").text
    with app.app_context():
        assert db.session.scalar(db.select(User.locale).where(User.username == "ansatt")) == "en"

    again = login("ansatt")  # a new session on another device
    assert "My records" in again.get("/").text


def test_unknown_language_is_ignored(login):
    worker = login("ansatt")
    choose(worker, "xx")
    assert '<html lang="nb">' in worker.get("/").text


def test_language_switch_refuses_missing_csrf(client, demo):
    assert client.post("/language", data={"lang": "en", "next": "/login"}).status_code == 403


def test_error_pages_speak_the_persons_language(client, demo):
    assert "Vi fant ikke det du lette etter." in client.get("/finnes-ikke").text
    choose(client, "en", "/login")
    assert "We could not find what you were looking for." in client.get("/finnes-ikke").text


VISIBLE_TEXT = re.compile(r">([^<>{}]*[A-Za-zÆØÅæøå][^<>{}]*)<")


def test_norwegian_pages_have_no_english_text_left(login, client, demo, app):
    """Every msgid shown on a page must come out translated in bokmål."""
    from babel.messages.pofile import read_po

    with open(f"{app.root_path}/translations/nb/LC_MESSAGES/messages.po", "rb") as po:
        catalog = read_po(po)
    untranslated = {m.id for m in catalog if m.id and not m.string}
    assert not untranslated, f"msgids without bokmål: {sorted(untranslated)[:10]}"
    english = {m.id for m in catalog if m.id and m.string and m.id != m.string}
    pages = [client.get("/login").text]
    for username in ("ansatt", "leder", "koordinator"):
        pages.append(login(username).get("/").text)
    for html in pages:
        shown = {t.strip() for t in VISIBLE_TEXT.findall(html)}
        assert not (shown & english), f"English text on a bokmål page: {shown & english}"
