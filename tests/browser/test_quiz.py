"""A lesson's "check yourself" quiz on a 360 px phone: instant feedback from the server without a
page load, large answer targets, and the same page passing axe-core; a final test reached from the
course page."""

from .conftest import screenshot
from .test_accessibility import axe_violations


def sign_in(phone, live_site):
    phone.goto(f"{live_site}/accounts/login/")
    phone.fill("#id_login", "138 0000 0001")
    phone.fill("#id_password", "learner-demo-2026")
    phone.locator("#main form[action*=login] button[type=submit]").first.click()
    phone.wait_for_load_state()


def test_instant_feedback_at_360_px(phone, live_site):
    sign_in(phone, live_site)
    phone.goto(f"{live_site}/courses/smartphone-basics/power-and-charging/")
    quiz = phone.locator("section.check-yourself")
    first = quiz.locator("fieldset.quiz-question").first
    first.scroll_into_view_if_needed()
    options = first.locator("label.quiz-option")
    for index in range(options.count()):
        box = options.nth(index).bounding_box()
        assert box["height"] >= 48 and box["width"] >= 240  # large targets on a small screen
    wrong = first.locator("label.quiz-option", has_text="短按")
    wrong.click()
    url = phone.url
    with phone.expect_response(lambda r: "/quiz/" in r.url and r.request.method == "POST") as reply:
        first.locator("button[name=only]").click()
    assert reply.value.status == 200 and reply.value.headers["content-type"].startswith("application/json")
    result = first.locator(".quiz-result")
    result.wait_for()
    assert phone.url == url  # no page load
    text = result.inner_text()
    assert "短按只是锁屏" in text and "长按电源键三秒" in text
    assert first.locator("input").first.is_disabled()
    first.scroll_into_view_if_needed()
    phone.wait_for_timeout(300)  # let the scroll settle before the picture
    screenshot(phone, "quiz-instant-feedback-360")
    assert not axe_violations(phone, "normal"), axe_violations(phone, "normal")

    # The feedback is kept on the server: a reload shows it again.
    phone.reload()
    assert "短按只是锁屏" in phone.locator("section.check-yourself fieldset").first.inner_text()


def open_final_test(phone, live_site):
    """The smartphone course's final test: started now, or the attempt an earlier test left open."""
    phone.goto(f"{live_site}/courses/smartphone-basics/")
    phone.locator(".final-test-box a").first.click()
    start = phone.locator("form[action*=start] button")
    if start.count():
        start.click()
    else:
        phone.locator("a[href*='/assessments/attempts/']").first.click()
    phone.wait_for_load_state()
    assert "/assessments/attempts/" in phone.url


def test_ordering_with_buttons_and_the_final_test(phone, live_site):
    sign_in(phone, live_site)
    open_final_test(phone, live_site)
    ordering = phone.locator("[data-ordering]")
    # The instruction names the control shown: the ↑/↓ buttons (the place selects are hidden).
    hint = phone.locator("[data-ordering-hint]")
    assert hint.inner_text().strip() == hint.get_attribute("data-with-buttons")
    assert "↑" in hint.inner_text() and "序号" not in hint.inner_text()
    assert ordering.locator("select").first.is_hidden() and ordering.locator("[data-up]").first.is_visible()
    hint.scroll_into_view_if_needed()
    first_step = ordering.locator("li").first.locator(".quiz-step").inner_text()
    ordering.locator("li").first.locator("[data-down]").click()
    assert ordering.locator("li").nth(1).locator(".quiz-step").inner_text() == first_step
    assert ordering.locator("li").nth(1).locator("select").input_value() == "2"
    # The buttons' names come from the template's translated words, with the step filled in.
    step = ordering.locator("li").first.locator(".quiz-step").inner_text().strip()
    label = ordering.locator("li").first.locator("[data-down]").get_attribute("aria-label")
    assert step in label and "{" not in label
    screenshot(phone, "quiz-ordering-buttons-360")


