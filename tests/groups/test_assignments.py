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
