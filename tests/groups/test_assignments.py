"""Assigning courses, telling learners (in-app and SMS), the home page, reminders and the inbox."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from accounts import sms
from groups import services
from groups.models import Assignment, Notification, ReminderSent


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    sms.outbox.clear()


@pytest.mark.django_db
def test_assign_view_tells_every_learner_in_app_and_by_sms_when_they_have_a_phone(client, trainer, demo_group, course):
    client.force_login(trainer)
    due = timezone.localdate() + timedelta(days=5)
    lessons = list(course.lessons())
    url = f"/groups/{demo_group.pk}/assign/?course={course.pk}"
    page = client.get(url).content.decode()
    assert lessons[0].title in page  # the chosen course's lessons can be ticked
    before = Notification.objects.count()
    response = client.post(
        url,
        {
            "course": course.pk,
            "lessons": [str(lessons[0].translation_key)],
            "everyone": "1",
            "due_date": due.isoformat(),
            "message": "周五前学完",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.latest("pk")
    assert assignment.lesson_keys == [str(lessons[0].translation_key)] and assignment.due_date == due
    members = demo_group.memberships.count()
    assert Notification.objects.count() == before + members
    assert [m["phone"] for m in sms.outbox] == ["+8613800000001"]  # only learner1 has a phone
    note = Notification.objects.filter(user__username="learner1").latest("pk")
    assert "王老师" in note.message and course.title in note.message and "周五前学完" in note.message


@pytest.mark.django_db
def test_notifications_are_written_in_the_learners_language(trainer, demo_group, course):
    learner2 = get_user_model().objects.get(username="learner2")
    learner2.learner_profile.preferred_language = "en"
    learner2.learner_profile.save()
    services.assign(group=demo_group, assigned_by=trainer, course=course, learners=[learner2])
    english_title = course.get_translations().get().title
    message = Notification.objects.filter(user=learner2).latest("pk").message
    assert "asked you to study" in message and english_title in message


@pytest.mark.django_db
def test_assign_refuses_past_dates_and_learners_outside_the_group(client, trainer, demo_group, course):
    client.force_login(trainer)
    url = f"/groups/{demo_group.pk}/assign/?course={course.pk}"
    before = Assignment.objects.count()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(url, {"course": course.pk, "everyone": "1", "due_date": yesterday})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    outsider = get_user_model().objects.create_user(username="outsider")
    response = client.post(url, {"course": course.pk, "everyone": "0", "learners": [outsider.pk]})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Assignment.objects.count() == before


@pytest.mark.django_db
def test_home_page_shows_assigned_courses_first_with_due_date_and_trainer(client, learner, trainer):
    client.force_login(learner)
    page = client.get("/").content.decode()
    assert "assigned-heading" in page
    assert page.index("assigned-heading") < page.index("topics-heading")
    assert "王老师" in page
    smartphone = Assignment.objects.get(group__name="青山村数字课堂", course__slug="smartphone-basics")
    assert smartphone.due_date.strftime("%Y") in page
    english = client.get("/en/").content.decode()
    assert "Assigned to you" in english and "Smartphone" in english


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_assignments(client, learner, trainer, demo_group, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(learner)
    client.get("/")
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    for _ in range(5):
        services.assign(group=demo_group, assigned_by=trainer, course=course, sms=False)
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    assert len(after) == len(before)


@pytest.mark.django_db
def test_learner_removed_from_group_no_longer_sees_its_assignments(learner, demo_group):
    from groups.progress import learner_assignments

    assert learner_assignments(learner=learner)
    services.remove_member(group=demo_group, learner=learner)
    assert learner_assignments(learner=learner) == []


@pytest.mark.django_db
def test_reminders_are_sent_once_per_kind_and_never_twice_a_day(trainer, demo_group, course):
    today = timezone.localdate()
    assignment = services.assign(
        group=demo_group, assigned_by=trainer, course=course, due_date=today + timedelta(days=2), sms=False
    )
    members = demo_group.memberships.count()
    sms.outbox.clear()
    assert services.send_reminders(today=today, days_before=2) == members
    assert len(sms.outbox) == 1  # learner1's phone
    assert services.send_reminders(today=today, days_before=2) == 0
    assert services.send_reminders(today=today + timedelta(days=1), days_before=2) == 0  # already reminded
    # Overdue: once, the day after; not again the day after that.
    overdue_day = assignment.due_date + timedelta(days=1)
    assert services.send_reminders(today=overdue_day) >= members
    assert services.send_reminders(today=overdue_day) == 0
    assert services.send_reminders(today=overdue_day + timedelta(days=1)) == 0
    assert ReminderSent.objects.filter(assignment=assignment).count() == 2 * members


@pytest.mark.django_db
def test_reminder_command_skips_finished_learners(trainer, demo_group, course):
    from learning.models import Enrolment

    today = timezone.localdate()
    assignment = services.assign(group=demo_group, assigned_by=trainer, course=course, due_date=today, sms=False)
    learner2 = get_user_model().objects.get(username="learner2")
    Enrolment.objects.create(
        learner=learner2, course=course, course_key=course.translation_key, completed_at=timezone.now()
    )
    call_command("send_assignment_reminders", "--days", "1", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reminded = set(ReminderSent.objects.filter(assignment=assignment).values_list("learner__username", flat=True))
    assert "learner2" not in reminded and "learner1" in reminded


@pytest.mark.django_db
def test_inbox_shows_messages_and_the_header_counts_unread(client, learner):
    client.force_login(learner)
    unread = Notification.objects.filter(user=learner, read_at__isnull=True).count()
    assert unread > 0  # the demo assignments
    home = client.get("/").content.decode()
    assert f'<span class="unread-count">{unread}' in home
    inbox = client.get("/groups/inbox/").content.decode()
    assert inbox.count('class="unread"') == unread
    assert Notification.objects.filter(user=learner, read_at__isnull=True).count() == 0
    assert "unread-count" not in client.get("/").content.decode()


# Changing and taking back assignments ----------------------------------------------------------------


@pytest.fixture
def smartphone(demo_group):
    return Assignment.objects.get(group=demo_group, course__slug="smartphone-basics")


def edit_url(assignment, prefix=""):
    return f"{prefix}/groups/{assignment.group_id}/assignments/{assignment.pk}/edit/"


@pytest.mark.django_db
def test_trainer_changes_due_date_message_lessons_and_learners(client, trainer, learner, smartphone, course):
    learner2 = get_user_model().objects.get(username="learner2")
    lessons = list(course.lessons())
    client.force_login(trainer)
    page = client.get(edit_url(smartphone)).content.decode()
    assert smartphone.message in page and lessons[1].title in page  # the form starts from what was assigned
    due = timezone.localdate() + timedelta(days=9)
    response = client.post(
        edit_url(smartphone),
        {
            "lessons": [str(lessons[1].translation_key)],
            "everyone": "0",
            "learners": [learner2.pk],
            "due_date": due.isoformat(),
            "message": "只学第二课",
        },
    )
    assert response.status_code == 302
    smartphone.refresh_from_db()
    assert smartphone.due_date == due and smartphone.message == "只学第二课"
    assert smartphone.lesson_keys == [str(lessons[1].translation_key)]
    assert not smartphone.whole_group and list(smartphone.learners.all()) == [learner2]
    # Learners' home pages follow: learner2 sees the new message and lesson, learner1 no longer sees it.
    client.force_login(learner2)
    home = client.get("/").content.decode()
    assert "只学第二课" in home and lessons[1].title in home
    client.force_login(learner)
    assert "只学第二课" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_learners_who_newly_get_an_assignment_are_told_and_the_others_are_not(trainer, demo_group, course):
    learner2 = get_user_model().objects.get(username="learner2")
    assignment = services.assign(group=demo_group, assigned_by=trainer, course=course, learners=[learner2], sms=False)
    before = {u: Notification.objects.filter(user__username=u).count() for u in ("learner1", "learner2")}
    services.update_assignment(assignment=assignment, changed_by=trainer, learners=None, message="大家都学", sms=False)
    assert Notification.objects.filter(user__username="learner1").count() == before["learner1"] + 1
    assert Notification.objects.filter(user__username="learner2").count() == before["learner2"]
    assert "大家都学" in Notification.objects.filter(user__username="learner1").latest("pk").message


@pytest.mark.django_db
def test_changing_refuses_past_dates_other_courses_lessons_and_outsiders(client, trainer, smartphone):
    from courses.models import CoursePage

    other_course = CoursePage.objects.filter(locale__language_code="zh-hans").exclude(pk=smartphone.course_id).first()
    foreign_lesson = other_course.lessons().first()
    outsider = get_user_model().objects.create_user(username="outsider")
    snapshot = (smartphone.due_date, smartphone.message, smartphone.lesson_keys, smartphone.whole_group)
    client.force_login(trainer)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    bad_posts = [
        ({"everyone": "1", "due_date": yesterday, "message": "x"}, "The due date is in the past"),
        (
            {"everyone": "1", "lessons": [str(foreign_lesson.translation_key)], "message": "x"},
            "Choose only lessons of this course.",
        ),
        ({"everyone": "0", "learners": [outsider.pk], "message": "x"}, "errorlist"),
        ({"everyone": "1", "due_date": "31/31/2026"}, "Enter a valid date"),
    ]
    for data, error in bad_posts:
        response = client.post(edit_url(smartphone, "/en"), data)
        assert response.status_code == 200, data
        assert "errorlist" in response.content.decode() and error in response.content.decode(), data
    smartphone.refresh_from_db()
    assert (smartphone.due_date, smartphone.message, smartphone.lesson_keys, smartphone.whole_group) == snapshot
    with pytest.raises(services.GroupError):
        services.update_assignment(assignment=smartphone, changed_by=trainer, lessons=[foreign_lesson])
    smartphone.refresh_from_db()
    assert smartphone.lesson_keys == snapshot[2]


@pytest.mark.django_db
def test_an_already_past_due_date_may_stay_when_the_message_changes(client, trainer, smartphone):
    past = timezone.localdate() - timedelta(days=3)
    Assignment.objects.filter(pk=smartphone.pk).update(due_date=past)
    client.force_login(trainer)
    data = {"everyone": "1", "due_date": past.isoformat(), "message": "还来得及"}
    assert client.post(edit_url(smartphone), data).status_code == 302
    smartphone.refresh_from_db()
    assert smartphone.message == "还来得及" and smartphone.due_date == past


@pytest.mark.django_db
def test_taking_an_assignment_back_asks_first_and_keeps_the_learners_progress(client, trainer, learner, smartphone):
    from learning import services as learning
    from learning.models import Enrolment, LessonCompletion
    from xapi.models import Statement

    learning.record_lesson_completed(learner=learner, lesson=smartphone.course.lessons().first())
    progress_before = (Statement.objects.count(), Enrolment.objects.count(), LessonCompletion.objects.count())
    url = f"/groups/{smartphone.group_id}/assignments/{smartphone.pk}/delete/"
    client.force_login(trainer)
    page = client.get(url).content.decode()
    assert '<form method="post"' in page and smartphone.course.title in page
    assert Assignment.objects.filter(pk=smartphone.pk).exists()  # a GET only asks
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == f"/groups/{smartphone.group_id}/"
    assert not Assignment.objects.filter(pk=smartphone.pk).exists()
    assert client.put(url).status_code == 405  # only GET (asks) and POST (takes back)
    assert (Statement.objects.count(), Enrolment.objects.count(), LessonCompletion.objects.count()) == progress_before
    client.force_login(learner)
    home = client.get("/").content.decode()
    assert smartphone.message not in home
    assert client.get(f"/groups/learners/{learner.pk}/").status_code == 200
