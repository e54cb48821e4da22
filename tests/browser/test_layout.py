"""Layout on a 360x740 phone at every text size and display mode, in Chinese and English.

Measured on a lesson, a lesson with a "check yourself" quiz and a final-test attempt, each loaded once per
mode and language in one signed-in browser context:

* quiz answers use the width: each answer's label is at least 85% of the content width and its words at
  least 65% (at A++ in elder mode they had an 88 px column, 2-3 characters a line),
* no word of a button breaks: each button's text is one line unless it holds several words (an English
  label, or Chinese phrases split by punctuation), and no word is split across lines,
* the header is short (at most 160 px: it took about 345 px) and, on a lesson, the title and the first
  paragraph are on the first screen (their bottom at most 740 px from the top),
* a picture answer has its picture above its words, one answer per row,
* every page links to the help page in its footer.

Also: the unticked radio circles and boxes are visible in high contrast (WCAG 1.4.11, 3:1).
Screenshots: ``artifacts/screenshots/layout-<lang>-<page>-<mode>.png``.
"""

import io
import json

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LANGUAGES = {"zh": "", "en": "/en"}
# The five modes of test_accessibility.py, and elder mode at A++ (the case reported from a phone).
MODES = {
    "normal": "normal.normal.0.0",
    "large": "large.normal.0.0",
    "xlarge": "xlarge.normal.0.0",
    "high": "normal.high.0.0",
    "elder": "normal.normal.1.0",
    "elder-xlarge": "xlarge.normal.1.0",
}
LEARNER = ("learner2", "learner-demo-2026")
LESSON = "/courses/smartphone-basics/power-and-charging/"
QUIZ_LESSON = "/courses/livestream-selling/set-up-your-account/"
HEADER_MAX = 160
LABEL_SHARE = 0.85
TEXT_SHARE = 0.65

# learner2 starts the smartphone-basics final test (it has a picture question); prints the attempt's id.
MAKE_ATTEMPT = """
from django.contrib.auth import get_user_model
from assessments import services
from assessments.models import AssessmentPage
from courses.models import CoursePage
course = CoursePage.objects.get(slug="smartphone-basics", locale__language_code="zh-hans")
test = AssessmentPage.objects.live().child_of(course).get()
print(services.start_attempt(learner=get_user_model().objects.get(username="learner2"), assessment=test).pk)
"""

MEASURE = r"""
(lang) => {
  const out = [];
  const describe = (el) => {
    const name = typeof el.className === 'string' ? el.className.trim() : '';
    const cls = name ? '.' + name.split(/\s+/).join('.') : '';
    return `<${el.tagName.toLowerCase()}${cls}> "${(el.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
  };
  const wrap = document.querySelector('main > .wrap');
  const cs = getComputedStyle(wrap);
  const content = wrap.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const header = document.querySelector('.site-header').getBoundingClientRect().height;
  const folded = '[hidden], .visually-hidden, details:not([open]) > :not(summary)';
  const visible = (el) => el.getClientRects().length && !el.closest(folded);

  // Quiz answers: the label and its words.
  const labels = [];
  for (const label of document.querySelectorAll('.quiz-option')) {
    if (!visible(label)) continue;
    const words = label.querySelector(':scope > span');
    const width = label.getBoundingClientRect().width;
    const textWidth = words ? words.getBoundingClientRect().width : null;
    labels.push([width, textWidth]);
    const of = `of ${Math.round(content)}px: ${describe(label)}`;
    if (width < 0.85 * content) out.push(`answer label ${Math.round(width)}px < 85% ${of}`);
    if (words && textWidth < 0.65 * content) out.push(`answer text ${Math.round(textWidth)}px < 65% ${of}`);
    const img = label.querySelector('img');
    if (img && words && img.getBoundingClientRect().bottom > words.getBoundingClientRect().top + 1) {
      out.push(`picture not above its words: ${describe(label)}`);
    }
  }
  for (const list of document.querySelectorAll('.quiz-options')) {
    const tops = [...list.children].filter(visible).map((li) => Math.round(li.getBoundingClientRect().top));
    if (new Set(tops).size !== tops.length) out.push(`answers side by side: ${describe(list)}`);
  }

  // Buttons: a word never breaks; one line unless several words.
  const separators = /[\s，。、：；！？·]+/;
  let buttons = 0;
  for (const button of document.querySelectorAll('button, .button, [role=button], summary')) {
    if (!visible(button) || button.getBoundingClientRect().width < 2) continue;
    buttons++;
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    const lineHeights = [];
    let words = 0, top = Infinity, bottom = -Infinity, node;
    while ((node = walker.nextNode())) {
      if (!node.textContent.trim() || node.parentElement.closest('.visually-hidden, [aria-hidden=true]')) continue;
      const style = getComputedStyle(node.parentElement);
      lineHeights.push(style.lineHeight === 'normal' ? 1.2 * parseFloat(style.fontSize) : parseFloat(style.lineHeight));
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      top = Math.min(top, box.top);
      bottom = Math.max(bottom, box.bottom);
      const pieces = node.textContent.split(separators).filter(Boolean);
      words += pieces.length;
      let from = 0;
      for (const piece of pieces) {
        const start = node.textContent.indexOf(piece, from);
        from = start + piece.length;
        const wordRange = document.createRange();
        wordRange.setStart(node, start);
        wordRange.setEnd(node, from);
        const rects = [...wordRange.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top / 4)));
        if (lines.size > 1) out.push(`the word "${piece}" breaks over ${lines.size} lines: ${describe(button)}`);
      }
    }
    if (!lineHeights.length) continue;
    const lines = Math.round((bottom - top) / Math.max(...lineHeights));
    if (lines > 1 && words < 2) {
      const sizes = `text ${Math.round(bottom - top)}px, line ${Math.max(...lineHeights)}px`;
      out.push(`${lines} lines for one word (${sizes}): ${describe(button)}`);
    }
  }

  // A lesson: its title and first paragraph on the first screen.
  let firstParagraph = null;
  const h1 = document.querySelector('main h1');
  const paragraph = document.querySelector('main h1 ~ p.lead, main .lesson-body p');
  if (document.querySelector('.lesson-body') && h1 && paragraph) {
    window.scrollTo(0, 0);
    firstParagraph = paragraph.getBoundingClientRect().bottom;
    if (firstParagraph > window.innerHeight) {
      out.push(`first paragraph ends ${Math.round(firstParagraph)}px down a ${window.innerHeight}px screen`);
    }
  }
  if (header > 160) out.push(`header ${Math.round(header)}px high`);
  const help = document.querySelector(`.site-footer a[href="${lang === 'en' ? '/en/help/' : '/help/'}"]`);
  if (!help) out.push('no link to the help page in the footer');
  return {problems: out, header, content, labels, buttons, firstParagraph};
}
"""


