"""Every script renders: the self-hosted Noto fonts load on Arabic and Tigrinya pages and
cover the page's text; pages outside the newcomer pages do not load them (Chromium,
document.fonts)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FONT_STATE = """
async (family) => {
  await document.fonts.ready;
  const text = (document.querySelector('#feedback-content') || document.body).innerText;
  const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === family);
  const loaded = faces.filter((f) => f.status === 'loaded');
  const ranges = loaded.flatMap((f) => f.unicodeRange.split(',')).map((r) => {
    const [a, b] = r.trim().replace(/^U\\+/i, '').split('-');
    return [parseInt(a, 16), parseInt(b || a, 16)];
  });
  const covered = (cp) => ranges.some(([a, b]) => cp >= a && cp <= b);
  const scriptChars = [...text].filter((c) => /[\\u0600-\\u06FF\\u1200-\\u139F]/.test(c));
  const heading = document.querySelector('h1');
  const switchText = [...document.querySelectorAll('.language-switch [lang]')].map((e) => e.textContent).join(' ');
  const switchOk = document.fonts.check(`16px "${family}"`, switchText);
  return {
    faces: faces.length,
    loaded: loaded.map((f) => f.weight),
    check: document.fonts.check(`16px "${family}"`, text),
    uncovered: scriptChars.filter((c) => !covered(c.codePointAt(0))).slice(0, 5),
    scriptChars: scriptChars.length,
    headingFont: getComputedStyle(heading).fontFamily,
    switchOk,
  };
}
"""


@pytest.mark.parametrize(
    "path,family",
    [("/feedback/ti/", "Noto Sans Ethiopic"), ("/feedback/ar/", "Noto Sans Arabic")],
)
def test_script_font_is_loaded_and_covers_the_page(page, path, family):
    page.goto(path)
    state = page.evaluate(FONT_STATE, family)
    assert state["scriptChars"] > 100
    assert "400" in state["loaded"]  # the regular face was downloaded and is in use
    assert state["check"] is True
    assert state["uncovered"] == []
    assert state["headingFont"].startswith(f'"{family}"')


def test_language_names_render_on_a_dutch_newcomer_page(page):
    page.goto("/feedback/nl/")
    for family in ("Noto Sans Ethiopic", "Noto Sans Arabic"):
        state = page.evaluate(FONT_STATE, family)
        assert state["scriptChars"] == 0  # the content is Dutch ...
        assert state["switchOk"] is True  # ... the switch shows ትግርኛ and العربية


def test_other_pages_do_not_load_the_script_fonts(page):
    page.goto("/account/inloggen/")
    assert page.evaluate(FONT_STATE, "Noto Sans Ethiopic")["faces"] == 0
    assert page.evaluate(FONT_STATE, "Noto Sans Arabic")["faces"] == 0
