"""Who may decide what (issue #18, finding 1): statements are evidence; the LMS alone certifies.

Each attack here was reproduced on a running server before the fix: a signed-in learner with no
lesson done POSTed a course "completed" statement to the LRS and got a certificate dated 2020;
"passed" on the final test set a score; an LRS client did the same for any learner.
"""

import json
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone

from assessments.models import AssessmentPage, Certificate
from learning import services
from learning.models import Enrolment, LessonCompletion, PracticeTaskDone
from tests.assessments.conftest import pass_final_test
from tests.learning.test_projection import snapshot
from tests.xapi.lrs_helpers import make_client
from xapi.models import Statement
from xapi.records import learner_agent
from xapi.vocabulary import VERBS, activity_iri

LRS = "/xapi/statements"
VERSION = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}


def learner_session(user):
    """A browser session as recorder.js uses it: session cookie plus the CSRF header, CSRF checks on."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    return client, {"HTTP_X_CSRFTOKEN": token, **VERSION}


def claim(verb, object_id, *, actor=None, **extra):
    data = {
        "verb": {"id": VERBS[verb][0], "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": object_id},
        **extra,
    }
    if actor is not None:
        data["actor"] = learner_agent(actor).as_version("1.0.3")
    return data


def post(client, headers, statement):
    return client.post(LRS, json.dumps(statement), content_type="application/json", **headers)


@pytest.fixture
def final_test(phone_course):
    return AssessmentPage.objects.child_of(phone_course).first()


@pytest.mark.django_db
def test_a_learner_cannot_complete_a_course_and_get_a_certificate_by_posting_a_statement(learner, phone_course):
    client, headers = learner_session(learner)
    forged = claim("completed", activity_iri("course", phone_course.translation_key), timestamp="2020-01-01T00:00:00Z")

    response = post(client, headers, forged)

    # The statement is evidence and is stored, but it decides nothing the LMS certifies.
    assert response.status_code == 200
    assert Statement.objects.get(verb_id=VERBS["completed"][0]).source == Statement.Source.LEARNER
    enrolment = Enrolment.objects.get(learner=learner, course_key=phone_course.translation_key)
    assert enrolment.completed_at is None
    assert enrolment.progress_percent == 0
    assert not Certificate.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_a_learner_cannot_pass_the_final_test_or_set_a_score_by_posting_a_statement(learner, phone_course, final_test):
    client, headers = learner_session(learner)
    for lesson in phone_course.lessons():
        services.record_lesson_completed(learner=learner, lesson=lesson)
    forged = claim(
        "passed",
        activity_iri("assessment", final_test.translation_key),
        result={"success": True, "score": {"scaled": 1.0}},
        context={"contextActivities": {"parent": [{"id": activity_iri("course", phone_course.translation_key)}]}},
    )

    assert post(client, headers, forged).status_code == 200

    enrolment = Enrolment.objects.get(learner=learner, course_key=phone_course.translation_key)
    assert enrolment.score is None
    assert enrolment.passed_at is None
    assert enrolment.completed_at is None
    assert not Certificate.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_an_lrs_client_cannot_complete_courses_pass_tests_or_claim_lessons_for_a_learner(
    learner, phone_course, final_test
):
    tool = make_client(scopes=["statements/write"])
    lesson = phone_course.lessons().first()
    forged = [
        claim("completed", activity_iri("course", phone_course.translation_key), actor=learner),
        claim(
            "passed",
            activity_iri("assessment", final_test.translation_key),
            actor=learner,
            result={"score": {"scaled": 1.0}},
        ),
        # A tool claims the lesson itself; only content under the lesson's IRI counts for it.
        claim("completed", activity_iri("lesson", lesson.translation_key), actor=learner),
    ]

    response = tool.post(LRS, json.dumps(forged), content_type="application/json")

    assert response.status_code == 200
    assert set(Statement.objects.values_list("source", flat=True)) == {Statement.Source.CLIENT}
    enrolment = Enrolment.objects.get(learner=learner)
    assert (enrolment.completed_at, enrolment.passed_at, enrolment.score) == (None, None, None)
    assert not LessonCompletion.objects.filter(learner=learner).exists()
    assert not Certificate.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_a_tool_finishes_a_lesson_through_its_content_and_the_lms_then_completes_the_course(
    learner, phone_course, final_test
):
    """The legitimate path still works end to end: third-party content under each lesson's IRI."""
    tool = make_client(scopes=["statements/write"])
    lessons = list(phone_course.lessons())
    content = [
        claim("passed", activity_iri("lesson", lesson.translation_key) + "/h5p/check", actor=learner)
        for lesson in lessons
    ]
    assert tool.post(LRS, json.dumps(content), content_type="application/json").status_code == 200
    assert LessonCompletion.objects.filter(learner=learner).count() == len(lessons)
    assert Enrolment.objects.get(learner=learner).completed_at is None  # the final test is still to pass

    pass_final_test(learner, phone_course)

    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.completed_at is not None
    completed = Statement.objects.get(
        verb_id=VERBS["completed"][0], activity_id__endswith="/course/" + str(phone_course.translation_key)
    )
    assert completed.source == Statement.Source.LMS
    assert Certificate.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_a_learner_may_still_mark_lessons_and_tasks_done_from_their_own_session(learner, phone_course):
    """recorder.js queues "Mark as done" while offline and sends it as the learner's own statement."""
    client, headers = learner_session(learner)
    lesson = phone_course.lessons().first()
    lesson_iri = activity_iri("lesson", lesson.translation_key)

    assert post(client, headers, claim("completed", lesson_iri)).status_code == 200
    assert post(client, headers, claim("completed", lesson_iri + "/tasks/t1")).status_code == 200

    assert LessonCompletion.objects.filter(learner=learner, lesson_key=lesson.translation_key).exists()
    assert PracticeTaskDone.objects.filter(learner=learner, task_id="t1").exists()