@pytest.fixture(scope="module")
def attempt_id(live_manage):
    output = live_manage("shell", "-c", MAKE_ATTEMPT)
    return int(output.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def learner_tab(browser, live_site):
    """One signed-in browser context for the whole module; each test sets its display mode cookie."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, service_workers="block")
    page = context.new_page()
    page.goto(f"{live_site}/accounts/login/")
    page.fill("#id_login", LEARNER[0])
    page.fill("#id_password", LEARNER[1])
    page.locator("#main form[action*=login] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert any(cookie["name"] == "sessionid" for cookie in context.cookies()), "could not sign in"
    yield page
    context.close()


def set_mode(page, live_site, mode):
    page.context.add_cookies([{"name": "lms_display", "value": MODES[mode], "url": live_site}])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("mode", MODES)
def test_phone_layout_gives_answers_the_width_and_keeps_words_whole(learner_tab, live_site, attempt_id, mode, lang):
    page = learner_tab
    set_mode(page, live_site, mode)
    prefix = LANGUAGES[lang]
    pages = {
        "lesson": f"{prefix}{LESSON}",
        "lesson-quiz": f"{prefix}{QUIZ_LESSON}",
        "attempt": f"{prefix}/assessments/attempts/{attempt_id}/",
    }
    problems = []
    for name, path in pages.items():
        response = page.goto(f"{live_site}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        result = page.evaluate(MEASURE, lang)
        if name == "lesson":
            assert result["firstParagraph"] is not None, "no lesson title and paragraph found"
        if name != "lesson":
            assert result["labels"], f"{path} shows no answers to measure"
            page.locator(".quiz-question").first.scroll_into_view_if_needed()
        assert result["buttons"] >= 4
        screenshot(page, f"layout-{lang}-{name}-{mode}")
        problems += [f"{name}: {line}" for line in result["problems"]]
    assert not problems, f"{lang}, {mode} mode:\n" + "\n".join(problems)


def ring_contrast(png):
    """Contrast with white of the typical colour of a control's drawn ring (its non-white pixels)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    # The outer band of the box (the ring), not the middle (a tick or dot when checked).
    band = [
        image.getpixel((x, y))
        for x in range(width)
        for y in range(height)
        if min(x, y, width - 1 - x, height - 1 - y) < max(3, width // 5)
    ]
    drawn = sorted(value for value in band if value < 245)
    assert drawn, "no ring drawn"
    median = drawn[len(drawn) // 2] / 255

    def linear(channel):
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 1.05 / (linear(median) + 0.05)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unticked_choices_are_visible_in_high_contrast(learner_tab, live_site, attempt_id, lang):
    """The browser's own unticked circle is a thin light grey ring (about 2:1 on white); 3:1 is the minimum."""
    page = learner_tab
    set_mode(page, live_site, "high")
    prefix = LANGUAGES[lang]
    found = {}
    for path, selector in (
        (f"{prefix}{QUIZ_LESSON}", ".quiz-option input[type=radio]:not(:checked)"),
        (f"{prefix}/assessments/attempts/{attempt_id}/", ".quiz-option input[type=checkbox]:not(:checked)"),
        (f"{prefix}/display/", "input[type=radio]:not(:checked)"),
    ):
        page.goto(f"{live_site}{path}")
        control = page.locator(selector).first
        control.scroll_into_view_if_needed()
        found[f"{path} {selector}"] = round(ring_contrast(control.screenshot()), 2)
        screenshot(page, f"layout-{lang}-high-contrast-{len(found)}")
    assert all(value >= 3 for value in found.values()), json.dumps(found, indent=1)