def test_the_summary_sentence_comes_from_the_template(phone, live_site):
    """The score after the last answer is the template's translated sentence with the numbers filled in.

    As a visitor, whose answers are kept in the session."""
    phone.goto(f"{live_site}/en/courses/smartphone-basics/scan-qr-codes/")
    quiz = phone.locator("section.check-yourself")
    summary = quiz.locator("[data-summary]")
    sentence = summary.get_attribute("data-score")
    assert "{right}" in sentence and "{total}" in sentence
    questions = quiz.locator("fieldset.quiz-question")
    for index in range(questions.count()):
        questions.nth(index).locator("label.quiz-option").first.click()
    with phone.expect_response(lambda r: "/quiz/" in r.url and r.request.method == "POST"):
        quiz.locator(".form-actions button[type=submit]").click()
    phone.wait_for_function("el => el.textContent.trim() !== ''", arg=summary.element_handle())
    text = summary.inner_text().strip()
    right = quiz.locator(".quiz-result.is-right").count()  # true/false questions: right or wrong
    total = questions.count()
    assert text == sentence.replace("{right}", str(right)).replace("{total}", str(total))
    assert text == f"You got {right} of {total} right."


def test_signed_in_learner_finishes_the_quiz_and_tries_again(phone, live_site):
    """After the last instant answer a signed-in learner sees its feedback and the round's score (it
    used to fail with HTTP 500 and "no network"); the finished round stays after a reload, and only
    "Try again" starts a new one."""
    sign_in(phone, live_site)
    lesson = f"{live_site}/courses/smartphone-basics/voice-messages/"
    phone.goto(lesson)
    quiz = phone.locator("section.check-yourself")
    summary = quiz.locator("[data-summary]")
    retry = quiz.locator("form[data-retry]")
    assert retry.is_hidden() and quiz.locator("[data-check-all]").is_visible()
    questions = quiz.locator("fieldset.quiz-question")
    total = questions.count()
    assert total >= 2
    for index in range(total):
        question = questions.nth(index)
        question.locator("label.quiz-option").first.click()
        with phone.expect_response(lambda r: "/quiz/" in r.url and r.request.method == "POST") as reply:
            question.locator("button[name=only]").click()
        assert reply.value.status == 200
        question.locator(".quiz-result").wait_for()
        if index == 0:
            assert retry.is_visible()  # something is answered: the learner may start again
    score = summary.locator("p.quiz-score")
    score.wait_for()
    right = quiz.locator(".quiz-result.is-right").count()
    sentence = summary.get_attribute("data-score").replace("{right}", str(right)).replace("{total}", str(total))
    assert score.inner_text().strip() == sentence
    assert "没有网络" not in summary.inner_text() and "No network" not in summary.inner_text()
    assert quiz.locator("[data-check-all]").is_hidden() and retry.is_visible()
    assert questions.last.locator(".quiz-result").inner_text().strip()  # the last answer's feedback
    retry.scroll_into_view_if_needed()
    phone.wait_for_timeout(300)
    screenshot(phone, "quiz-finished-signed-in-360")
    assert not axe_violations(phone, "normal"), axe_violations(phone, "normal")

    # A reload shows the finished round, not a new one.
    phone.reload()
    assert quiz.locator(".quiz-result").count() == total
    assert summary.locator("p.quiz-score").inner_text().strip() == sentence
    assert retry.is_visible() and quiz.locator("[data-check-all]").count() == 0

    # "Try again" starts the next round: questions to answer, no score.
    retry.locator("button").click()
    phone.wait_for_load_state()
    assert quiz.locator(".quiz-result").count() == 0 and summary.inner_text().strip() == ""
    assert quiz.locator("[data-check-all]").is_visible() and retry.is_hidden()
    assert quiz.locator("button[name=only]").count() == total


