"""Needs help: wrong answers on a lesson's self-check, learners asking, trainers told once, the group list's count."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import services as quizzes
from groups import services
from groups.models import HelpRequest, Notification
from groups.progress import needs_help_counts
from tests.assessments.conftest import form, right_answers


def _lesson_quiz(course):
    for lesson in course.lessons():
        block = next((b for b in lesson.body if b.block_type == "quiz"), None)
        if block is not None:
            return lesson, block.id
    raise AssertionError("no lesson quiz in the demo course")


def _wrong_answers(questions):
    """Form data answering every choice / true-false question wrongly."""
    from assessments.answers import field_name

    data = {}
    for question in questions:
        key = question.answer_key
        if question.kind in ("single", "image_choice", "multiple"):
            data[field_name(question)] = next(i for i in key.options if i not in key.correct)
        elif question.kind == "true_false":
            data[field_name(question)] = "false" if key.answer_true else "true"
    return data


def _answer_wrongly(learner, lesson, block_id, at_least=3):
    """Answer rounds of the lesson's self-check wrongly until ``at_least`` wrong answers are recorded."""
    from assessments.models import Answer

    for _round in range(10):
        quiz = quizzes.check_quiz(learner=learner, lesson=lesson, block_id=block_id)
        quizzes.answer_check_quiz(
            learner=learner, lesson=lesson, block_id=block_id, data=form(_wrong_answers(quiz.questions))
        )
        quizzes.retry_check_quiz(learner=learner, lesson=lesson, block_id=block_id)
        if Answer.objects.filter(attempt__learner=learner, correct=False).count() >= at_least:
            return
    raise AssertionError("could not answer wrongly")


def _trainer_messages(trainer, words):
    return Notification.objects.filter(user=trainer, message__contains=words)


@pytest.mark.django_db
def test_wrong_answers_in_a_row_on_a_self_check_flag_the_learner_and_tell_the_trainer_once(
    client, trainer, learner, demo_group, phone_course
):
    lesson, block_id = _lesson_quiz(phone_course)
    client.force_login(trainer)
    assert "wrong answers in a row" not in client.get(f"/en/groups/{demo_group.pk}/").content.decode()
    before = Notification.objects.filter(user=trainer).count()
    _answer_wrongly(learner, lesson, block_id, at_least=3)
    page = client.get(f"/en/groups/{demo_group.pk}/").content.decode()
    assert "wrong answers in a row on the self-check of" in page
    assert Notification.objects.filter(user=trainer).count() == before + 1  # told, in the inbox
    note = Notification.objects.filter(user=trainer).first()
    assert learner.learner_profile.display_name in note.message and "“”" not in note.message, note.message
    _answer_wrongly(learner, lesson, block_id, at_least=8)  # keeps struggling: no flood
    assert Notification.objects.filter(user=trainer).count() == before + 1


@pytest.mark.django_db
def test_a_right_answer_since_takes_the_learner_off_the_list(trainer, learner, demo_group, phone_course):
    lesson, block_id = _lesson_quiz(phone_course)
    _answer_wrongly(learner, lesson, block_id, at_least=3)
    assert needs_help_counts(groups=demo_group.__class__.objects.filter(pk=demo_group.pk))[demo_group.pk] >= 1
    from groups.progress import struggling_lessons

    assert struggling_lessons([learner.pk])
    quiz = quizzes.check_quiz(learner=learner, lesson=lesson, block_id=block_id)
    quizzes.answer_check_quiz(
        learner=learner, lesson=lesson, block_id=block_id, data=form(right_answers(quiz.questions))
    )
    assert struggling_lessons([learner.pk]) == {}


