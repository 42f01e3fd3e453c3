"""The front end keeps to the rules the CSP and the privacy promise rely on.

A source scan: no HTML built from strings (text goes in with textContent), no
eval, and nothing kept in localStorage/sessionStorage (readable by any script,
never cleared with the person's data). Templates carry no inline script, no
inline event handler and no inline style (the CSP would block them).
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(
    p for p in (ROOT / "static").rglob("*.js") if "vendor" not in p.relative_to(ROOT).parts
)
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))

FORBIDDEN_JS = {
    "innerHTML": re.compile(r"\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write"),
    "eval": re.compile(r"\beval\s*\(|new\s+Function\s*\("),
    "web storage": re.compile(r"\b(localStorage|sessionStorage)\b"),
}
FORBIDDEN_HTML = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "inline handler": re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE),
    "inline style": re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE),
}


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_script_builds_no_html_from_strings_and_keeps_nothing_in_web_storage(path):
    source = path.read_text(encoding="utf-8")
    found = [name for name, pattern in FORBIDDEN_JS.items() if pattern.search(source)]
    assert found == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_script_handler_or_style(path):
    source = path.read_text(encoding="utf-8")
    found = [name for name, pattern in FORBIDDEN_HTML.items() if pattern.search(source)]
    assert found == []


def test_there_is_something_to_scan():
    assert len(SCRIPTS) > 5
    assert len(TEMPLATES) > 5
