"""Progress comes from xAPI statements, and rebuild_progress reproduces exactly the same tables."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from assessments import services as quiz
from assessments.models import AssessmentPage, Attempt
from learning import services
from learning.models import Enrolment, LessonCompletion, PracticeTaskDone
from xapi.models import Statement
from xapi.vocabulary import LANGUAGE_TAGS, activity_iri

from ..assessments.conftest import form, right_answers


def snapshot():
    return (
        sorted(
            Enrolment.objects.values_list(
                "learner_id",
                "course_id",
                "course_key",
                "registration",
                "joined_at",
                "last_activity_at",
                "completed_at",
                "progress_percent",
                "time_spent",
                "score",
                "passed_at",
            )
        ),
        sorted(LessonCompletion.objects.values_list("learner_id", "lesson_id", "lesson_key", "completed_at")),
        sorted(PracticeTaskDone.objects.values_list("learner_id", "lesson_id", "lesson_key", "task_id", "done_at")),
    )


@pytest.mark.django_db
def test_each_event_is_a_statement_with_an_opaque_actor(learner, phone_course):
    lesson = phone_course.lessons().first()
    services.record_lesson_completed(learner=learner, lesson=lesson)
    statements = list(Statement.objects.order_by("id"))
    assert [s.verb_id.rsplit("/", 1)[1] for s in statements] == ["registered", "completed"]
    enrolment = Enrolment.objects.get(learner=learner)
    completed = statements[1].data
    assert completed["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": "http://127.0.0.1:8000", "name": str(learner.xapi_id)},
    }
    serialized = str(completed)
    assert learner.phone not in serialized and learner.username not in serialized
    assert completed["object"]["id"] == activity_iri("lesson", lesson.translation_key)
    assert set(completed["object"]["definition"]["name"]) == set(LANGUAGE_TAGS.values())
    assert completed["verb"]["display"] == {"zh-CN": "完成了", "en-US": "completed"}
    assert completed["context"]["registration"] == str(enrolment.registration)
    assert completed["context"]["contextActivities"]["parent"][0]["id"] == activity_iri(
        "course", phone_course.translation_key
    )
    assert completed["stored"] and completed["authority"] and completed["version"].startswith("1.0.")


@pytest.mark.django_db
def test_rebuild_progress_reproduces_the_tables_exactly(learner, phone_course, django_user_model):
    other = django_user_model.objects.get(username="learner2")
    lessons = list(phone_course.lessons())
    for lesson in lessons:
        services.record_lesson_completed(learner=learner, lesson=lesson)
    services.record_lesson_completed(learner=other, lesson=lessons[0])
    task = next(b.id for le in lessons for b in le.body if b.block_type == "try_it")
    task_lesson = next(le for le in lessons if any(b.id == task for b in le.body))
    services.record_practice_done(learner=other, lesson=task_lesson, task_id=task)
    # The course has a final test: completion, score and first pass come from its statements too.
    assert Enrolment.objects.get(learner=learner).completed_at is None
    final = AssessmentPage.objects.child_of(phone_course).get()
    timed_out = quiz.start_attempt(learner=other, assessment=final)
    quiz.save_answers(learner=other, attempt=timed_out, data=form(right_answers(quiz.attempt_questions(timed_out)[:1])))
    Attempt.objects.filter(pk=timed_out.pk).update(deadline=timed_out.started_at - timedelta(minutes=5))
    assert quiz.close_if_expired(attempt=timed_out)
    for person in (learner, other):
        attempt = quiz.start_attempt(learner=person, assessment=final)
        quiz.submit_attempt(learner=person, attempt=attempt, data=form(right_answers(quiz.attempt_questions(attempt))))
    before = snapshot()
    assert Enrolment.objects.get(learner=learner).completed_at is not None
    assert Enrolment.objects.get(learner=other).passed_at is not None and Enrolment.objects.get(learner=other).score
    assert Statement.objects.filter(verb_id__endswith="/completed", activity_id__contains="/course/").count() == 1
    call_command("rebuild_progress", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before


@pytest.mark.django_db
def test_statements_are_stored_once(learner, phone_course):
    lesson = phone_course.lessons().first()
    services.record_lesson_completed(learner=learner, lesson=lesson)
    count = Statement.objects.count()
    services.record_lesson_completed(learner=learner, lesson=lesson)
    services.join_course(learner=learner, course=phone_course)
    assert Statement.objects.count() == count
