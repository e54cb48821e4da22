"""The demo trainer's village class: loaded with the demo content, idempotent, with a PIN-only learner."""

import pytest
from django.core.management import call_command

from groups.models import Assignment, LearningGroup, ManagedAccount, Membership


def counts():
    return (
        LearningGroup.objects.count(),
        Membership.objects.count(),
        Assignment.objects.count(),
        ManagedAccount.objects.count(),
    )


@pytest.mark.django_db
def test_demo_group_has_the_demo_learners_a_pin_learner_and_assignments(client, demo_group, trainer, pin_learner):
    assert list(demo_group.trainers.all()) == [trainer]
    usernames = set(demo_group.memberships.values_list("learner__username", flat=True))
    assert usernames == {"learner1", "learner2", "zhaody001"}
    assert pin_learner.email == "" and pin_learner.phone is None and pin_learner.check_password("246810")
    assert demo_group.assignments.filter(due_date__isnull=False).count() == 2
    assert demo_group.county.name_zh == "西陵区"
    response = client.post("/accounts/login/", {"login": "zhaody001", "password": "246810"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_loading_the_demo_groups_again_adds_nothing():
    before = counts()
    call_command("load_demo_groups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before
