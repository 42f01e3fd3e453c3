"""The worker app's server side: shell, service worker, manifest, translations."""

import json
import re
from html import unescape

import pytest
from sqlalchemy import event

from app.extensions import db
from app.web.worker_app import app_version


def precache(client) -> dict:
    script = client.get("/sw.js").text
    first = script.splitlines()[0]
    assert first.startswith("self.STEG_PRECACHE = ")
    return json.loads(first.removeprefix("self.STEG_PRECACHE = ").rstrip(";"))


def test_app_shell_opens_for_a_logged_in_worker_with_no_inline_script(login):
    response = login("ansatt").get("/app")
    assert response.status_code == 200
    html = response.text
    assert 'id="steg-app"' in html
    assert "<script>" not in html
    assert " style=" not in html
    assert 'type="module"' in html
    embedded = re.search(r"data-categories='([^']*)'", html).group(1)
    assert "fall" in [c["code"] for c in json.loads(unescape(embedded))]


def test_app_shell_sends_a_logged_out_person_to_login(client):
    response = client.get("/app")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_service_worker_lists_every_shell_file_under_a_content_hash(client, app):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/"
    listed = precache(client)
    assert len(listed["version"]) == 16
    for url in (
        "/static/js/app.js",
        "/static/js/store/db.js",
        "/static/css/worker-app.css",
        "/static/icons/maskable-512.png",
        "/app/i18n/nb.json",
        "/app/i18n/en.json",
        "/manifest.webmanifest",
    ):
        assert url in listed["urls"]
    assert not any(url.startswith("/api/") for url in listed["urls"])
    for url in listed["urls"]:
        with client.get(url) as file_response:
            assert file_response.status_code == 200, url


def test_a_logged_in_tablet_gets_the_shell_files_without_a_database_read(app, login):
    """The service worker fetches itself on every navigation and every shell file at
    install and at each update; they are the same for everyone, so a logged-in person's
    cookie costs them no session check."""
    worker = login("ansatt")
    files = ["/sw.js", *precache(worker)["urls"]]
    statements = []

    def note(_conn, _cursor, statement, *_):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        for url in files:
            with worker.get(url) as response:
                assert response.status_code == 200, url
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert {"/app/i18n/nb.json", "/manifest.webmanifest", "/static/js/app.js"} <= set(files)
    assert statements == []
    assert worker.get("/app").status_code == 200  # and the session still stands


def test_a_new_build_gets_a_new_cache_version(app, monkeypatch):
    with app.test_request_context():
        before = app_version()
        monkeypatch.setenv("STEG_APP_BUILD", "next")
        assert app_version() != before


def test_manifest_makes_the_app_installable(client):
    manifest = client.get("/manifest.webmanifest").get_json(force=True)
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/app"
    assert {"any", "maskable"} <= {icon["purpose"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}


def test_icons_are_real_pngs_of_the_stated_size(client):
    for name, size in (("icon-192.png", 192), ("icon-512.png", 512), ("maskable-512.png", 512)):
        with client.get(f"/static/icons/{name}") as response:
            data = response.data
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20]) == size


@pytest.mark.parametrize(("lang", "expected"), [("nb", "Send nå"), ("en", "Send now")])
def test_js_translations_come_from_the_catalog(client, lang, expected):
    catalog = client.get(f"/app/i18n/{lang}.json").get_json()
    assert catalog["Send now"] == expected
    assert "Not sent ({n})" in catalog


def test_unknown_language_is_not_found(client):
    assert client.get("/app/i18n/de.json").status_code == 404
