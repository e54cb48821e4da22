"""A small national dataset made by hand, plus users holding each statistics permission."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import Division
from learning.models import Enrolment

NOW = timezone.now()


def make_learner(username, *, county, area, audience="farmers", age="35-59", counted=True, phone=None, name=None):
    user = get_user_model().objects.create(
        username=username, phone=phone, date_joined=NOW - timedelta(days=100), password="!"
    )
    profile = user.learner_profile
    profile.display_name = name or username
    profile.county = county
    profile.prefecture = county.parent
    profile.province = county.parent.parent
    profile.area = area
    profile.audience_group = audience
    profile.age_band = age
    profile.counted_in_statistics = counted
    profile.save()
    return user


def enrol(user, course, *, days_ago=30, completed=False, score=None, minutes=30, progress=None):
    joined = NOW - timedelta(days=days_ago)
    return Enrolment.objects.create(
        learner=user,
        course=course,
        course_key=course.translation_key,
        joined_at=joined,
        last_activity_at=joined + timedelta(days=1),
        completed_at=joined + timedelta(days=2) if completed else None,
        progress_percent=100 if completed else (progress if progress is not None else 40),
        time_spent=timedelta(minutes=minutes),
        score=score,
        passed_at=joined + timedelta(days=2) if score is not None and score >= 0.6 else None,
    )


@pytest.fixture
def courses(db):
    from courses.models import CoursePage

    return list(CoursePage.objects.filter(locale__language_code="zh-hans").order_by("path")[:2])


@pytest.fixture
def regions(db):
    """Two counties in one Guangdong prefecture, one in Sichuan."""
    guangdong = list(Division.objects.filter(parent__parent_id="440000", level=3).order_by("code")[:2])
    sichuan = Division.objects.filter(parent__parent_id="510000", level=3).order_by("code").first()
    return {"gd1": guangdong[0], "gd2": guangdong[1], "sc": sichuan}


@pytest.fixture
def dataset(courses, regions):
    """Learners of several kinds: 12 in Guangdong county 1, 3 in county 2 (a small cell), 6 in Sichuan,
    one opted out (in county 2), one staff member. Enrolments old and new, finished or not, with scores."""
    first, second = courses
    users = []
    for number in range(12):
        user = make_learner(
            f"gd1-{number}",
            county=regions["gd1"],
            area="urban" if number < 5 else "rural",
            audience="elderly" if number % 3 == 0 else "farmers",
            age="60-69" if number % 3 == 0 else "35-59",
            phone=f"+861390000{number:04d}",
        )
        enrol(user, first, days_ago=20 + number, completed=number % 2 == 0, score=0.5 + 0.04 * number, minutes=45)
        if number < 7:
            enrol(user, second, days_ago=400, completed=True, score=0.9)  # before the default period
        users.append(user)
    for number in range(3):
        user = make_learner(f"gd2-{number}", county=regions["gd2"], area="rural", audience="students", age="under18")
        enrol(user, first, days_ago=10, completed=number == 0, score=0.8 if number == 0 else None)
        users.append(user)
    for number in range(6):
        user = make_learner(f"sc-{number}", county=regions["sc"], area="rural", audience="everyone", age="18-34")
        enrol(user, first, days_ago=3, completed=number < 2, score=0.7 if number < 2 else None, minutes=90)
        enrol(user, second, days_ago=5, progress=0)
        users.append(user)
    opted_out = make_learner(
        "opted-out", county=regions["gd2"], area="rural", counted=False, phone="+8613911112222", name="不统计的人"
    )
    enrol(opted_out, first, days_ago=5, completed=True, score=0.99)
    enrol(opted_out, second, days_ago=5, completed=True, score=0.99)
    # A staff member's own learning is in no figure. (The demo trainer was used here until trainers
    # stopped being staff, issue #18.)
    staff = get_user_model().objects.create_user(username="stats-staff", is_staff=True)
    enrol(staff, first, days_ago=5, completed=True, score=1.0)
    return {"users": users, "opted_out": opted_out, "courses": courses, "regions": regions}


def _user_with(username, *codenames, editors=True):
    user = get_user_model().objects.create_user(username=username, password="x")
    if editors:
        user.groups.add(Group.objects.get(name="Editors"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="stats", codename=codename))
    return user


@pytest.fixture
def editor(db):
    return _user_with("editor-no-stats")


@pytest.fixture
def viewer(db):
    return _user_with("stats-viewer", "view_statistics")


@pytest.fixture
def exporter(db):
    return _user_with("stats-exporter", "view_statistics", "export_learners")


@pytest.fixture
def personal(db):
    return _user_with("stats-personal", "view_statistics", "export_learners", "view_personal_data")