@pytest.mark.django_db
def test_dates_a_device_chooses_are_kept_between_sign_up_and_arrival(learner, phone_course):
    client, headers = learner_session(learner)
    lesson = phone_course.lessons().first()
    before = timezone.now()
    post(
        client,
        headers,
        claim("completed", activity_iri("lesson", lesson.translation_key), timestamp="2020-01-01T00:00:00Z"),
    )
    later_lesson = phone_course.lessons()[1]
    post(
        client,
        headers,
        claim("completed", activity_iri("lesson", later_lesson.translation_key), timestamp="2099-01-01T00:00:00Z"),
    )

    first = LessonCompletion.objects.get(learner=learner, lesson_key=lesson.translation_key)
    assert first.completed_at == learner.date_joined
    second = LessonCompletion.objects.get(learner=learner, lesson_key=later_lesson.translation_key)
    assert before <= second.completed_at <= timezone.now()
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.joined_at >= learner.date_joined
    assert enrolment.last_activity_at <= timezone.now()


@pytest.mark.django_db
def test_a_reported_duration_counts_for_at_most_four_hours(learner, phone_course):
    client, headers = learner_session(learner)
    lesson = phone_course.lessons().first()
    post(
        client,
        headers,
        claim("experienced", activity_iri("lesson", lesson.translation_key), result={"duration": "P30D"}),
    )
    assert Enrolment.objects.get(learner=learner).time_spent == timedelta(hours=4)


@pytest.mark.django_db
def test_certificate_is_dated_by_the_server_clock(learner, phone_course):
    start = timezone.now()
    for lesson in phone_course.lessons():
        services.record_lesson_completed(learner=learner, lesson=lesson)
    pass_final_test(learner, phone_course)
    certificate = Certificate.objects.get(learner=learner)
    assert start <= certificate.issued_at <= timezone.now()


@pytest.mark.django_db
def test_rebuild_gives_the_same_result_after_forged_and_real_statements(learner, phone_course, final_test):
    client, headers = learner_session(learner)
    tool = make_client(scopes=["statements/write"])
    post(client, headers, claim("completed", activity_iri("course", phone_course.translation_key)))
    tool.post(
        LRS,
        json.dumps(claim("passed", activity_iri("assessment", final_test.translation_key), actor=learner)),
        content_type="application/json",
    )
    for lesson in phone_course.lessons():
        post(client, headers, claim("completed", activity_iri("lesson", lesson.translation_key), id=str(uuid.uuid4())))
    pass_final_test(learner, phone_course)
    before = snapshot()
    certificate = Certificate.objects.get(learner=learner)

    call_command("rebuild_progress", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert snapshot() == before
    assert Certificate.objects.get(learner=learner).issued_at == certificate.issued_at
    assert Enrolment.objects.get(learner=learner).completed_at is not None
