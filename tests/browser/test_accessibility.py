"""Accessibility of every page type, in every display mode and both languages, on a 360x740 phone.

Each case opens one page once and then checks, in order:

* axe-core (WCAG 2.0/2.1/2.2 A and AA, plus best practices; in high contrast also the 7:1 rule),
* the body text size of the mode (18/24/30 px) and a line height of at least 1.3 in the main text,
* target sizes: 48x48 px for every control, 60x60 px in elder mode for buttons, form fields and the
  header controls; links inside running text are exempt (WCAG 2.5.8 inline targets),
* reflow: no sideways scrolling at 360 px and at 320 px wide,
* 200% text zoom (in the modes with normal text size) and the WCAG 1.4.12 text-spacing override:
  no sideways scrolling, no clipped text,

and saves a screenshot as ``artifacts/screenshots/a11y-<lang>-<page>-<mode>.png``.

The quiz, final test, certificate and trainer pages (``DATA_PAGES``) need data made in the development
server's database first (``page_data``). To keep the run short they are checked in every mode in Chinese
and in normal mode in English.
"""

import itertools
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LANGUAGES = {"zh": "", "en": "/en"}
# Display mode -> value of the real ``lms_display`` cookie (size.contrast.elder.motion) and body text size.
MODES = {
    "normal": ("normal.normal.0.0", 18),
    "large": ("large.normal.0.0", 24),
    "xlarge": ("xlarge.normal.0.0", 30),
    "high": ("normal.high.0.0", 18),
    "elder": ("normal.normal.1.0", 18),
}
COURSE = "/courses/smartphone-basics/"
PAGES = {
    "home": "/",
    "catalogue": "/courses/",
    "course": COURSE,
    "lesson": None,  # found from the course page's lesson list
    "lesson-video": None,
    "lesson-voice": None,
    "sign-in": "/accounts/login/",
    "sign-up": "/accounts/signup/",
    "profile": "/accounts/profile/",
    "display": "/display/",
    "offline": "/offline/",
}
# Pages whose path comes from ``page_data`` (the data made for them), with who looks at them.
DATA_PAGES = {
    "lesson-quiz-feedback": "learner",
    "final-test": "learner",
    "attempt": "learner",
    "result": "learner",
    "certificates": "learner",
    "certificate": "learner",
    "verify": None,
    "verify-valid": None,
    "verify-unknown": None,
    "trainer-groups": "trainer",
    "trainer-group": "trainer",
    "trainer-learner": "trainer",
    "trainer-cards": "trainer",
    "trainer-import": "trainer",
    "trainer-assign": "trainer",
    "inbox": "learner",
}
SIGNED_IN = {"profile": "learner", **DATA_PAGES}
STATUS = {"verify-unknown": 404}  # an unknown code is "not found", with a form to try again
REFLOW_MODES = set(MODES)  # 320 px wide: at least normal and extra large text; every mode costs little
ZOOM_MODES = {"normal", "high", "elder"}  # the modes with the normal (112.5%) base size
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
TARGET = 48
ELDER_TARGET = 60
LEARNER = ("learner1", "learner-demo-2026")
TRAINER = ("trainer", "trainer-demo-2026")

