"""Co-trainers: a group's trainers add another trainer (by phone or user name) and take one off, never the last."""

import pytest
from django.contrib.auth import get_user_model

from groups import services


@pytest.fixture
def co_trainer(make_trainer):
    user = make_trainer("libing-helper")
    user.phone = "+8613900001111"
    user.save(update_fields=["phone"])
    return user


@pytest.mark.django_db
def test_trainer_adds_a_co_trainer_by_phone_as_people_type_it(client, trainer, co_trainer, demo_group):
    client.force_login(trainer)
    url = f"/groups/{demo_group.pk}/trainers/"
    assert "libing-helper" not in client.get(url).content.decode()
    response = client.post(url, {"who": "139 0000 1111"})
    assert response.status_code == 302 and response["Location"] == url
    assert demo_group.trainers.filter(pk=co_trainer.pk).exists()
    page = client.get(url).content.decode()
    assert "libing-helper" in page and "139 0000 1111" in page
    # The co-trainer now runs the group: its page and its learners' records.
    client.force_login(co_trainer)
    assert client.get(f"/groups/{demo_group.pk}/").status_code == 200
    assert demo_group.name in client.get("/groups/").content.decode()


@pytest.mark.django_db
def test_trainer_adds_a_co_trainer_by_user_name_and_twice_changes_nothing(client, trainer, co_trainer, demo_group):
    client.force_login(trainer)
    url = f"/groups/{demo_group.pk}/trainers/"
    assert client.post(url, {"who": "LIBING-HELPER"}).status_code == 302
    assert client.post(url, {"who": "libing-helper"}).status_code == 302
    assert demo_group.trainers.filter(pk=co_trainer.pk).count() == 1
    assert demo_group.trainers.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("learner1", "This person is not a trainer"),  # an existing learner without the trainer role
        ("13800000001", "This person is not a trainer"),  # the same learner by phone
        ("nobody-at-all", "Nobody has this mobile number or user name"),
        ("", "This field is required"),
    ],
)
def test_adding_someone_who_is_not_a_trainer_is_refused_and_changes_nothing(client, trainer, demo_group, who, error):
    client.force_login(trainer)
    before = set(demo_group.trainers.values_list("pk", flat=True))
    response = client.post(f"/en/groups/{demo_group.pk}/trainers/", {"who": who})
    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist" in page and error in page
    assert set(demo_group.trainers.values_list("pk", flat=True)) == before


@pytest.mark.django_db
def test_the_last_trainer_cannot_be_removed_or_leave(client, trainer, demo_group):
    assert list(demo_group.trainers.all()) == [trainer]
    client.force_login(trainer)
    page = client.get(f"/en/groups/{demo_group.pk}/trainers/").content.decode()
    assert "Leave this group" not in page and "at least one trainer" in page
    response = client.post(f"/en/groups/{demo_group.pk}/trainers/{trainer.pk}/remove/", follow=True)
    assert "A group needs at least one trainer" in response.content.decode()
    assert list(demo_group.trainers.all()) == [trainer]
    with pytest.raises(services.GroupError):
        services.remove_trainer(group=demo_group, user=trainer)


@pytest.mark.django_db
def test_a_trainer_removes_a_co_trainer_or_leaves_when_another_remains(client, trainer, co_trainer, demo_group):
    services.add_trainer(group=demo_group, user=co_trainer)
    client.force_login(trainer)
    response = client.post(f"/groups/{demo_group.pk}/trainers/{co_trainer.pk}/remove/")
    assert response.status_code == 302
    assert list(demo_group.trainers.all()) == [trainer]
    client.force_login(co_trainer)
    assert client.get(f"/groups/{demo_group.pk}/").status_code == 404

    services.add_trainer(group=demo_group, user=co_trainer)
    client.force_login(trainer)
    response = client.post(f"/groups/{demo_group.pk}/trainers/{trainer.pk}/remove/")
    assert response.status_code == 302 and response["Location"] == "/groups/"  # gone from the group
    assert list(demo_group.trainers.all()) == [co_trainer]
    assert client.get(f"/groups/{demo_group.pk}/").status_code == 404


@pytest.mark.django_db
def test_removing_someone_who_is_not_the_groups_trainer_is_404(client, trainer, other_trainer, demo_group):
    client.force_login(trainer)
    response = client.post(f"/groups/{demo_group.pk}/trainers/{other_trainer.pk}/remove/")
    assert response.status_code == 404
    assert client.get(f"/groups/{demo_group.pk}/trainers/{trainer.pk}/remove/").status_code == 405


@pytest.mark.django_db
def test_add_trainer_service_refuses_a_user_without_the_trainer_role(demo_group, learner):
    with pytest.raises(services.GroupError):
        services.add_trainer(group=demo_group, user=learner)
    assert not demo_group.trainers.filter(pk=learner.pk).exists()
    assert get_user_model().objects.filter(pk=learner.pk, trained_groups=demo_group).count() == 0
