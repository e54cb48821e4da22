"""Fixtures for the group tests: the demo trainer's village class and a second trainer with their own group."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from groups import services
from groups.models import LearningGroup


@pytest.fixture
def trainer(db):
    return get_user_model().objects.get(username="trainer")


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.get(username="admin")


@pytest.fixture
def demo_group(db):
    return LearningGroup.objects.get(name="青山村数字课堂")


@pytest.fixture
def pin_learner(db):
    return get_user_model().objects.get(username="zhaody001")


@pytest.fixture
def make_trainer(db):
    def make(username):
        user = get_user_model().objects.create_user(username=username, password="x-trainer-pass-2026")
        user.groups.add(Group.objects.get(name="Trainers"))
        return get_user_model().objects.get(pk=user.pk)  # fresh permission cache

    return make


@pytest.fixture
def other_trainer(make_trainer):
    """A trainer of another village's group, who must see nothing of the demo group."""
    user = make_trainer("other-trainer")
    group = services.create_group(trainer=user, name="白水村课堂", place="白水村")
    services.add_member(group=group, learner=get_user_model().objects.create_user(username="bs-learner"))
    return user


@pytest.fixture
def course(phone_course):
    return phone_course
