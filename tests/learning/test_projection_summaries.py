"""Summaries projected from statements: progress percent, time spent, and content under a lesson."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from learning import services
from learning.models import Enrolment, LessonCompletion
from tests.learning.test_projection import snapshot
from xapi.records import learner_agent
from xapi.services import store_statements
from xapi.vocabulary import activity_iri


def third_party_statement(learner, object_id, verb, **extra):
    """A statement as an external tool launched from a lesson would send it (no parent course)."""
    return {
        "actor": {"objectType": "Agent", "account": learner_agent(learner).account.as_version("1.0.3")},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}", "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": object_id},
        **extra,
    }


@pytest.mark.django_db
def test_progress_percent_follows_finished_lessons(learner, phone_course):
    lessons = list(phone_course.lessons())
    services.record_lesson_completed(learner=learner, lesson=lessons[0])
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.progress_percent == round(100 / len(lessons))
    for lesson in lessons[1:]:
        services.record_lesson_completed(learner=learner, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # the course's final test is still to pass (tests/assessments)
    assert enrolment.progress_percent == 100


@pytest.mark.django_db
def test_third_party_content_under_a_lesson_counts_for_that_lesson(learner, phone_course):
    lesson = phone_course.lessons()[1]
    content = activity_iri("lesson", lesson.translation_key) + "/h5p/quiz-1"
    store_statements(
        statements=[
            third_party_statement(learner, content, "attempted", result={"duration": "PT2M30S"}),
            third_party_statement(learner, content, "passed", result={"duration": "PT1M", "success": True}),
        ]
    )
    enrolment = Enrolment.objects.get(learner=learner, course_key=phone_course.translation_key)
    assert LessonCompletion.objects.filter(learner=learner, lesson_key=lesson.translation_key).exists()
    assert enrolment.time_spent == timedelta(minutes=3, seconds=30)
    assert enrolment.progress_percent == round(100 / phone_course.lessons().count())


@pytest.mark.django_db
def test_a_clip_that_ends_does_not_finish_the_lesson(learner, phone_course):
    lesson = phone_course.lessons()[0]
    clip = activity_iri("lesson", lesson.translation_key) + "/media/0"
    store_statements(statements=[third_party_statement(learner, clip, "completed")])
    assert Enrolment.objects.filter(learner=learner).exists()
    assert not LessonCompletion.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_statements_of_other_sites_change_no_progress(learner, phone_course):
    lesson = phone_course.lessons()[0]
    foreign = third_party_statement(learner, "https://elsewhere.example.org/xapi/activities/lesson/x/h5p", "passed")
    store_statements(statements=[foreign])
    assert not Enrolment.objects.filter(learner=learner).exists()
    assert lesson.completions.count() == 0


@pytest.mark.django_db
def test_rebuild_reproduces_time_spent_and_third_party_progress(learner, phone_course):
    lesson = phone_course.lessons()[2]
    content = activity_iri("lesson", lesson.translation_key) + "/game"
    services.record_lesson_completed(learner=learner, lesson=phone_course.lessons()[0])
    store_statements(
        statements=[
            third_party_statement(learner, content, "completed", result={"duration": "PT4M"}),
            third_party_statement(learner, content, "experienced", result={"duration": "PT0.5S"}),
        ]
    )
    before = snapshot()
    assert Enrolment.objects.get(learner=learner).time_spent == timedelta(minutes=4, seconds=0.5)
    call_command("rebuild_progress", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before