@pytest.mark.django_db
def test_a_statement_posted_to_the_lrs_cannot_raise_an_alert(client, trainer, learner, demo_group):
    """A wrong "answered" statement from the learner's own session is evidence, not the LMS's marking."""
    from xapi.models import Statement
    from xapi.services import store_statements

    before = Notification.objects.filter(user=trainer).count()
    template = {
        "actor": {"objectType": "Agent", "account": {"homePage": "http://testserver", "name": str(learner.xapi_id)}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": "http://testserver/xapi/activities/question/x"},
        "result": {"success": False},
    }
    for _n in range(5):
        store_statements(statements=[dict(template)], source=Statement.Source.CLIENT)
    assert Notification.objects.filter(user=trainer).count() == before


@pytest.mark.django_db
def test_a_learner_asks_from_a_lesson_and_the_trainer_sees_it_on_the_list_and_in_the_inbox(
    client, trainer, learner, demo_group, phone_course
):
    lesson = phone_course.lessons()[0]
    client.force_login(learner)
    page = client.get(lesson.url).content.decode()
    assert 'action="/groups/help/"' in page  # the button on the lesson page
    response = client.post(
        "/groups/help/", {"lesson": lesson.pk, "message": "二维码扫不出来", "next": lesson.url}, follow=True
    )
    assert response.redirect_chain[-1][0] == lesson.url
    body = response.content.decode()
    assert "您的培训员已经收到" in body or "Your trainer has been told" in body  # the learner sees it was sent
    assert "ask_help" not in body and 'action="/groups/help/"' not in body  # no second button while it waits
    assert HelpRequest.objects.filter(learner=learner, resolved_at__isnull=True).count() == 1
    note = Notification.objects.get(user=trainer, message__contains="二维码扫不出来")
    assert lesson.title in note.message and note.url.endswith(f"/groups/learners/{learner.pk}/")

    client.force_login(trainer)
    page = client.get(f"/groups/{demo_group.pk}/").content.decode()
    assert "二维码扫不出来" in page
    assert 'class="unread-count"' in page  # the header's inbox link counts it


@pytest.mark.django_db
def test_one_open_request_per_lesson_until_the_trainer_marks_it_helped(
    client, trainer, learner, demo_group, phone_course
):
    lesson = phone_course.lessons()[0]
    client.force_login(learner)
    for _n in range(3):
        client.post("/groups/help/", {"lesson": lesson.pk, "message": "help"})
    assert HelpRequest.objects.filter(learner=learner).count() == 1
    assert Notification.objects.filter(user=trainer, message__contains="help").count() == 1
    request = HelpRequest.objects.get(learner=learner)
    client.force_login(trainer)
    response = client.post(f"/groups/{demo_group.pk}/help/{request.pk}/done/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.resolved_at is not None and request.resolved_by == trainer
    client.force_login(learner)
    client.post("/groups/help/", {"lesson": lesson.pk})
    assert HelpRequest.objects.filter(learner=learner, resolved_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_asking_is_capped_per_day_and_needs_a_group(client, learner, demo_group, phone_course):
    lessons = list(phone_course.lessons())
    for lesson in lessons[: services.MAX_HELP_REQUESTS_PER_DAY]:
        services.ask_for_help(learner=learner, lesson=lesson)
    with pytest.raises(services.GroupError):
        services.ask_for_help(learner=learner)
    loner = get_user_model().objects.create_user(username="loner")
    with pytest.raises(services.GroupError):
        services.ask_for_help(learner=loner)
    client.force_login(loner)
    assert 'action="/groups/help/"' not in client.get(lessons[0].url).content.decode()


@pytest.mark.django_db
def test_the_learner_class_page_has_the_button_and_lists_waiting_requests(client, learner, demo_group):
    client.force_login(learner)
    page = client.get("/groups/my-class/").content.decode()
    assert demo_group.name in page and 'action="/groups/help/"' in page
    client.post("/groups/help/", {"message": "怎么看视频", "next": "/groups/my-class/"})
    page = client.get("/groups/my-class/").content.decode()
    assert "怎么看视频" in page and 'action="/groups/help/"' not in page


@pytest.mark.django_db
def test_the_inbox_link_counts_unread_messages_for_a_learner(client, learner):
    from groups.notifications import notify

    client.force_login(learner)
    Notification.objects.filter(user=learner).update(read_at=timezone.now())  # the demo's messages, read
    assert 'class="unread-count"' not in client.get("/groups/my-class/").content.decode()
    notify(user=learner, message="a", sms=False)
    notify(user=learner, message="b", sms=False)
    page = client.get("/groups/my-class/").content.decode()
    assert 'class="unread-count">2<' in page
    assert client.get("/groups/inbox/").status_code == 200
    assert 'class="unread-count"' not in client.get("/groups/my-class/").content.decode()


def _add_struggling_learners(group, count, lesson, block_id):
    for n in range(count):
        user = get_user_model().objects.create_user(username=f"many{group.pk}-{n}")
        services.add_member(group=group, learner=user)
        _answer_wrongly(user, lesson, block_id, at_least=3)
        services.ask_for_help(learner=user, message="x")


@pytest.mark.django_db
def test_group_list_shows_needs_help_counts_in_a_constant_number_of_queries(client, trainer, demo_group, phone_course):
    lesson, block_id = _lesson_quiz(phone_course)
    second = services.create_group(trainer=trainer, name="第二课堂")
    client.force_login(trainer)
    client.get("/groups/")  # warm caches (site, locale)
    with CaptureQueriesContext(connection) as few:
        client.get("/groups/")
    _add_struggling_learners(demo_group, 3, lesson, block_id)
    _add_struggling_learners(second, 4, lesson, block_id)
    services.create_group(trainer=trainer, name="第三课堂")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/en/groups/").content.decode()
    assert len(many) == len(few), [q["sql"][:80] for q in many.captured_queries]
    counts = needs_help_counts(groups=trainer.trained_groups.all())
    assert counts[second.pk] == 4 and counts[demo_group.pk] >= 3
    assert "4 need help" in page and f"{counts[demo_group.pk]} need help" in page
