"""Every answer is an xAPI "answered" statement with a full interaction definition; a finished final
test is "passed" or "failed" with a scaled score. All of them pass the LRS's own validator."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import records, services
from xapi.models import Statement
from xapi.validation import validate_statement
from xapi.vocabulary import activity_iri

from .conftest import form, right_answers


def stored(verb):
    return [s.data for s in Statement.objects.filter(verb_id__endswith=f"/{verb}").order_by("id")]


@pytest.mark.django_db
def test_final_test_statements(learner, trainer, phone_course, phone_test):
    attempt = services.start_attempt(learner=learner, assessment=phone_test)
    questions = services.attempt_questions(attempt)
    practical = next(q for q in questions if q.kind == "practical")
    services.sign_off_practical_skill(trainer=trainer, learner=learner, question=practical, course=phone_course)
    services.submit_attempt(learner=learner, attempt=attempt, data=form(right_answers(questions)))
    answered = stored("answered")
    for statement in answered + stored("passed"):
        validate_statement(statement)
    types = {s["object"]["definition"]["interactionType"] for s in answered}
    assert types == {"choice", "true-false", "sequencing", "matching", "numeric", "other", "performance"}
    for statement in answered:
        definition = statement["object"]["definition"]
        assert definition["correctResponsesPattern"] and set(definition["name"]) == {"zh-CN", "en-US"}
        assert statement["object"]["id"].startswith(activity_iri("question", "")[:-1])
        result = statement["result"]
        assert result["success"] is True and "response" in result and result["duration"].startswith("PT")
        assert 0 <= result["score"]["scaled"] <= 1
    in_test = [
        s
        for s in answered
        if s["context"].get("contextActivities", {}).get("parent", [{}])[0].get("id")
        == activity_iri("assessment", phone_test.translation_key)
    ]
    assert len(in_test) == len(questions)
    assert all(s["context"]["registration"] == str(attempt.registration) for s in in_test)
    choice = next(s for s in in_test if s["object"]["definition"]["interactionType"] == "choice")
    assert {c["id"] for c in choice["object"]["definition"]["choices"]} and all(
        set(c["description"]) == {"zh-CN", "en-US"} for c in choice["object"]["definition"]["choices"]
    )
    matching = next(s for s in in_test if s["object"]["definition"]["interactionType"] == "matching")
    assert matching["object"]["definition"]["source"] and matching["object"]["definition"]["target"]
    assert "[.]" in matching["result"]["response"]
    (passed,) = stored("passed")
    assert passed["object"]["id"] == activity_iri("assessment", phone_test.translation_key)
    assert passed["result"]["score"]["scaled"] == 1.0 and passed["result"]["success"] is True
    assert passed["context"]["contextActivities"]["parent"][0]["id"] == activity_iri(
        "course", phone_course.translation_key
    )


@pytest.mark.django_db
def test_failed_statement(learner, phone_test):
    attempt = services.start_attempt(learner=learner, assessment=phone_test)
    single = next(q for q in services.attempt_questions(attempt) if q.kind == "single")
    services.save_answers(learner=learner, attempt=attempt, data=form(right_answers([single])))
    attempt.refresh_from_db()
    attempt.deadline = timezone.now() - timedelta(minutes=1)  # time ran out (after the grace period)
    attempt.save()
    assert services.close_if_expired(attempt=attempt)
    (failed,) = stored("failed")
    validate_statement(failed)
    assert failed["result"]["success"] is False and failed["result"]["score"]["scaled"] == pytest.approx(1 / 8, 1e-3)
    (answered,) = stored("answered")
    validate_statement(answered)


@pytest.mark.django_db
def test_fill_in_from_a_lesson_quiz(learner_client, phone_course):
    lesson = phone_course.lessons().get(slug="bigger-text")
    block = next(b for b in lesson.body if b.block_type == "quiz")
    question = block.value["questions"][0]
    url = reverse("assessments:check", args=[lesson.pk, block.id])
    learner_client.post(url, {f"q-{question.translation_key}": "字 体 大 小。"})
    (statement,) = stored("answered")
    validate_statement(statement)
    definition = statement["object"]["definition"]
    assert definition["interactionType"] == "fill-in"
    assert "{case_matters=false}显示" in definition["correctResponsesPattern"]
    assert statement["result"]["response"] == "字 体 大 小。" and statement["result"]["success"] is True
    parents = statement["context"]["contextActivities"]
    assert parents["parent"][0]["id"] == activity_iri("lesson", lesson.translation_key, block.id)
    assert {a["id"] for a in parents["grouping"]} == {
        activity_iri("lesson", lesson.translation_key),
        activity_iri("course", phone_course.translation_key),
    }


@pytest.mark.django_db
def test_responses_round_trip_through_xapi_strings(phone_test):
    for row in phone_test.assessment_questions.all():
        question = row.question
        data = right_answers([question])
        if not data:
            continue
        from django.http import QueryDict

        from assessments.answers import parse_answer

        query = QueryDict(mutable=True)
        for name, value in data.items():
            query.setlist(name, [str(v) for v in value] if isinstance(value, list) else [str(value)])
        response = parse_answer(question, query)
        text = records.xapi_response(question, response)
        back = records.response_from_xapi(question, text)
        assert records.xapi_response(question, back) == text
