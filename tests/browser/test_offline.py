"""Saving a course on a phone, then reading it with the network off, in a real Chromium."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

COURSE = "/courses/smartphone-basics/"


def controlled_by_service_worker(page):
    """Wait until the service worker is active, then reload so that it controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def cache_names(page):
    return page.evaluate("caches.keys()")


def test_save_a_course_and_read_it_offline(phone, live_site):
    phone.goto(f"{live_site}{COURSE}")
    controlled_by_service_worker(phone)
    block = phone.locator(".offline-save")
    block.wait_for(state="visible")
    cache = f"course-{block.get_attribute('data-course-id')}"
    save = block.locator("[data-offline-save]")
    assert save.inner_text() == "保存这门课，没网也能看"
    assert block.locator("[data-offline-remove]").is_hidden()
    lessons = phone.locator(".lesson-list a")
    lesson_urls = [lessons.nth(i).get_attribute("href") for i in range(lessons.count())]
    video_lesson = next(url for url in lesson_urls if "video-calls" in url)  # pictures, a video and captions

    save.click()
    phone.wait_for_selector(".offline-save[data-state=saved]", timeout=120_000)
    assert "保存到手机" in block.locator("[data-offline-status]").inner_text()
    assert block.locator("[data-offline-remove]").is_visible()
    assert cache in cache_names(phone)
    saved = phone.evaluate(f"caches.open('{cache}').then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))")
    assert set(lesson_urls) <= set(saved)
    listed = phone.evaluate("url => fetch(url).then(r => r.json())", block.get_attribute("data-files-url"))
    required = {f["url"] for f in listed["files"] if not f["alternative"]}
    assert required <= set(saved)
    alternatives = {f["url"] for f in listed["files"] if f["alternative"]}
    if any(group["element"] == "picture" for group in listed["alternatives"]):
        # Chromium reads AVIF, so the WebP and PNG copies of the pictures stay on the server.
        assert any(url.endswith(".avif") for url in alternatives & set(saved))
        assert not any(url.endswith((".png", ".webp")) for url in alternatives & set(saved))
    if any(group["element"] == "audio" for group in listed["alternatives"]):
        # Recordings offered as Opus and MP3: Chromium plays Opus, so only that one is stored.
        assert not any(url.endswith(".mp3") for url in alternatives & set(saved))
    block.scroll_into_view_if_needed()
    screenshot(phone, "zh-offline-1-saved")

    context = phone.context
    context.set_offline(True)
    try:
        # A lesson never opened before comes from the saved copy, with its pictures and video.
        phone.goto(f"{live_site}{video_lesson}")
        assert phone.locator(".lesson-body").count() == 1
        assert phone.locator("h1").count() == 1 and "没有联网" not in phone.locator("h1").inner_text()
        phone.wait_for_function("(i => i.complete && i.naturalWidth > 0)(document.querySelector('.lesson-body img'))")
        video = phone.locator(".lesson-body video source").get_attribute("src")
        ranged = phone.evaluate(
            """src => fetch(src, {headers: {Range: "bytes=0-99"}})
                .then(r => r.arrayBuffer().then(b => [r.status, b.byteLength]))""",
            video,
        )
        assert ranged == [206, 100]  # the video player's byte ranges are answered from the phone
        screenshot(phone, "zh-offline-2-lesson")

        # A page neither visited nor saved: the offline page, listing the saved course.
        phone.goto(f"{live_site}/courses/livestream-selling/")
        assert phone.locator("h1").inner_text() == "您现在没有联网"
        phone.locator("[data-saved-courses]").wait_for(state="visible")
        assert phone.locator(f"[data-saved-courses] a[href='{COURSE}']").count() == 1
        assert phone.locator("[data-offline-retry]").is_visible()
        screenshot(phone, "zh-offline-3-offline-page")

        phone.goto(f"{live_site}/en/courses/livestream-selling/")
        assert phone.locator("h1").inner_text() == "You are offline"
        assert phone.locator("html").get_attribute("lang") == "en"
        screenshot(phone, "en-offline-4-offline-page")
    finally:
        context.set_offline(False)

    phone.goto(f"{live_site}{COURSE}")
    phone.wait_for_selector(".offline-save[data-state=saved]")
    assert block.locator("[data-offline-save]").inner_text() == "更新手机上保存的课程"
    block.locator("[data-offline-remove]").click()
    phone.wait_for_selector(".offline-save[data-state=idle]")
    assert cache not in cache_names(phone)
    assert block.locator("[data-offline-status]").inner_text() == "已从手机上删除保存的课程。"
    block.scroll_into_view_if_needed()
    screenshot(phone, "zh-offline-5-removed")


