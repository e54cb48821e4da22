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


@pytest.mark.django_db
def test_trainers_made_by_the_demo_and_the_test_setup_are_not_staff(client, trainer, make_trainer, demo_group):
    """Trainers work on /groups/ on the learner site: the role is the "Trainers" group, not staff status."""
    made_here = make_trainer("fixture-trainer")
    for user in (trainer, made_here):
        assert not user.is_staff and not user.is_superuser
        assert user.groups.filter(name="Trainers").exists()
    client.force_login(trainer)
    assert client.get(f"/groups/{demo_group.pk}/").status_code == 200
    assert client.get("/groups/new/").status_code == 200
    assert client.get("/admin/").status_code == 302  # no Wagtail admin for a trainer
