"""The accessibility check the browser tests stand on finds what it must find."""

import pytest

from tests.fixtures.browser import assert_accessible, axe_violations

pytestmark = pytest.mark.e2e

BROKEN = """<!doctype html><html><head><title>Skjema</title></head><body><main>
<h1>Skjema</h1><input id="name"><img src="data:,">
<p style="color:#bbb;background:#fff">Lys grå tekst</p></main></body></html>"""


def test_the_check_names_each_violation_and_passes_a_clean_page(browser):
    page = browser.new_page()
    try:
        page.set_content(BROKEN)
        found = {v["id"] for v in axe_violations(page)}
        assert {"html-has-lang", "label", "image-alt", "color-contrast"} <= found
        with pytest.raises(AssertionError, match="label: "):
            assert_accessible(page)
        # Mended in the same document (axe is put in once), the page passes.
        page.evaluate("""() => {
          document.documentElement.lang = 'nb';
          document.querySelector('input').setAttribute('aria-label', 'Navn');
          document.querySelector('img').alt = '';
          document.querySelector('p').style.color = '#333';
        }""")
        assert_accessible(page)
    finally:
        page.close()