def test_saving_refuses_when_the_phone_is_nearly_full(phone, live_site):
    phone.add_init_script(
        "navigator.storage.estimate = () => Promise.resolve({quota: 50 * 1024 * 1024, usage: 49.5 * 1024 * 1024});"
    )
    phone.goto(f"{live_site}{COURSE}")
    block = phone.locator(".offline-save")
    block.wait_for(state="visible")
    block.locator("[data-offline-save]").click()
    status = block.locator("[data-offline-status]")
    phone.wait_for_function("document.querySelector('[data-offline-status]').textContent.includes('空间不够')")
    assert "0.5 MB" in status.inner_text()  # what is free, in plain numbers
    assert block.get_attribute("data-state") == "idle"
    assert not any(name.startswith("course-") for name in cache_names(phone))
    block.scroll_into_view_if_needed()
    screenshot(phone, "zh-offline-6-no-space")


KEPT = "JSON.parse(localStorage.getItem('lms-kept-forms') || '[]').length"
VOICE_LESSON = f"{COURSE}voice-messages/"  # a practice quiz: a single choice and a true/false question
POWER_LESSON = f"{COURSE}power-and-charging/"  # its quiz asks questions of the final test


def save_course(page, live_site, course=COURSE):
    page.goto(f"{live_site}{course}")
    controlled_by_service_worker(page)
    page.locator("[data-offline-save]").click()
    page.wait_for_selector(".offline-save[data-state=saved]", timeout=120_000)


def back_online(page):
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function(f"{KEPT} === 0", timeout=20_000)


def check_wrong_answer_on_the_phone(page):
    """Answer the voice-message question wrongly with no network: the phone checks it."""
    quiz = page.locator("section.check-yourself")
    first = quiz.locator("fieldset.quiz-question").first
    first.locator("label.quiz-option", has_text="点一下就松手").click()
    first.locator("button[name=only]").click()
    result = first.locator(".quiz-result.is-wrong")
    result.wait_for()
    text = first.locator("[data-result]").inner_text()
    assert "不太对" in text and "正确答案：按住不放，说完再松手" in text and "点一下太短了" in text
    assert "已在手机上核对" in text and "有网后会自动发送" in text
    assert first.locator("input").first.is_disabled()
    return first


def test_first_page_opened_is_kept_for_offline(phone, live_site):
    """The worker installs after the first page has loaded; that page is stored all the same."""
    url = f"{live_site}{COURSE}bigger-text/"
    phone.goto(url)
    title = phone.locator("h1").inner_text()
    for _attempt in range(80):  # the worker installs, activates, then fetches the page again
        if phone.evaluate("u => caches.match(u, {ignoreVary: true}).then(Boolean)", url):
            break
        phone.wait_for_timeout(250)
    assert phone.evaluate("caches.open('pages').then(c => c.keys()).then(k => k.map(r => r.url))") == [url]
    media = phone.evaluate("caches.open('media').then(c => c.keys()).then(k => k.length)")
    assert media >= 1  # and the lesson's pictures it had loaded
    phone.context.set_offline(True)
    try:
        phone.goto(url)
        assert phone.locator("h1").inner_text() == title != "您现在没有联网"
    finally:
        phone.context.set_offline(False)


def test_visitor_marks_a_saved_lesson_done_and_checks_its_quiz_offline(phone, live_site):
    """A visitor's taps on a saved lesson with no network stay in the app, are kept on the phone, sent
    when the network is back (into the session) and handed over at sign-in."""
    save_course(phone, live_site)
    phone.context.set_offline(True)
    try:
        phone.goto(f"{live_site}{VOICE_LESSON}")
        assert phone.locator("script[src*='recorder.js']").count() == 0  # a visitor: no statement queue
        phone.locator("form[data-mark-done] button").click()
        note = phone.locator("[data-offline-done]")
        note.wait_for(state="visible")
        assert note.inner_text() == "现在没有网络。您的学习进度已保存在这部手机上，有网后会自动上传。"
        assert phone.url == f"{live_site}{VOICE_LESSON}"  # still the lesson, not the browser's error page
        assert phone.evaluate(KEPT) == 1
        note.scroll_into_view_if_needed()
        phone.wait_for_timeout(300)
        screenshot(phone, "walk-offline-1-visitor-marked-done-offline")

        first = check_wrong_answer_on_the_phone(phone)
        quiz = phone.locator("section.check-yourself")
        second = quiz.locator("fieldset.quiz-question").nth(1)
        second.locator("label.quiz-option").first.click()
        quiz.locator("[data-check-all] button").click()
        second.locator(".quiz-result").wait_for()
        total = quiz.locator("fieldset.quiz-question").count()
        right = quiz.locator(".quiz-result.is-right").count()
        sentence = quiz.locator("[data-summary]").get_attribute("data-score")
        assert quiz.locator("p.quiz-score").inner_text() == sentence.replace("{right}", str(right)).replace(
            "{total}", str(total)
        )
        assert "您答对了" in sentence
        assert phone.evaluate(KEPT) == 3
        first.scroll_into_view_if_needed()
        phone.wait_for_timeout(300)
        screenshot(phone, "walk-offline-2-visitor-quiz-checked-offline")

        # A question the final test also asks is not checked on the phone, only kept.
        phone.goto(f"{live_site}{POWER_LESSON}")
        graded = phone.locator("section.check-yourself fieldset.quiz-question").first
        graded.locator("label.quiz-option").first.click()
        graded.locator("button[name=only]").click()
        assert "有网后会为您核对" in graded.locator("[data-result]").inner_text()
        assert graded.locator(".quiz-result").count() == 0
        assert phone.evaluate(KEPT) == 4
    finally:
        phone.context.set_offline(False)

    back_online(phone)
    phone.goto(f"{live_site}{COURSE}")
    assert phone.locator(".lesson-list li").nth(2).locator(".status-done").count() == 1
    phone.goto(f"{live_site}{VOICE_LESSON}")
    marked = phone.locator("section.check-yourself fieldset.quiz-question").first
    assert marked.locator(".quiz-result.is-wrong").count() == 1  # marked by the server, from the session
    assert "已在手机上核对" not in marked.inner_text()
    phone.goto(f"{live_site}{POWER_LESSON}")
    assert phone.locator("section.check-yourself fieldset.quiz-question").first.locator(".quiz-result").count() == 1

    # Signing in hands the lesson finished offline over to the account, as for progress made online.
    phone.goto(f"{live_site}/accounts/login/")
    phone.fill("#id_login", "zhaody001")
    phone.fill("#id_password", "246810")
    phone.locator("#main form[action*=login] button[type=submit]").first.click()
    phone.wait_for_load_state()
    phone.goto(f"{live_site}{COURSE}")
    assert phone.locator(".lesson-list li").nth(2).locator(".status-done").count() == 1
    assert phone.locator("form[action*=join]").count() == 0  # the hand-over joined the course