def test_final_test_autosave_keeps_an_answer_through_a_reload(phone, live_site):
    """quiz.js posted to form.action, which the buttons named "action" shadow: every autosave went to
    ".../[object RadioNodeList]" (404) and a phone that died lost the answers."""
    sign_in(phone, live_site)
    open_final_test(phone, live_site)
    attempt_url = phone.url
    fieldset = phone.locator("fieldset.quiz-question:has(input[type=radio])").first
    radios = fieldset.locator("input[type=radio]")
    choice = next(i for i in range(radios.count()) if not radios.nth(i).is_checked())
    name, value = radios.nth(choice).get_attribute("name"), radios.nth(choice).get_attribute("value")
    status = phone.locator("[data-autosave-status]")
    with phone.expect_response(lambda r: r.request.method == "POST" and "/assessments/attempts/" in r.url) as reply:
        fieldset.locator("label.quiz-option").nth(choice).click()
    assert reply.value.status == 200 and reply.value.url == attempt_url  # not ".../[object RadioNodeList]"
    assert reply.value.json()["saved"] >= 1
    phone.wait_for_function("el => el.textContent.trim() !== ''", arg=status.element_handle())
    assert status.inner_text().strip() == status.get_attribute("data-saved") == "答案已保存。"
    phone.reload()
    assert phone.locator(f"input[name='{name}'][value='{value}']").is_checked()


def test_hotspot_picture_is_sharp_on_a_2x_screen(browser, live_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="zh-CN")
    page = context.new_page()
    try:
        sign_in(page, live_site)
        open_final_test(page, live_site)
        shot = page.locator("input[data-hotspot]")
        width = int(shot.get_attribute("width"))
        assert shot.bounding_box()["width"] == width  # shown at its CSS size: taps measured as before
        size = page.evaluate(
            "async src => { const b = await createImageBitmap(await (await fetch(src)).blob());"
            " return [b.width, b.height]; }",
            shot.get_attribute("src"),
        )
        assert size == [2 * width, 2 * int(shot.get_attribute("height"))]
    finally:
        context.close()


READY_TO_HAND_IN = """
from django.contrib.auth import get_user_model
from assessments import services as quizzes
from assessments.models import AssessmentPage
from courses.models import CoursePage
from learning import services
from tests.assessments.conftest import form, right_answers

learner = get_user_model().objects.create_user(username="walker", password="walk-the-phone-2026")
learner.learner_profile.display_name = "赵大叔"
learner.learner_profile.save()
course = CoursePage.objects.get(slug="smartphone-basics", locale__language_code="zh-hans")
for lesson in course.lessons():
    services.record_lesson_completed(learner=learner, lesson=lesson)
attempt = quizzes.start_attempt(learner=learner, assessment=AssessmentPage.objects.child_of(course).get())
questions = [q for q in quizzes.attempt_questions(attempt) if q.kind != "practical"]
quizzes.save_answers(learner=learner, attempt=attempt, data=form(right_answers(questions)))
print(attempt.pk)
"""


def test_pass_page_links_to_the_certificate(phone, live_site, live_server_info):
    """Every lesson done and the answers saved: handing in passes the test, completes the course, and the
    pass page leads to the certificate (it had no link); the practical skill is listed outside the score."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    workdir = live_server_info["log"].parent
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
    }
    made = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", READY_TO_HAND_IN],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    attempt_id = made.stdout.strip().splitlines()[-1]
    phone.goto(f"{live_site}/accounts/login/")
    phone.fill("#id_login", "walker")
    phone.fill("#id_password", "walk-the-phone-2026")
    phone.locator("#main form[action*=login] button[type=submit]").first.click()
    phone.wait_for_load_state()
    phone.goto(f"{live_site}/assessments/attempts/{attempt_id}/")
    phone.locator("button[name=action][value=submit]").click()
    phone.wait_for_load_state()
    assert phone.url.endswith(f"/assessments/attempts/{attempt_id}/result/")
    assert phone.locator(".quiz-big-score").inner_text().strip() == "得分 100%：8 题中答对 8 题。"
    assert "有 1 道实操题不计入得分" in phone.locator(".quiz-score-box").inner_text()
    link = phone.locator("a[data-certificate-link]")
    assert link.is_visible() and link.inner_text().strip() == "查看您的结业证书"
    screenshot(phone, "pass-page-certificate-link-360")
    link.scroll_into_view_if_needed()
    phone.wait_for_timeout(300)
    screenshot(phone, "pass-page-certificate-link-360-scrolled")
    assert not axe_violations(phone, "normal"), axe_violations(phone, "normal")
    link.click()
    phone.wait_for_load_state()
    assert "/assessments/certificates/" in phone.url and "赵大叔" in phone.locator(".certificate-name").inner_text()
