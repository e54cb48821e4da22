"""Shared fixtures. The demo curriculum is loaded once per test session; each test rolls back."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_content", accounts=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def zh_home(db):
    from courses.models import HomePage

    return HomePage.objects.get(locale__language_code="zh-hans")


@pytest.fixture
def catalogue(db):
    from courses.models import CourseIndexPage

    return CourseIndexPage.objects.get(locale__language_code="zh-hans")


@pytest.fixture
def phone_course(db):
    from courses.models import CoursePage

    return CoursePage.objects.get(slug="smartphone-basics", locale__language_code="zh-hans")


@pytest.fixture
def learner(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="learner1")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