def test_signed_in_learner_checks_a_quiz_and_finishes_a_lesson_offline(phone, live_site):
    """Signed in: "Mark as done" goes through the statement queue, quiz answers are checked on the phone
    and marked again by the server when they arrive."""
    phone.goto(f"{live_site}/accounts/login/")
    phone.fill("#id_login", "learner2")
    phone.fill("#id_password", "learner-demo-2026")
    phone.locator("#main form[action*=login] button[type=submit]").first.click()
    phone.wait_for_load_state()
    lesson = f"{live_site}{COURSE}scan-qr-codes/"
    save_course(phone, live_site)
    phone.context.set_offline(True)
    try:
        phone.goto(lesson)
        quiz = phone.locator("section.check-yourself")
        question = quiz.locator("fieldset.quiz-question").first
        question.locator("label.quiz-option").first.click()
        question.locator("button[name=only]").click()
        question.locator(".quiz-result").wait_for()
        device_verdict = "is-right" if question.locator(".quiz-result.is-right").count() else "is-wrong"
        assert "已在手机上核对" in question.inner_text()
        phone.locator("form[data-mark-done] button").click()
        phone.locator("[data-offline-done]").wait_for(state="visible")
        assert phone.url == lesson
        assert phone.evaluate("window.lmsXapi.pending().then(items => items.length)") >= 1  # the statement queue
        assert phone.evaluate(KEPT) == 1  # the quiz answer only
    finally:
        phone.context.set_offline(False)

    back_online(phone)
    phone.wait_for_function("window.lmsXapi.pending().then(items => items.length === 0)", timeout=20_000)
    phone.goto(lesson)
    server = phone.locator("section.check-yourself fieldset.quiz-question").first
    assert server.locator(f".quiz-result.{device_verdict}").count() == 1  # the server's mark, stored
    assert "已在手机上核对" not in server.inner_text()
    answered = phone.evaluate(
        "fetch('/xapi/statements?verb=http://adlnet.gov/expapi/verbs/answered', "
        "{headers: {'X-Experience-API-Version': '1.0.3'}}).then(r => r.json()).then(d => d.statements.length)"
    )
    assert answered >= 1
    phone.goto(f"{live_site}{COURSE}")
    row = phone.locator(".lesson-list li", has=phone.locator("a[href$='scan-qr-codes/']"))
    assert row.locator(".status-done").count() == 1


def test_a_form_sent_as_the_network_drops_shows_the_offline_page(phone, live_site):
    """The phone does not know yet that the network is gone (navigator.onLine still true): the service
    worker answers the failed form POST with the offline page, never the browser's error page."""
    phone.goto(f"{live_site}/display/")
    controlled_by_service_worker(phone)
    phone.context.set_offline(True)
    try:
        phone.evaluate("Object.defineProperty(navigator, 'onLine', {get: () => true})")
        phone.locator("#main form[action*=display] button[type=submit]").first.click()
        phone.wait_for_load_state()
        assert phone.locator("h1").inner_text() == "您现在没有联网"
        assert "您刚才提交的内容没有发送出去" in phone.locator("[data-form-not-sent]").inner_text()
        assert phone.locator("[data-offline-back]").is_visible()
        assert phone.locator("[data-offline-retry]").count() == 0
        screenshot(phone, "walk-offline-3-form-not-sent")
    finally:
        phone.context.set_offline(False)
