"""The offline worker app: its shell, service worker, manifest and JS translations.

The service worker's precache list is made here from the files' content hashes,
so a changed file gives a new cache version and a waiting update in the browser.
"""

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from babel.messages.extract import extract_from_dir
from flask import Blueprint, Response, abort, current_app, render_template, url_for
from flask_babel import force_locale, get_locale, gettext
from flask_login import current_user

from app.labels import js_labels
from app.services.access import REPORTERS
from app.web.guards import public, roles_required

bp = Blueprint("worker_app", __name__)

NO_CACHE = {"Cache-Control": "no-cache"}
SHIPPED = {".js", ".css", ".png", ".svg"}
LABELS_KEY = "@labels"  # no msgid starts with "@"


@bp.route("/app")
@roles_required(*REPORTERS)
def shell():
    """The app shell: the same page for every hash route (#new-deviation, #mine, ...)."""
    modules = [url for url in precache_urls() if url.startswith("/static/js/")]
    page = render_template(
        "app/shell.html", user=current_user, categories=_categories(current_user), modules=modules
    )
    response = Response(page)
    response.headers.update(NO_CACHE)
    return response


def _categories(user) -> list[dict]:
    """The unit's categories, so the form works offline before the first sync."""
    if user.unit is None:
        return []
    locale = str(get_locale() or "nb")
    return [{"code": c.code, "label": c.label(locale)} for c in user.unit.categories if c.active]


@bp.route("/sw.js")
@public
def service_worker():
    precache = {"version": app_version(), "urls": precache_urls()}
    script = f"self.STEG_PRECACHE = {json.dumps(precache)};\n" + _read("sw.js")
    response = Response(script, mimetype="text/javascript")
    response.headers.update({**NO_CACHE, "Service-Worker-Allowed": "/"})
    return response


@bp.route("/manifest.webmanifest")
@public
def manifest():
    body = json.dumps(_manifest(), ensure_ascii=False)
    return Response(body, mimetype="application/manifest+json")


@bp.route("/app/i18n/<lang>.json")
@public
def translations(lang: str):
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    body = json.dumps(js_catalog(lang), ensure_ascii=False, sort_keys=True)
    return Response(body, mimetype="application/json", headers=NO_CACHE)


def _manifest() -> dict:
    icons = [
        {
            "src": url_for("static", filename=f"icons/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any",
        }
        for size in (192, 512)
    ]
    icons.append(
        {
            "src": url_for("static", filename="icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    return {
        "name": "Steg – avvik og forbedring",
        "short_name": "Steg",
        "lang": "nb",
        "start_url": "/app",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f3f5f7",
        "theme_color": "#1d4f73",
        "icons": icons,
    }


def _static_root() -> Path:
    return Path(current_app.static_folder)


def _read(name: str) -> str:
    return (_static_root() / name).read_text(encoding="utf-8")


def _static_files() -> list[Path]:
    root = _static_root()
    files = [root / "css" / "app.css", root / "css" / "worker-app.css"]
    for part in ("js", "icons"):
        files += sorted(p for p in (root / part).rglob("*") if p.suffix in SHIPPED)
    return sorted(set(files))


def precache_urls() -> list[str]:
    """Every file the app needs offline, with a hash of its content."""
    root = _static_root()
    urls = [f"/static/{p.relative_to(root).as_posix()}" for p in _static_files()]
    urls += [f"/app/i18n/{lang}.json" for lang in current_app.config["LANGUAGES"]]
    return [*urls, "/manifest.webmanifest"]


def app_version() -> str:
    """A hash over the content of everything precached, plus the worker itself."""
    digest = hashlib.sha256()
    helpers = sorted((_static_root() / "sw").glob("*.js"))
    for path in [*_static_files(), _static_root() / "sw.js", *helpers]:
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    for lang in current_app.config["LANGUAGES"]:
        digest.update(json.dumps(js_catalog(lang), sort_keys=True).encode())
    digest.update(json.dumps(_manifest()).encode())
    digest.update(os.environ.get("STEG_APP_BUILD", "").encode())
    return digest.hexdigest()[:16]


@cache
def js_msgids(js_dir: str) -> tuple[str, ...]:
    """The msgids the JS uses, found the way babel extracts them (`_("...")`)."""
    found = extract_from_dir(js_dir, method_map=[("**.js", "javascript")], keywords={"_": None})
    return tuple(sorted({message for _file, _line, message, _c, _ctx in found if message}))


def js_catalog(lang: str) -> dict:
    """The JS msgids in one language; under "@labels" the words for codes (app/labels.py)."""
    msgids = js_msgids(str(_static_root() / "js"))
    with force_locale(lang):
        catalog: dict = {msgid: gettext(msgid) for msgid in msgids}
    catalog[LABELS_KEY] = js_labels(lang)
    return catalog
