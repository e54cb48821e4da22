"""What a lesson page carries to check its practice quiz on a phone without a network.

Only practice questions: a question a live final test can ask must never have its answer in a page.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from assessments.device import device_checks, final_test_question_keys
from assessments.models import Answer
from xapi.models import Statement


def _lesson(course, slug):
    return next(lesson for lesson in course.lessons() if lesson.slug == slug)


def _quiz_block(lesson):
    return next(block for block in lesson.body if block.block_type == "quiz")


def _embedded_checks(html, block):
    node = BeautifulSoup(html, "html.parser").find("script", id=f"quiz-checks-{block.id}")
    assert node is not None and node["type"] == "application/json"
    return json.loads(node.string)


@pytest.mark.django_db
def test_practice_questions_carry_their_answer_key_and_feedback(client, phone_course):
    lesson = _lesson(phone_course, "voice-messages")
    block = _quiz_block(lesson)
    questions = list(block.value["questions"])
    checks = _embedded_checks(client.get(lesson.url).content.decode(), block)
    assert set(checks) == {str(q.translation_key) for q in questions}
    single = next(q for q in questions if q.kind == "single")
    check = checks[str(single.translation_key)]
    assert check["correct"] == sorted(single.answer_key.correct)
    assert check["explanation"] == single.explanation and check["right"]
    assert set(check["labels"]) == set(single.answer_key.options)


@pytest.mark.django_db
def test_final_test_questions_are_never_checked_on_the_phone(client, phone_course, phone_test):
    """The demo's first lesson quiz asks two questions of the final test: the page carries no answer
    to them, though they are still shown (and kept offline, to be checked by the server)."""
    lesson = _lesson(phone_course, "power-and-charging")
    block = _quiz_block(lesson)
    in_final = set(phone_test.fixed_question_keys())
    asked = {str(q.translation_key) for q in block.value["questions"]}
    assert asked <= in_final  # the situation this protects
    html = client.get(lesson.url).content.decode()
    assert _embedded_checks(html, block) == {}
    for question in block.value["questions"]:
        assert f'id="question-{question.translation_key}"' in html
        right_ids = question.answer_key.correct
        for option in question.options:
            if option.id in right_ids and option.value.get("feedback"):
                assert option.value["feedback"] not in html
    # The final test's own page and attempt never carry device checks either.
    assert "quiz-checks-" not in client.get(phone_test.url).content.decode()


@pytest.mark.django_db
def test_questions_of_a_tag_pool_final_test_are_left_out(make_question, phone_test):
    pooled = make_question("true_false", answer_true=True, tags=["pool-for-test"])
    practice = make_question("true_false", answer_true=False)
    assert str(pooled.translation_key) not in final_test_question_keys()
    phone_test.pool_tag = "pool-for-test"
    phone_test.save_revision().publish()
    assert str(pooled.translation_key) in final_test_question_keys()
    checks = device_checks([pooled, practice])
    assert list(checks) == [str(practice.translation_key)]
    assert checks[str(practice.translation_key)]["correct"] == ["false"]


@pytest.mark.django_db
def test_answers_kept_offline_are_marked_again_by_the_server(learner_client, learner, phone_course):
    """The phone sends what the learner chose (as the form had it) and nothing of its own verdict: the
    score recorded is the server's, even if the sent form also claims a score."""
    lesson = _lesson(phone_course, "voice-messages")
    block = _quiz_block(lesson)
    question = next(q for q in block.value["questions"] if q.kind == "single")
    wrong = next(o for o in question.answer_key.options if o not in question.answer_key.correct)
    kept = {"shown": "1700000000", f"q-{question.translation_key}": wrong, "score": "1", "correct": "true"}
    url = reverse("assessments:check", args=[lesson.pk, block.id])
    reply = learner_client.post(url, kept, headers={"X-Requested-With": "fetch", "Accept": "application/json"})
    assert reply.status_code == 200
    assert reply.json()["results"][str(question.translation_key)]["correct"] is False
    answer = Answer.objects.get(attempt__learner=learner, question_key=question.translation_key)
    assert answer.score == 0 and answer.correct is False
    statement = Statement.objects.get(learner=learner, verb_id__endswith="/answered")
    assert statement.data["result"]["success"] is False
    # Sent again (the phone never got the answer): counted once.
    learner_client.post(url, kept, headers={"X-Requested-With": "fetch"})
    assert Answer.objects.filter(attempt__learner=learner).count() == 1
    assert re.search(r"quiz-result is-wrong", learner_client.get(lesson.url).content.decode())