# Run in the development server's database (``manage.py shell``); prints the paths of DATA_PAGES as JSON.
# learner1 (signed in below) has answered a lesson quiz's first question, has a final test under way, has passed another
# course (result and certificate); smartphone-basics' final test is left unstarted.
MAKE_PAGE_DATA = """
import json
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from assessments import services as quizzes
from assessments.models import AssessmentPage, Attempt
from courses.models import CoursePage, LessonPage
from groups.models import LearningGroup
from assessments.answers import field_name
from tests.assessments.conftest import form, right_answers
from tests.assessments.test_certificates import finish_course

User = get_user_model()
learner = User.objects.get(username="learner1")

def course(slug, lang="zh-hans"):
    return CoursePage.objects.get(slug=slug, locale__language_code=lang)

def final_test(slug, lang="zh-hans"):
    return AssessmentPage.objects.live().child_of(course(slug, lang)).get()

paths = {}
for lang, code in (("zh", "zh-hans"), ("en", "en")):
    lesson = LessonPage.objects.child_of(course("livestream-selling", code)).get(slug="set-up-your-account")
    block_id = next(block.id for block in lesson.body if block.block_type == "quiz")
    quiz = quizzes.check_quiz(learner=learner, lesson=lesson, block_id=block_id)
    if not quiz.answers:
        # The first question answered wrongly (so its feedback shows), the others still open.
        first = quiz.questions[0]
        key = first.answer_key
        data = right_answers([first])
        if first.kind == "true_false":
            data[field_name(first)] = "false" if key.answer_true else "true"
        elif first.kind == "single":
            data[field_name(first)] = next(option for option in key.options if option not in key.correct)
        quizzes.answer_check_quiz(learner=learner, lesson=lesson, block_id=block_id, data=form(data))
    paths[lang] = {"lesson-quiz-feedback": lesson.url, "final-test": final_test("smartphone-basics", code).url}

attempt = quizzes.start_attempt(learner=learner, assessment=final_test("livestream-selling"))
certificate = finish_course(learner, course("smart-agriculture"))
result = Attempt.objects.filter(learner=learner, course_key=certificate.course_key, kind=Attempt.Kind.ASSESSMENT)
result = result.exclude(status=Attempt.Status.OPEN).latest("number")
group = LearningGroup.objects.get(name="青山村数字课堂")
member = User.objects.get(username="zhaody001")
for lang, code in (("zh", "zh-hans"), ("en", "en")):
    with translation.override(code):
        paths[lang].update({
            "attempt": reverse("assessments:attempt", args=[attempt.pk]),
            "result": reverse("assessments:result", args=[result.pk]),
            "certificates": reverse("assessments:certificate_list"),
            "certificate": reverse("assessments:certificate", args=[certificate.code]),
            "verify": reverse("certificate_verify_form"),
            "verify-valid": reverse("certificate_verify", args=[certificate.code]),
            "verify-unknown": reverse("certificate_verify", args=["ABCD-EFGH-JKLM"]),
            "trainer-groups": reverse("groups:list"),
            "trainer-group": reverse("groups:detail", args=[group.pk]),
            "trainer-learner": reverse("groups:learner", args=[member.pk]),
            "trainer-cards": reverse("groups:cards", args=[group.pk]),
            "trainer-import": reverse("groups:import_learners", args=[group.pk]),
            "trainer-assign": reverse("groups:assign", args=[group.pk])
            + f"?course={course('smartphone-basics', code).pk}",
            "inbox": reverse("groups:inbox"),
        })
print(json.dumps(paths))
"""

DESCRIBE = """
window.__describe = (el) => {
  let text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ');
  if (text.length > 40) text = text.slice(0, 40) + '…';
  const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}> "${text}"`;
};
"""

TEXT_CHECKS = """
() => {
  const out = [];
  const body = parseFloat(getComputedStyle(document.body).fontSize);
  for (const p of document.querySelectorAll('main p')) {
    if (!p.getClientRects().length || !p.textContent.trim()) continue;
    const cs = getComputedStyle(p);
    const size = parseFloat(cs.fontSize);
    const height = cs.lineHeight === 'normal' ? 1.2 * size : parseFloat(cs.lineHeight);
    if (height < 1.3 * size - 0.01) out.push(`line height ${height}px < 1.3 x ${size}px: ${__describe(p)}`);
  }
  return {body, problems: out};
}
"""

TARGET_CHECKS = """
([minOther, minMain]) => {
  const out = [];
  const selector = 'a[href], button, input, select, textarea, summary, [role=button]';
  for (const el of document.querySelectorAll(selector)) {
    if (el.type === 'hidden' || el.closest('.visually-hidden')) continue;
    let box = el;
    if (el.matches('input[type=checkbox], input[type=radio]')) {
      box = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
      if (!box) { out.push(`no label to tap: ${__describe(el)}`); continue; }
    }
    const cs = getComputedStyle(box);
    const rect = box.getBoundingClientRect();
    if (!box.getClientRects().length || cs.visibility === 'hidden' || rect.width < 2 || rect.height < 2) continue;
    const inHeader = !!el.closest('.site-header');
    const inText = cs.display === 'inline' && el.closest('p, li, dd, figcaption, .rich-text');
    if (el.matches('a') && !inHeader && inText) continue;  // an inline target in running text
    const main = inHeader || el.matches('button, input, select, textarea, summary, [role=button]');
    const min = main ? minMain : minOther;
    if (rect.width + 0.5 < min || rect.height + 0.5 < min) {
      out.push(`${Math.round(rect.width)}x${Math.round(rect.height)} < ${min}x${min}: ${__describe(el)}`);
    }
  }
  return out;
}
"""

