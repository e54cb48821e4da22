"""The learner's own pages and actions: "My courses" (courses, what is next, assignments, certificates),
and actions a phone kept while offline and sends later.

The learner's actions sent later by a phone that kept them while offline (offline-forms.js).

The phone replays the same form POST with ``X-Requested-With: fetch`` and the CSRF token from the
cookie; the views record it exactly as the plain form does and answer with JSON, without leaving a
"well done" message for some later, unrelated page.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Certificate
from courses.models import CoursePage, LessonPage
from learning import services
from learning.models import Enrolment, LessonCompletion, PracticeTaskDone
from learning.services import ANONYMOUS_LESSONS_KEY
from xapi.models import Statement

MY_COURSES = reverse("learning:my_courses")


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_my_courses_is_linked_from_the_menu_and_needs_signing_in(client, learner):
    response = client.get(MY_COURSES)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(learner)
    nav = soup(client.get("/")).select_one(".site-nav")
    assert nav.find("a", href=MY_COURSES).get_text(strip=True) == "我的课程"
    english = soup(client.get("/en/")).select_one(".site-nav")
    assert english.find("a", href="/en" + MY_COURSES).get_text(strip=True) == "My courses"


@pytest.mark.django_db
def test_my_courses_shows_progress_next_step_assignments_and_certificates(client, learner, phone_course):
    """learner1 (in the demo group, which assigns two courses with due dates) joined one course and
    finished another: one page shows all of it."""
    from groups.progress import learner_assignments
    from tests.assessments.test_certificates import finish_course

    farming = CoursePage.objects.get(slug="smart-agriculture", locale=phone_course.locale)
    certificate = finish_course(learner, farming)
    lessons = list(phone_course.lessons())
    services.record_lesson_completed(learner=learner, lesson=lessons[0])
    client.force_login(learner)
    doc = soup(client.get(MY_COURSES))
    assert doc.h1.get_text(strip=True) == "我的课程"

    boxes = {box.h3.get_text(strip=True): box for box in doc.select(".my-course")}
    assert set(boxes) == {phone_course.title, farming.title}
    taking = boxes[phone_course.title].get_text(" ", strip=True)
    assert f"已完成 1 课，共 {len(lessons)} 课" in taking
    next_link = boxes[phone_course.title].find("a", href=lessons[1].url)
    assert next_link.get_text(strip=True) == f"继续：{lessons[1].title}"
    finished = boxes[farming.title]
    assert "课程学完了！" in finished.get_text(" ", strip=True)
    assert finished.find("a", href=reverse("assessments:certificate", args=[certificate.code]))

    assigned = doc.select(".assigned-list li")
    assert len(assigned) == len(learner_assignments(learner=learner)) == 2
    due = [item.get_text(" ", strip=True) for item in assigned]
    assert all("截止" in text for text in due)

    certificates = doc.select(".certificate-list a")
    assert [a["href"] for a in certificates] == [reverse("assessments:certificate", args=[certificate.code])]


@pytest.mark.django_db
def test_my_courses_when_nothing_is_joined_yet(client, django_user_model):
    newcomer = django_user_model.objects.create_user(username="newcomer", password="x-walk-2026")
    client.force_login(newcomer)
    text = soup(client.get(MY_COURSES)).get_text(" ", strip=True)
    assert "您还没有参加任何课程。" in text and "您还没有结业证书" in text


def _more_courses(catalogue, count):
    """Extra live courses with two lessons each (the demo has three per language)."""
    made = []
    for n in range(count):
        course = catalogue.add_child(instance=CoursePage(title=f"加练课程 {n}", slug=f"extra-{n}", summary="加练"))
        course.save_revision().publish()
        for m in range(2):
            lesson = course.add_child(instance=LessonPage(title=f"第 {m + 1} 课", slug=f"lesson-{m}", body=[]))
            lesson.save_revision().publish()
        made.append(course)
    return made


def _take(learner, course, trainer, group, index):
    from groups import services as groups

    services.join_course(learner=learner, course=course)
    services.record_lesson_completed(learner=learner, lesson=course.lessons().first())
    Certificate.objects.create(
        learner=learner, course_key=course.translation_key, learner_name="学员", course_title=course.title
    )
    groups.assign(
        group=group,
        assigned_by=trainer,
        course=course,
        due_date=timezone.localdate() + timedelta(days=index + 1),
        sms=False,
    )


@pytest.mark.django_db
def test_my_courses_queries_do_not_grow_with_the_number_of_courses(client, django_user_model, catalogue):
    """No N+1: one course and five courses (each joined, begun, assigned and certified) cost the same."""
    from groups import services as groups

    trainer = django_user_model.objects.get(username="trainer")
    courses = list(CoursePage.objects.live().child_of(catalogue).order_by("path")) + _more_courses(catalogue, 2)
    assert len(courses) == 5

    def count(learner):
        client.force_login(learner)
        client.get(MY_COURSES)  # warm the site-root and locale caches as any earlier page would
        with CaptureQueriesContext(connection) as queries:
            response = client.get(MY_COURSES)
        assert response.status_code == 200
        return len(queries), response

    one = django_user_model.objects.create_user(username="one-course", password="x-walk-2026")
    five = django_user_model.objects.create_user(username="five-courses", password="x-walk-2026")
    for learner, chosen in ((one, courses[:1]), (five, courses)):
        group = groups.create_group(trainer=trainer, name=f"班 {learner.username}")
        groups.add_member(group=group, learner=learner, added_by=trainer)
        for index, course in enumerate(chosen):
            _take(learner, course, trainer, group, index)
    assert Enrolment.objects.filter(learner=five).count() == 5
    queries_one, page_one = count(one)
    queries_five, page_five = count(five)
    assert len(soup(page_five).select(".my-course")) == 5 and len(soup(page_one).select(".my-course")) == 1
    assert len(soup(page_five).select(".assigned-list li")) == 5
    assert len(soup(page_five).select(".certificate-list li")) == 5
    assert queries_five == queries_one


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
