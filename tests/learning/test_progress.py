"""Joining, marking lessons done, course completion and the anonymous-to-account hand-over."""

import pytest
from django.contrib.auth import get_user_model

from learning import services
from learning.models import Enrolment, LessonCompletion, PracticeTaskDone


@pytest.mark.django_db
def test_join_is_idempotent_and_language_independent(learner, phone_course):
    english = phone_course.get_translation(phone_course.locale.__class__.objects.get(language_code="en"))
    first = services.join_course(learner=learner, course=phone_course)
    second = services.join_course(learner=learner, course=english)
    assert first.pk == second.pk
    assert Enrolment.objects.filter(learner=learner).count() == 1


@pytest.mark.django_db
def test_join_view_requires_sign_in(client, phone_course):
    response = client.post(f"/learning/courses/{phone_course.pk}/join/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_join_view_enrols_and_goes_to_first_lesson(learner_client, learner, phone_course):
    response = learner_client.post(f"/learning/courses/{phone_course.pk}/join/")
    assert response.status_code == 302
    assert response["Location"] == phone_course.lessons().first().url
    assert Enrolment.objects.filter(learner=learner, course_key=phone_course.translation_key).exists()


@pytest.mark.django_db
def test_get_on_actions_is_refused(learner_client, phone_course):
    assert learner_client.get(f"/learning/courses/{phone_course.pk}/join/").status_code == 405
    lesson = phone_course.lessons().first()
    assert learner_client.get(f"/learning/lessons/{lesson.pk}/done/").status_code == 405


@pytest.mark.django_db
def test_unknown_lesson_is_404(learner_client):
    assert learner_client.post("/learning/lessons/999999/done/").status_code == 404


@pytest.mark.django_db
def test_mark_done_records_progress_and_moves_on(learner_client, learner, phone_course):
    lessons = list(phone_course.lessons())
    response = learner_client.post(f"/learning/lessons/{lessons[0].pk}/done/")
    assert response["Location"] == lessons[1].url
    learner_client.post(f"/learning/lessons/{lessons[0].pk}/done/")  # twice counts once
    assert LessonCompletion.objects.filter(learner=learner).count() == 1
    progress = services.course_progress(learner=learner, course=phone_course)
    assert progress.joined and progress.done == 1 and progress.total == len(lessons)
    assert progress.percent == round(100 / len(lessons))
    assert progress.next_lesson == lessons[1]
    page = learner_client.get(phone_course.url).content.decode()
    assert f"1 / {len(lessons)}" in page or f"已完成 1 课，共 {len(lessons)} 课" in page


@pytest.mark.django_db
def test_finishing_every_lesson_and_the_final_test_completes_the_course(learner_client, learner, phone_course):
    from assessments import services as quiz
    from assessments.models import AssessmentPage

    from ..assessments.conftest import form, right_answers

    lessons = list(phone_course.lessons())
    for lesson in lessons:
        response = learner_client.post(f"/learning/lessons/{lesson.pk}/done/")
    assert response["Location"] == phone_course.url
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.completed_at is None  # the course's final test is still to pass
    assert services.course_progress(learner=learner, course=phone_course).done == len(lessons)
    attempt = quiz.start_attempt(learner=learner, assessment=AssessmentPage.objects.child_of(phone_course).get())
    quiz.submit_attempt(learner=learner, attempt=attempt, data=form(right_answers(quiz.attempt_questions(attempt))))
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None and enrolment.passed_at is not None
    assert services.course_progress(learner=learner, course=phone_course).completed


@pytest.mark.django_db
def test_lessons_done_in_either_language_count_once(learner, phone_course):
    en = phone_course.locale.__class__.objects.get(language_code="en")
    lesson = phone_course.lessons().first()
    services.record_lesson_completed(learner=learner, lesson=lesson)
    services.record_lesson_completed(learner=learner, lesson=lesson.get_translation(en))
    assert LessonCompletion.objects.filter(learner=learner).count() == 1
    assert services.course_progress(learner=learner, course=phone_course.get_translation(en)).done == 1


@pytest.mark.django_db
def test_home_page_offers_continue_where_you_left_off(learner_client, learner, phone_course):
    lessons = list(phone_course.lessons())
    services.record_lesson_completed(learner=learner, lesson=lessons[0])
    html = learner_client.get("/").content.decode()
    assert "continue-heading" in html and lessons[1].url in html
    en_html = learner_client.get("/en/").content.decode()
    assert "Continue where you left off" in en_html
    assert lessons[1].get_translation(phone_course.locale.__class__.objects.get(language_code="en")).url in en_html


@pytest.mark.django_db
def test_practice_task_done(learner_client, learner, phone_course):
    lesson = next(le for le in phone_course.lessons() if any(b.block_type == "try_it" for b in le.body))
    task = next(b.id for b in lesson.body if b.block_type == "try_it")
    response = learner_client.post(f"/learning/lessons/{lesson.pk}/practice/", {"task": task})
    assert response.status_code == 302
    assert PracticeTaskDone.objects.filter(learner=learner, task_id=task).count() == 1
    assert "✓" in learner_client.get(lesson.url).content.decode()


@pytest.mark.django_db
def test_practice_task_from_another_lesson_is_refused(learner_client, learner, phone_course):
    lesson = phone_course.lessons().first()
    response = learner_client.post(f"/learning/lessons/{lesson.pk}/practice/", {"task": "not-a-task"})
    assert response.status_code == 400
    assert not PracticeTaskDone.objects.exists()


@pytest.mark.django_db
def test_anonymous_progress_is_kept_in_session_then_attached_at_sign_up(client, phone_course):
    lessons = list(phone_course.lessons())[:2]
    for lesson in lessons:
        client.post(f"/learning/lessons/{lesson.pk}/done/")
    page = client.get(phone_course.url).content.decode()
    assert 'value="' in page and "status-done" in page
    password = "green-tea-garden-9"
    client.post(
        "/accounts/signup/",
        {
            "display_name": "新同学",
            "phone": "",
            "email": "new@example.com",
            "password1": password,
            "password2": password,
        },
    )
    user = get_user_model().objects.get(email="new@example.com")
    assert set(LessonCompletion.objects.filter(learner=user).values_list("lesson_key", flat=True)) == {
        lesson.translation_key for lesson in lessons
    }
    assert Enrolment.objects.filter(learner=user, course_key=phone_course.translation_key).exists()


@pytest.mark.django_db
def test_anonymous_progress_is_attached_at_sign_in(client, learner, phone_course):
    lesson = phone_course.lessons().first()
    client.post(f"/learning/lessons/{lesson.pk}/done/")
    client.post("/accounts/login/", {"login": "learner1", "password": "learner-demo-2026"})
    assert LessonCompletion.objects.filter(learner=learner, lesson_key=lesson.translation_key).exists()
    assert "learning.anonymous_lessons" not in client.session


def _finish_every_lesson(learner, course):
    for lesson in course.lessons():
        services.record_lesson_completed(learner=learner, lesson=lesson)


def _english(page):
    return page.get_translation(page.locale.__class__.objects.get(language_code="en"))


@pytest.mark.django_db
def test_every_lesson_done_is_not_finished_while_the_final_test_waits(learner_client, learner, phone_course):
    from assessments import services as quiz
    from assessments.models import AssessmentPage

    from ..assessments.conftest import form, right_answers

    final_test = AssessmentPage.objects.child_of(phone_course).get()
    _finish_every_lesson(learner, phone_course)
    progress = services.course_progress(learner=learner, course=phone_course)
    assert progress.lessons_done and not progress.completed and progress.final_test_due
    assert progress.final_test == final_test and progress.next_lesson is None
    assert Enrolment.objects.get(learner=learner).completed_at is None

    english = _english(phone_course)
    html = learner_client.get(english.url).content.decode()
    assert "All lessons done — now take the final test" in html and "Course finished!" not in html
    assert f'href="{_english(final_test).url}"' in html
    home = learner_client.get("/en/").content.decode()
    assert "All lessons done — now take the final test" in home and _english(final_test).url in home

    attempt = quiz.start_attempt(learner=learner, assessment=final_test)
    quiz.submit_attempt(learner=learner, attempt=attempt, data=form(right_answers(quiz.attempt_questions(attempt))))
    progress = services.course_progress(learner=learner, course=phone_course)
    assert progress.completed and not progress.final_test_due
    assert progress.completed == (Enrolment.objects.get(learner=learner).completed_at is not None)
    html = learner_client.get(english.url).content.decode()
    assert "Course finished!" in html and "now take the final test" not in html
    assert "now take the final test" not in learner_client.get("/en/").content.decode()


@pytest.mark.django_db
def test_a_course_without_a_final_test_is_finished_with_its_lessons(learner_client, learner, phone_course):
    from assessments.models import AssessmentPage

    for page in AssessmentPage.objects.live().descendant_of(phone_course.get_parent().get_parent().get_parent()):
        page.unpublish()
    _finish_every_lesson(learner, phone_course)
    progress = services.course_progress(learner=learner, course=phone_course)
    assert progress.completed and not progress.final_test_due
    assert Enrolment.objects.get(learner=learner).completed_at is not None
    html = learner_client.get(_english(phone_course).url).content.decode()
    assert "Course finished!" in html and "now take the final test" not in html


@pytest.mark.django_db
def test_a_finished_course_needs_no_final_test_lookup(learner, phone_course, django_assert_num_queries):
    from assessments.models import AssessmentPage

    AssessmentPage.objects.child_of(phone_course).get().unpublish()
    _finish_every_lesson(learner, phone_course)
    lessons = list(phone_course.lessons())
    with django_assert_num_queries(3):  # enrolment, lessons done, practice tasks done
        progress = services.course_progress(learner=learner, course=phone_course, lessons=lessons)
    assert progress.completed and progress.final_test is None


@pytest.mark.django_db
def test_a_visitor_with_every_lesson_done_is_sent_to_the_final_test(client, phone_course):
    from assessments.models import AssessmentPage

    lessons = list(phone_course.lessons())
    for lesson in lessons:
        client.post(f"/learning/lessons/{lesson.pk}/done/")
    progress = services.course_progress(
        learner=None, course=phone_course, request=type("R", (), {"session": client.session})
    )
    assert progress.lessons_done and not progress.completed and progress.final_test_due
    assert progress.final_test == AssessmentPage.objects.child_of(phone_course).get()
    html = client.get(_english(phone_course).url).content.decode()
    assert "All lessons done — now take the final test" in html and "Course finished!" not in html