LAYOUT_CHECKS = """
() => {
  const out = [];
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth > width) {
    out.push(`page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`);
    const wide = [...document.body.querySelectorAll('*')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width && r.right > width + 1 && !el.closest('.visually-hidden, .skip-link');
    });
    for (const el of wide.slice(0, 5)) {
      out.push(`  sticks out (right edge ${Math.round(el.getBoundingClientRect().right)}px): ${__describe(el)}`);
    }
  }
  const clips = (v) => v === 'hidden' || v === 'clip';
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (!clips(cs.overflowX) && !clips(cs.overflowY)) continue;
    if (el.closest('.visually-hidden') || !el.getClientRects().length || !el.textContent.trim()) continue;
    const wider = clips(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const taller = clips(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if (wider || taller) {
      const sizes = `${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`;
      out.push(`clips its text (${sizes}): ${__describe(el)}`);
    }
  }
  return out;
}
"""

OPEN_DETAILS = "() => document.querySelectorAll('details').forEach((details) => { details.open = true; })"
# 200% text: twice our 112.5% base size. The text-spacing override of WCAG 1.4.12.
ZOOM_TEXT = "() => { document.documentElement.style.fontSize = '225%'; }"
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)
ADD_STYLE = """css => {
  const style = document.createElement('style');
  style.id = 'a11y-text-spacing';
  style.textContent = css;
  document.head.append(style);
}"""
UNDO_CHANGES = """() => {
  document.documentElement.style.fontSize = '';
  document.getElementById('a11y-text-spacing')?.remove();
}"""


