"""The quiz pages as a phone without JavaScript uses them: plain forms, redirects and messages."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape as html_escape
from django.utils.translation import gettext

from assessments import services
from assessments.models import Answer, Attempt
from xapi.models import Statement

from .conftest import quiz_lesson, right_answers


@pytest.fixture(autouse=True)
def _default_language():
    """reverse() follows the language of the last request a test made; start each test in the default."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def option_order(html, key):
    return re.findall(rf'name="q-{key}" value="([^"]+)"', html)


def answerable(attempt):
    return [q for q in services.attempt_questions(attempt) if q.kind != "practical"]


@pytest.mark.django_db
def test_visitors_are_asked_to_sign_in(client, phone_test):
    page = client.get(phone_test.url).content.decode()
    assert "Sign in to take the test" in page or "登录" in page
    response = client.post(reverse("assessments:start", args=[phone_test.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Attempt.objects.exists()


@pytest.mark.django_db
def test_final_test_without_javascript(learner_client, learner, phone_test):
    page = learner_client.get(phone_test.url).content.decode()
    assert "There is no time limit" in page or "不限时" in page
    response = learner_client.post(reverse("assessments:start", args=[phone_test.pk]))
    attempt = Attempt.objects.get(learner=learner)
    assert response["Location"] == reverse("assessments:attempt", args=[attempt.pk])
    first = learner_client.get(response["Location"]).content.decode()
    assert first.count("<fieldset") == len(attempt.question_keys) and first.count("<legend") == len(
        attempt.question_keys
    )
    questions = answerable(attempt)
    single = next(q for q in questions if q.kind == "single")
    # A reload shows the same (shuffled) order.
    second = learner_client.get(response["Location"]).content.decode()
    assert option_order(first, single.translation_key) == option_order(second, single.translation_key)
    assert sorted(option_order(first, single.translation_key)) == sorted(single.answer_key.options)

    # Save part of the answers and come back later.
    right = next(iter(single.answer_key.correct))
    saved = learner_client.post(response["Location"], {"action": "save", f"q-{single.translation_key}": right})
    assert saved.status_code == 302 and saved["Location"] == phone_test.url
    assert "Continue the test" in learner_client.get(phone_test.url).content.decode() or True
    resumed = learner_client.get(response["Location"]).content.decode()
    assert re.search(rf'name="q-{single.translation_key}" value="{right}" checked', resumed)

    # Handing in with a question left out is refused, with the error tied to the question.
    data = right_answers(questions)
    missing = next(q for q in questions if q.kind == "short_answer")
    del data[f"q-{missing.translation_key}"]
    refused = learner_client.post(response["Location"], {**data, "action": "submit"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert f'aria-describedby="question-{missing.translation_key}-error"' in html
    assert f'id="question-{missing.translation_key}-error"' in html and 'role="alert"' in html
    attempt.refresh_from_db()
    assert attempt.is_open

    # Handing in everything marks it and shows the results.
    done = learner_client.post(response["Location"], {**right_answers(questions), "action": "submit"})
    assert done["Location"] == reverse("assessments:result", args=[attempt.pk])
    result = learner_client.get(done["Location"]).content.decode()
    assert "100%" in result and "data-say" in result  # the practical skill is not part of the score
    for question in questions:
        if question.explanation:
            assert question.explanation in result

    # A second hand-in changes nothing.
    answers = Answer.objects.count()
    statements = Statement.objects.count()
    again = learner_client.post(response["Location"], {**right_answers(questions), "action": "submit"}, follow=True)
    assert "already handed in" in again.content.decode() or "已经交" in again.content.decode()
    assert Answer.objects.count() == answers and Statement.objects.count() == statements


@pytest.mark.django_db
def test_tapping_the_screenshot_without_javascript_saves_the_spot(learner_client, learner, phone_test):
    learner_client.post(reverse("assessments:start", args=[phone_test.pk]))
    attempt = Attempt.objects.get(learner=learner)
    hotspot = next(q for q in services.attempt_questions(attempt) if q.kind == "hotspot")
    url = reverse("assessments:attempt", args=[attempt.pk])
    # Shown 300 x 375 px; the green button is at (360, 797) of the 720 x 900 picture.
    response = learner_client.post(
        url, {f"q-{hotspot.translation_key}.x": "150", f"q-{hotspot.translation_key}.y": "332"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#question-{hotspot.translation_key}")
    answer = Answer.objects.get(attempt=attempt)
    assert answer.response == [360.0, 796.8] and answer.response_text == next(
        r.id for r in hotspot.answer_key.regions if r.correct
    )
    page = learner_client.get(url).content.decode()
    assert "quiz-marker" in page and 'value="150.0"' in page


@pytest.mark.django_db
def test_extension_is_offered_and_said_in_words(learner_client, learner, phone_test):
    phone_test.time_limit_minutes = 15
    phone_test.save_revision().publish()
    rules = learner_client.get(phone_test.url).content.decode()
    assert "15 minutes" in rules or "15 分钟" in rules
    learner_client.post(reverse("assessments:start", args=[phone_test.pk]))
    attempt = Attempt.objects.get(learner=learner)
    url = reverse("assessments:attempt", args=[attempt.pk])
    assert 'value="extend"' in learner_client.get(url).content.decode()
    learner_client.post(url, {"action": "extend"})
    attempt.refresh_from_db()
    assert attempt.time_extended and (attempt.deadline - attempt.started_at).total_seconds() == 30 * 60
    assert 'value="extend"' not in learner_client.get(url).content.decode()


@pytest.mark.django_db
def test_other_learners_cannot_open_an_attempt(client, learner, other_learner, phone_test):
    attempt = services.start_attempt(learner=learner, assessment=phone_test)
    client.force_login(other_learner)
    assert client.get(reverse("assessments:attempt", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("assessments:attempt", args=[attempt.pk]), {"action": "submit"}).status_code == 404


@pytest.mark.django_db
def test_lesson_quiz_for_a_visitor_without_javascript(client, phone_course):
    lesson, block = quiz_lesson(phone_course)
    html = client.get(lesson.url).content.decode()
    assert (
        f'id="quiz-{block.id}"' in html and f'name="only" value="{block.value["questions"][0].translation_key}"' in html
    )
    question = block.value["questions"][0]
    right = next(iter(question.answer_key.correct))
    url = reverse("assessments:check", args=[lesson.pk, block.id])
    response = client.post(url, {f"q-{question.translation_key}": right, "only": str(question.translation_key)})
    assert response.status_code == 302 and response["Location"].endswith(f"#question-{question.translation_key}")
    after = client.get(lesson.url).content.decode()
    assert "quiz-result is-right" in after and question.explanation in after
    assert not Statement.objects.filter(verb_id__endswith="/answered").exists()  # a visitor has no statements
    client.post(reverse("assessments:check_again", args=[lesson.pk, block.id]))
    assert "quiz-result" not in client.get(lesson.url).content.decode()


@pytest.mark.django_db
def test_lesson_quiz_instant_feedback_as_json(learner_client, learner, phone_course):
    lesson, block = quiz_lesson(phone_course)
    question = block.value["questions"][0]
    wrong = next(o for o in question.answer_key.options if o not in question.answer_key.correct)
    url = reverse("assessments:check", args=[lesson.pk, block.id])
    payload = {f"q-{question.translation_key}": wrong, "only": str(question.translation_key)}
    reply = learner_client.post(url, payload, headers={"X-Requested-With": "fetch"}).json()
    result = reply["results"][str(question.translation_key)]
    assert result["correct"] is False and "quiz-result is-wrong" in result["html"]
    assert question.explanation in result["html"]
    # Sending the same question again (a double tap) counts once.
    again = learner_client.post(url, payload, headers={"X-Requested-With": "fetch"}).json()
    assert again["results"] == {}
    assert Answer.objects.filter(attempt__learner=learner).count() == 1
    assert Statement.objects.filter(verb_id__endswith="/answered").count() == 1
    # The lesson is never blocked: it can be marked done without answering.
    done = learner_client.post(reverse("learning:mark_lesson_done", args=[lesson.pk]))
    assert done.status_code == 302


@pytest.mark.django_db
def test_lesson_quiz_refuses_tampered_answers(learner_client, learner, phone_course):
    lesson, block = quiz_lesson(phone_course)
    first, second = list(block.value["questions"])[:2]
    foreign = next(iter(second.answer_key.options))
    url = reverse("assessments:check", args=[lesson.pk, block.id])
    reply = learner_client.post(url, {f"q-{first.translation_key}": foreign}, headers={"X-Requested-With": "fetch"})
    with translation.override("zh-hans"):
        message = gettext("This answer does not belong to this question. Please reload the page and answer again.")
    assert reply.status_code == 400 and message in reply.json()["errors"].values()
    assert not Answer.objects.exists() and not Statement.objects.filter(verb_id__endswith="/answered").exists()
    missing_block = learner_client.post(reverse("assessments:check", args=[lesson.pk, "no-such-block"]), {})
    assert missing_block.status_code == 302 and not Answer.objects.exists()


@pytest.mark.django_db
def test_assessment_page_queries_do_not_grow_with_attempts(
    learner_client, learner, phone_test, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert learner_client.get(phone_test.url).status_code == 200
        return len(queries)

    attempt = services.start_attempt(learner=learner, assessment=phone_test)
    services.submit_attempt(learner=learner, attempt=attempt, data=_form(right_answers(answerable(attempt))))
    one = count()
    for _ in range(3):
        attempt = services.start_attempt(learner=learner, assessment=phone_test)
        services.submit_attempt(learner=learner, attempt=attempt, data=_form(right_answers(answerable(attempt))))
    with django_assert_max_num_queries(one):
        learner_client.get(phone_test.url)


def _form(data):
    from .conftest import form

    return form(data)


def _answer(question, *, right=True):
    """Form data answering one lesson-quiz question, rightly or (single choice, true/false) wrongly."""
    data = right_answers([question])
    name = f"q-{question.translation_key}"
    if not right and question.kind == "true_false":
        data[name] = "false" if question.answer_key.answer_true else "true"
    elif not right and question.kind == "single":
        data[name] = next(o for o in question.answer_key.options if o not in question.answer_key.correct)
    return {**data, "only": str(question.translation_key)}


def _signed_in_round(learner, lesson, block):
    quiz = services.check_quiz(learner=learner, lesson=lesson, block_id=block.id)
    assert len(quiz.questions) >= 2 and quiz.questions[0].kind in ("single", "true_false")
    return quiz


def _answered_statements():
    return Statement.objects.filter(verb_id__endswith="/answered").count()


def _finished_page(html, quiz, right):
    """The lesson page shows the finished round: every answer's feedback, the score and "Try again"."""
    assert html.count("quiz-result is-") == len(quiz.questions)
    (score,) = re.findall(r'<p class="quiz-score" data-say>([^<]*)</p>', html)
    with translation.override(settings.LANGUAGE_CODE):  # the lesson's unprefixed URL: the default language
        sentence = gettext("You got %(right)s of %(total)s right.") % {"right": right, "total": len(quiz.questions)}
    assert score == sentence
    assert re.search(r'data-retry>\s*<input type="hidden" name="csrfmiddlewaretoken"', html)  # not hidden
    assert "data-check-all" not in html  # nothing left to check


@pytest.mark.django_db
def test_signed_in_learner_finishes_a_lesson_quiz_with_javascript(learner_client, learner, phone_course):
    """The last instant answer gets its feedback and the round's score; the round then stays on show
    (reload) until "Try again", which alone starts the next round (issue: HTTP 500 after the last answer)."""
    lesson, block = quiz_lesson(phone_course)
    quiz = _signed_in_round(learner, lesson, block)
    url = reverse("assessments:check", args=[lesson.pk, block.id])
    fetch = {"X-Requested-With": "fetch"}
    first, *middle, last = quiz.questions
    reply = learner_client.post(url, _answer(first, right=False), headers=fetch).json()
    assert reply["results"][str(first.translation_key)]["correct"] is False and reply["finished"] is False
    for question in middle:
        learner_client.post(url, _answer(question), headers=fetch)

    response = learner_client.post(url, _answer(last), headers=fetch)
    assert response.status_code == 200
    reply = response.json()
    result = reply["results"][str(last.translation_key)]
    assert result["correct"] is True and "quiz-result is-right" in result["html"]
    assert reply == {**reply, "finished": True, "right": len(quiz.questions) - 1, "total": len(quiz.questions)}
    (attempt,) = Attempt.objects.filter(learner=learner, kind=Attempt.Kind.CHECK)
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.answers.count() == len(quiz.questions)
    assert _answered_statements() == len(quiz.questions)

    # Sending the last answer again (a double tap) marks nothing and starts nothing.
    again = learner_client.post(url, _answer(last), headers=fetch)
    assert again.status_code == 200 and again.json() == {**reply, "results": {}}
    assert Attempt.objects.filter(learner=learner).count() == 1 and _answered_statements() == len(quiz.questions)

    # A reload shows the finished round, the same questions in the same order.
    html = learner_client.get(lesson.url).content.decode()
    _finished_page(html, quiz, len(quiz.questions) - 1)
    assert re.findall(r'id="question-([0-9a-f-]{36})"', html) == [str(q.translation_key) for q in quiz.questions]

    # "Try again" starts the next round; pressing it twice starts only one.
    retry = reverse("assessments:check_again", args=[lesson.pk, block.id])
    assert learner_client.post(retry)["Location"] == f"{lesson.url}#quiz-{block.id}"
    learner_client.post(retry)
    rounds = list(Attempt.objects.filter(learner=learner, kind=Attempt.Kind.CHECK).order_by("number"))
    assert [(r.number, r.status, r.answers.count()) for r in rounds] == [
        (1, Attempt.Status.SUBMITTED, len(quiz.questions)),
        (2, Attempt.Status.OPEN, 0),
    ]
    fresh = learner_client.get(lesson.url).content.decode()
    assert "quiz-result is-" not in fresh and "data-check-all" in fresh and "data-retry hidden" in fresh
    assert 'class="quiz-score"' not in fresh
    second = services.check_quiz(learner=learner, lesson=lesson, block_id=block.id)
    assert second.attempt == rounds[1] and second.answers == {}
    reply = learner_client.post(url, _answer(second.questions[0]), headers=fetch).json()
    assert list(reply["results"]) == [str(second.questions[0].translation_key)] and reply["finished"] is False
    assert rounds[1].answers.count() == 1 and _answered_statements() == len(quiz.questions) + 1


@pytest.mark.django_db
def test_signed_in_learner_finishes_a_lesson_quiz_without_javascript(learner_client, learner, phone_course):
    lesson, block = quiz_lesson(phone_course)
    quiz = _signed_in_round(learner, lesson, block)
    url = reverse("assessments:check", args=[lesson.pk, block.id])
    *before, last = quiz.questions
    for question in before:
        learner_client.post(url, _answer(question))
    response = learner_client.post(url, _answer(last))
    assert response.status_code == 302 and response["Location"] == f"{lesson.url}#question-{last.translation_key}"
    html = learner_client.get(lesson.url).content.decode()
    _finished_page(html, quiz, len(quiz.questions))
    if last.explanation:
        assert last.explanation in html
    assert _answered_statements() == len(quiz.questions)

    # A second submit of the last answer is refused in words and changes nothing.
    again = learner_client.post(url, _answer(last), follow=True).content.decode()
    with translation.override(settings.LANGUAGE_CODE):
        refusal = gettext("You already finished this quiz. Press “Try again” to answer it once more.")
    assert html_escape(refusal) in again
    assert Attempt.objects.filter(learner=learner).count() == 1 and _answered_statements() == len(quiz.questions)
    _finished_page(learner_client.get(lesson.url).content.decode(), quiz, len(quiz.questions))

    learner_client.post(reverse("assessments:check_again", args=[lesson.pk, block.id]))
    fresh = learner_client.get(lesson.url).content.decode()
    assert "quiz-result is-" not in fresh and "data-retry hidden" in fresh
    # "Check my answers" for the whole new round at once (no JavaScript) finishes it in one go.
    second = services.check_quiz(learner=learner, lesson=lesson, block_id=block.id)
    data = right_answers(second.questions)
    assert learner_client.post(url, data)["Location"] == f"{lesson.url}#quiz-{block.id}"
    _finished_page(learner_client.get(lesson.url).content.decode(), second, len(second.questions))
    assert _answered_statements() == 2 * len(quiz.questions)
    assert list(Attempt.objects.filter(learner=learner).values_list("number", "status").order_by("number")) == [
        (1, Attempt.Status.SUBMITTED),
        (2, Attempt.Status.SUBMITTED),
    ]


@pytest.mark.django_db
def test_visitor_round_also_stays_until_try_again(client, phone_course):
    lesson, block = quiz_lesson(phone_course)
    quiz = services.check_quiz(learner=None, lesson=lesson, block_id=block.id, session=client.session)
    url = reverse("assessments:check", args=[lesson.pk, block.id])
    client.post(url, right_answers(quiz.questions))
    _finished_page(client.get(lesson.url).content.decode(), quiz, len(quiz.questions))
    client.post(reverse("assessments:check_again", args=[lesson.pk, block.id]))
    assert "quiz-result is-" not in client.get(lesson.url).content.decode()


# Found by walking the product on a phone ------------------------------------------------------------


def _result_page(client, attempt, prefix=""):
    with translation.override(settings.LANGUAGE_CODE):  # reverse() follows the last request's language
        url = prefix + reverse("assessments:result", args=[attempt.pk])
    response = client.get(url)
    translation.activate(settings.LANGUAGE_CODE)
    assert response.status_code == 200
    return response.content.decode()


def _big_score(html):
    (line,) = re.findall(r'<p class="quiz-big-score" data-say>([^<]*)</p>', html)
    return line


@pytest.mark.django_db
def test_score_line_counts_points_with_partly_right_answers(learner_client, learner, phone_test):
    """ "92%: 5 of 6 questions right" contradicted itself; the line now says points, and how many were
    fully and partly right, in both languages."""
    attempt = services.start_attempt(learner=learner, assessment=phone_test)
    questions = answerable(attempt)
    data = right_answers(questions)
    multiple = next(q for q in questions if q.kind == "multiple")
    assert len(multiple.answer_key.correct) >= 2
    data[f"q-{multiple.translation_key}"] = sorted(multiple.answer_key.correct)[:1]  # one right option of several
    closed = services.submit_attempt(learner=learner, attempt=attempt, data=_form(data))
    partly = 1 / len(multiple.answer_key.correct)
    assert closed.score == pytest.approx((7 + partly) / 8, abs=1e-4)
    percent = closed.percent
    assert 0 < percent < 100
    assert _big_score(_result_page(learner_client, attempt)) == f"得分 {percent}%：8 题中 7 题全对，1 题部分正确。"
    english = _big_score(_result_page(learner_client, attempt, "/en"))
    assert english == f"Score {percent}%: of 8 questions, 7 fully right and 1 partly right."


@pytest.mark.django_db
def test_score_line_without_partial_credit(learner_client, learner, phone_test):
    attempt = services.start_attempt(learner=learner, assessment=phone_test)
    services.submit_attempt(learner=learner, attempt=attempt, data=_form(right_answers(answerable(attempt))))
    assert _big_score(_result_page(learner_client, attempt)) == "得分 100%：8 题中答对 8 题。"


@pytest.mark.django_db
def test_pass_page_links_to_the_certificate(learner_client, learner, phone_course, phone_test):
    """Passing the test as the last step completes the course: the result page links the certificate."""
    from assessments.models import Certificate
    from learning import services as learning

    for lesson in phone_course.lessons():
        learning.record_lesson_completed(learner=learner, lesson=lesson)
    attempt = services.start_attempt(learner=learner, assessment=phone_test)
    services.submit_attempt(learner=learner, attempt=attempt, data=_form(right_answers(answerable(attempt))))
    certificate = Certificate.objects.get(learner=learner, course_key=phone_course.translation_key)
    html = _result_page(learner_client, attempt)
    link = reverse("assessments:certificate", args=[certificate.code])
    assert f'href="{link}" data-certificate-link' in html and "查看您的结业证书" in html


@pytest.mark.django_db
def test_pass_page_with_lessons_left_says_what_the_certificate_needs(learner_client, learner, phone_course, phone_test):
    from assessments.models import Certificate
    from learning import services as learning

    lessons = list(phone_course.lessons())
    learning.record_lesson_completed(learner=learner, lesson=lessons[0])
    attempt = services.start_attempt(learner=learner, assessment=phone_test)
    services.submit_attempt(learner=learner, attempt=attempt, data=_form(right_answers(answerable(attempt))))
    assert not Certificate.objects.exists()
    html = _result_page(learner_client, attempt)
    assert "data-certificate-link" not in html
    assert f"您已学完 {len(lessons)} 课中的 1 课" in html and f'href="{lessons[1].url}"' in html


@pytest.mark.django_db
def test_practical_skill_is_outside_the_score_and_the_certificate_does_not_wait(
    learner_client, learner, phone_course, phone_test
):
    """The rule, stated on the test page and kept by the marking: a skill a trainer checks in person is
    not part of the score, and the certificate does not wait for it (it used to count as a miss)."""
    from assessments.models import Certificate
    from learning import services as learning

    rules = learner_client.get(phone_test.url).content.decode()
    assert "需要培训员当面检查的实操题不计入得分" in rules
    english_rules = learner_client.get(phone_test.get_translation(_english()).url).content.decode()
    assert "(practical skills) are not part of the score" in english_rules
    for lesson in phone_course.lessons():
        learning.record_lesson_completed(learner=learner, lesson=lesson)
    attempt = services.start_attempt(learner=learner, assessment=phone_test)
    practical = next(q for q in services.attempt_questions(attempt) if q.kind == "practical")
    closed = services.submit_attempt(learner=learner, attempt=attempt, data=_form(right_answers(answerable(attempt))))
    assert closed.score == 1.0 and closed.passed  # not 8/9
    assert Certificate.objects.filter(learner=learner, course_key=phone_course.translation_key).exists()
    html = _result_page(learner_client, attempt)
    assert "有 1 道实操题不计入得分" in html
    block = html[html.index(f'id="question-{practical.translation_key}"') :]
    assert "请做给培训员看" in block[:1500] and "实操题不计入得分。" in block[:1500]
    attempt_page = learner_client.get(reverse("assessments:attempt", args=[attempt.pk]), follow=True)
    assert attempt_page.status_code == 200


def _english():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


@pytest.mark.django_db
def test_a_test_of_practical_skills_only_cannot_start(learner, phone_test):
    practical = next(q.question for q in phone_test.assessment_questions.all() if q.question.kind == "practical")
    phone_test.assessment_questions.exclude(question=practical).delete()
    with pytest.raises(services.QuizRefused):
        services.start_attempt(learner=learner, assessment=phone_test)


@pytest.mark.django_db
def test_ordering_hint_names_the_select_and_carries_the_button_wording(learner_client, learner, phone_test):
    """Without JavaScript the steps have place selects and the hint says so; quiz.js swaps in the
    hint for its ↑/↓ buttons from the template's translated data attribute."""
    learner_client.post(reverse("assessments:start", args=[phone_test.pk]))
    attempt = Attempt.objects.get(learner=learner)
    html = learner_client.get(reverse("assessments:attempt", args=[attempt.pk])).content.decode()
    (hint,) = re.findall(r'<p class="quiz-hint" data-ordering-hint data-with-buttons="([^"]+)">([^<]+)</p>', html)
    assert hint == (
        "用 ↑ 和 ↓ 按钮排好步骤的顺序：最先做的一步放在最上面。",
        "请排好步骤的顺序：给每一步选一个序号，最先做的选 1。",
    )


@pytest.mark.django_db
def test_hotspot_picture_has_twice_the_displayed_pixels(learner_client, learner, phone_test):
    """The tap-the-spot screenshot was a 300 px rendition shown at 300 CSS px: blurry on 2x screens."""
    from PIL import Image

    learner_client.post(reverse("assessments:start", args=[phone_test.pk]))
    attempt = Attempt.objects.get(learner=learner)
    hotspot = next(q for q in services.attempt_questions(attempt) if q.kind == "hotspot")
    html = learner_client.get(reverse("assessments:attempt", args=[attempt.pk])).content.decode()
    (src, width, height) = re.findall(
        rf'<input type="image" name="q-{hotspot.translation_key}" src="([^"]+)" width="(\d+)" height="(\d+)"', html
    )[0]
    assert (int(width), int(height)) == (300, 375)  # displayed size: the tap is still measured in it
    rendition = hotspot.image.get_rendition("width-600")
    assert src == rendition.url
    with Image.open(rendition.file.path) as picture:  # the file itself has the pixels of a 2x screen
        assert picture.size == (2 * int(width), 2 * int(height))
