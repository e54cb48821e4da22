"""Attendance and practical skills as xAPI statements with the trainer as instructor; the learner page."""

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from groups.models import ClassSession
from xapi.models import Statement
from xapi.records import learner_agent
from xapi.vocabulary import VERBS


@pytest.mark.django_db
def test_attendance_is_recorded_as_statements_with_the_trainer_as_instructor(client, trainer, demo_group, learner):
    client.force_login(trainer)
    today = timezone.localdate()
    response = client.post(
        f"/groups/{demo_group.pk}/attendance/",
        {"date": today.isoformat(), "topic": "视频通话练习", "attendees": [learner.pk]},
    )
    assert response.status_code == 302
    session = ClassSession.objects.get(topic="视频通话练习")
    assert list(session.attendees.all()) == [learner]
    row = Statement.objects.get(verb_id=VERBS["attended"][0])
    assert row.learner == learner
    context = row.data["context"]
    assert context["instructor"]["account"]["name"] == str(trainer.xapi_id)
    assert context["contextActivities"]["grouping"][0]["id"].endswith(f"/group/{demo_group.xapi_id}")
    assert row.data["object"]["id"].endswith(f"/session/{session.xapi_id}")
    assert "视频通话练习" in str(row.data["object"]["definition"]["name"])
    page = client.get(f"/groups/learners/{learner.pk}/").content.decode()
    assert "视频通话练习" in page
    assert learner_agent(trainer).account.name not in str(row.data["actor"])


@pytest.mark.django_db
def test_attendance_refuses_future_dates_and_outsiders(client, trainer, demo_group):
    from django.contrib.auth import get_user_model

    client.force_login(trainer)
    outsider = get_user_model().objects.create_user(username="outsider")
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    url = f"/groups/{demo_group.pk}/attendance/"
    response = client.post(url, {"date": tomorrow, "topic": "x", "attendees": [outsider.pk]})
    assert response.status_code == 200 and response.content.decode().count('class="errorlist"') >= 2
    assert not Statement.objects.filter(verb_id=VERBS["attended"][0]).exists()


@pytest.mark.django_db
def test_trainer_signs_off_a_practical_skill_from_the_learner_page(client, trainer, pin_learner, course):
    from wagtail.models import Locale

    from assessments.models import Question, SkillSignOff

    skill = Question.objects.create(
        kind="practical", text="独立打一次视频电话", locale=Locale.objects.get(language_code="zh-hans")
    )
    client.force_login(trainer)
    page = client.get(f"/groups/learners/{pin_learner.pk}/").content.decode()
    assert "独立打一次视频电话" in page
    response = client.post(
        f"/groups/learners/{pin_learner.pk}/sign-off/", {"skill": skill.pk, "course": course.pk, "note": "很熟练"}
    )
    assert response.status_code == 302
    sign_off = SkillSignOff.objects.get(learner=pin_learner)
    assert sign_off.trainer == trainer
    row = Statement.objects.filter(learner=pin_learner).latest("pk")
    assert row.data["context"]["instructor"]["account"]["name"] == str(trainer.xapi_id)
    assert "独立打一次视频电话" in client.get(f"/groups/learners/{pin_learner.pk}/").content.decode()


@pytest.mark.django_db
def test_learner_page_shows_lessons_time_and_last_activity(client, trainer, learner, course):
    from learning import services as learning

    lesson = course.lessons().first()
    learning.record_lesson_completed(learner=learner, lesson=lesson)
    client.force_login(trainer)
    page = client.get(f"/groups/learners/{learner.pk}/").content.decode()
    assert lesson.title in page and course.title in page
    with translation.override("zh-hans"):
        assert gettext("not active yet") not in page
    english = client.get(f"/en/groups/learners/{learner.pk}/").content.decode()
    assert "not active yet" not in english
    assert lesson.get_translations().get().title in english