def axe_violations(page, mode):
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    if mode == "high":
        options["rules"] = {"color-contrast-enhanced": {"enabled": True}}  # 7:1 in high contrast
    violations = Axe().run(page, options=options).response["violations"]
    lines = []
    for violation in violations:
        lines.append(f"axe {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:6]:
            summary = " / ".join(node.get("failureSummary", "").splitlines()[1:3]).strip()
            lines.append(f"  {', '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 6:
            lines.append(f"  … and {len(violation['nodes']) - 6} more")
    return lines


def sign_in(browser, live_site, account):
    """A signed-in session (cookies) made through the real sign-in form."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_site}/accounts/login/")
    page.fill("#id_login", account[0])
    page.fill("#id_password", account[1])
    page.locator("#main form[action*=login] button[type=submit]").first.click()
    page.wait_for_load_state()
    state = context.storage_state()
    context.close()
    assert any(cookie["name"] == "sessionid" for cookie in state["cookies"]), f"could not sign in as {account[0]}"
    return state


@pytest.fixture(scope="module")
def sessions(browser, live_site):
    """One signed-in session per account, made once."""
    return {"learner": sign_in(browser, live_site, LEARNER), "trainer": sign_in(browser, live_site, TRAINER)}


@pytest.fixture(scope="module")
def page_data(live_manage):
    """Paths of DATA_PAGES per language, after making their data through the domain functions."""
    output = live_manage("shell", "-c", MAKE_PAGE_DATA)
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def urls(browser, live_site, page_data):
    """Path of every page type in each language; the lessons come from the course's lesson list."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    found = {}
    for lang, prefix in LANGUAGES.items():
        page.goto(f"{live_site}{prefix}{COURSE}")
        links = page.locator(".lesson-list a").evaluate_all("links => links.map((link) => link.href)")
        lessons = [urlsplit(href).path for href in links]
        assert lessons, "the course page lists no lessons"
        paths = {name: prefix + path for name, path in PAGES.items() if path}
        paths["lesson"] = lessons[0]
        paths["lesson-video"] = next(path for path in lessons if "video-call" in path)
        paths["lesson-voice"] = next(path for path in lessons if "voice-message" in path)
        found[lang] = {**paths, **page_data[lang]}
    context.close()
    return found


@pytest.fixture(scope="module")
def tabs(browser, live_site, sessions):
    """One browser tab per language, mode and account (or None), reused by the pages of that combination."""
    open_tabs = {}

    def tab(lang, mode, account):
        key = (lang, mode, account)
        if key not in open_tabs:
            for old_key in [k for k in open_tabs if k[:2] != key[:2]]:
                open_tabs.pop(old_key).context.close()
            context = browser.new_context(
                viewport=PHONE,
                device_scale_factor=1,
                locale="zh-CN" if lang == "zh" else "en-GB",
                storage_state=sessions[account] if account else None,
                service_workers="block",  # check what the server sends, not an offline copy
            )
            context.add_cookies([{"name": "lms_display", "value": MODES[mode][0], "url": live_site}])
            page = context.new_page()
            page.add_init_script(DESCRIBE)
            open_tabs[key] = page
        return open_tabs[key]

    yield tab
    for page in open_tabs.values():
        page.context.close()


def exists(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except urllib.error.URLError:
        return False


def with_layout_change(page, script, arg=None):
    """Run the layout checks after ``script`` changes the page; the change is undone afterwards."""
    page.evaluate(script, arg)
    try:
        return page.evaluate(LAYOUT_CHECKS)
    finally:
        page.evaluate(UNDO_CHANGES)


CASES = [
    *itertools.product(LANGUAGES, MODES, PAGES),
    *itertools.product(["zh"], MODES, DATA_PAGES),
    *itertools.product(["en"], ["normal"], DATA_PAGES),
]


@pytest.mark.parametrize(("lang", "mode", "name"), CASES)
def test_page_is_accessible(tabs, urls, live_site, lang, mode, name):
    url = f"{live_site}{urls[lang][name]}"
    if name == "offline" and not exists(url):
        pytest.skip("/offline/ does not exist yet")
    page = tabs(lang, mode, SIGNED_IN.get(name))
    response = page.goto(url)
    expected = STATUS.get(name, 200)
    assert response.status == expected, f"{url} answered {response.status}"
    assert urlsplit(page.url).path == urlsplit(url).path, f"{url} redirected to {page.url}"
    if name == "lesson-quiz-feedback":  # the answered question's feedback is what is checked here
        feedback = page.locator("section.check-yourself .quiz-result").first
        feedback.scroll_into_view_if_needed()
        assert feedback.is_visible(), "the lesson quiz shows no feedback"
    screenshot(page, f"a11y-{lang}-{name}-{mode}")
    page.evaluate(OPEN_DETAILS)  # check what is folded away too
    problems = axe_violations(page, mode)

    text = page.evaluate(TEXT_CHECKS)
    expected_size = MODES[mode][1]
    if abs(text["body"] - expected_size) > 0.5:
        problems.append(f"body text is {text['body']}px, not {expected_size}px")
    problems += text["problems"]

    minimum = ELDER_TARGET if mode == "elder" else TARGET
    problems += [f"target {line}" for line in page.evaluate(TARGET_CHECKS, [TARGET, minimum])]
    problems += [f"at 360px: {line}" for line in page.evaluate(LAYOUT_CHECKS)]

    if mode in REFLOW_MODES:
        page.set_viewport_size({"width": 320, "height": 740})
        try:
            problems += [f"at 320px: {line}" for line in page.evaluate(LAYOUT_CHECKS)]
        finally:
            page.set_viewport_size(PHONE)
    if mode in ZOOM_MODES:
        problems += [f"200% text: {line}" for line in with_layout_change(page, ZOOM_TEXT)]
    problems += [f"text spacing: {line}" for line in with_layout_change(page, ADD_STYLE, TEXT_SPACING)]

    assert not problems, f"{url} in {mode} mode:\n" + "\n".join(problems)


# Forms sent back with errors: the error messages must be announced and as usable as the form.
# Each form is sent once per language (allauth limits failed sign-ins per address); the display modes
# are then switched with the classes the server would put on <html> for that cookie.
FORMS_WITH_ERRORS = {
    "sign-in": ("/accounts/login/", {"#id_login": "nobody-{lang}", "#id_password": "not-the-password"}),
    "sign-up": (
        "/accounts/signup/",
        {"#id_display_name": "{lang}", "#id_phone": "123", "#id_password1": "a", "#id_password2": "b"},
    ),
}
ERROR_MODES = ["normal", "high", "elder", "xlarge"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_form_errors_are_accessible(tabs, live_site, lang):
    from accessibility.preferences import DisplayPreferences

    page = tabs(lang, "normal", None)
    problems = []
    for name, (path, values) in FORMS_WITH_ERRORS.items():
        page.goto(f"{live_site}{LANGUAGES[lang]}{path}")
        for selector, value in values.items():
            page.fill(selector, value.format(lang=lang))
        page.locator(f"#main form[action$='{path}'] button[type=submit]").first.click()
        page.wait_for_load_state()
        assert page.locator("#main .errorlist").count(), f"{name}: the form showed no error"
        for mode in ERROR_MODES:
            classes = DisplayPreferences.from_cookie(MODES[mode][0]).css_classes
            page.evaluate("classes => { document.documentElement.className = classes; }", classes)
            screenshot(page, f"a11y-{lang}-{name}-error-{mode}")
            found = axe_violations(page, mode)
            minimum = ELDER_TARGET if mode == "elder" else TARGET
            found += [f"target {line}" for line in page.evaluate(TARGET_CHECKS, [TARGET, minimum])]
            found += page.evaluate(LAYOUT_CHECKS)
            problems += [f"{name} in {mode} mode: {line}" for line in found]
    assert not problems, "forms with errors:\n" + "\n".join(problems)
