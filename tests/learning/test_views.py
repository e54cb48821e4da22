"""The learner's actions sent later by a phone that kept them while offline (offline-forms.js).

The phone replays the same form POST with ``X-Requested-With: fetch`` and the CSRF token from the
cookie; the views record it exactly as the plain form does and answer with JSON, without leaving a
"well done" message for some later, unrelated page.
"""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from learning.models import LessonCompletion, PracticeTaskDone
from learning.services import ANONYMOUS_LESSONS_KEY
from xapi.models import Statement

SENT_LATER = {"X-Requested-With": "fetch", "Accept": "application/json"}


@pytest.mark.django_db
def test_visitor_completion_sent_later_is_kept_in_the_session_and_handed_over_at_sign_in(learner, phone_course):
    client = Client(enforce_csrf_checks=True)
    lesson = list(phone_course.lessons())[2]
    client.get(lesson.url)  # the page with the form sets the CSRF cookie the phone sends back
    token = client.cookies["csrftoken"].value
    response = client.post(f"/learning/lessons/{lesson.pk}/done/", headers={**SENT_LATER, "X-CSRFToken": token})
    assert response.status_code == 200
    assert response.json() == {"done": lesson.pk, "kept_in": "session"}
    assert client.session[ANONYMOUS_LESSONS_KEY] == [str(lesson.translation_key)]
    assert not list(get_messages(response.wsgi_request))  # no message waiting for the next page
    assert not LessonCompletion.objects.exists()
    assert "status-done" in client.get(phone_course.url).content.decode()

    client.post(
        "/accounts/login/",
        {"login": "learner1", "password": "learner-demo-2026", "csrfmiddlewaretoken": token},
    )
    assert LessonCompletion.objects.filter(learner=learner, lesson_key=lesson.translation_key).exists()


@pytest.mark.django_db
def test_a_kept_form_without_the_csrf_token_is_refused_and_changes_nothing(phone_course):
    client = Client(enforce_csrf_checks=True)
    lesson = phone_course.lessons().first()
    client.get(lesson.url)
    response = client.post(f"/learning/lessons/{lesson.pk}/done/", headers=SENT_LATER)
    assert response.status_code == 403
    assert ANONYMOUS_LESSONS_KEY not in client.session


@pytest.mark.django_db
def test_signed_in_completion_and_practice_sent_later_are_the_learners_own_statements(
    learner_client, learner, phone_course
):
    lesson = next(le for le in phone_course.lessons() if any(b.block_type == "try_it" for b in le.body))
    task = next(b.id for b in lesson.body if b.block_type == "try_it")
    done = learner_client.post(f"/learning/lessons/{lesson.pk}/done/", headers=SENT_LATER)
    assert done.status_code == 200 and done.json() == {"done": lesson.pk, "kept_in": "account"}
    practice = learner_client.post(f"/learning/lessons/{lesson.pk}/practice/", {"task": task}, headers=SENT_LATER)
    assert practice.status_code == 200 and practice.json() == {"done": task}
    assert LessonCompletion.objects.filter(learner=learner, lesson_key=lesson.translation_key).count() == 1
    assert PracticeTaskDone.objects.filter(learner=learner, task_id=task).count() == 1
    assert Statement.objects.filter(learner=learner, verb_id__endswith="/completed").count() >= 2
    assert not list(get_messages(done.wsgi_request))
    # Sent twice (the phone lost the answer to the first try): still one completion.
    learner_client.post(f"/learning/lessons/{lesson.pk}/done/", headers=SENT_LATER)
    assert LessonCompletion.objects.filter(learner=learner, lesson_key=lesson.translation_key).count() == 1


@pytest.mark.django_db
def test_lesson_page_keeps_its_forms_offline(client, phone_course):
    lesson = next(le for le in phone_course.lessons() if any(b.block_type == "try_it" for b in le.body))
    html = client.get(lesson.url).content.decode()
    assert 'data-mark-done data-offline-keep data-offline-note="[data-offline-done]"' in html
    assert html.count("data-offline-keep") == 2  # "Mark as done" and "I did it"
    assert "现在没有网络。您的学习进度已保存在这部手机上" in html  # the note, in the reader's language
    assert "offline/offline-forms.js" in html and "现在没有网络，什么也没有发送" in html
