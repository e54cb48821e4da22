"""Who looks after a trainer-made (PIN) account: the group that made it and superusers, nobody else (issue #18).

The attack this replays, as it succeeded before the fix: a second trainer typed the PIN learner's user
name into their own group's "add learner" form (membership without consent), then pressed "New PIN and
login card" on the learner's page (``reset_pin`` checked only that a ``ManagedAccount`` existed) and
signed in as the learner with the new PIN. Now the first step only invites, and even once the learner
has accepted (so the second trainer legitimately follows their learning) the PIN, the sign-in links
and the phone stay with the group that made the account.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied

from groups import permissions, services
from groups.models import GroupInvitation, LearningGroup, ManagedAccount, Membership, SignInLink

PIN_PHONE = "+8613600006666"
PIN_PHONE_SHOWN = "136 0000 6666"


@pytest.fixture
def pin_learner_with_phone(pin_learner):
    pin_learner.phone = PIN_PHONE
    pin_learner.save(update_fields=["phone"])
    return pin_learner


@pytest.fixture
def joined_other_group(client, other_trainer, pin_learner_with_phone):
    """The other trainer invites the demo group's PIN learner, who accepts: a member of both groups by consent."""
    client.force_login(other_trainer)
    group = LearningGroup.objects.get(name="白水村课堂")
    client.post(f"/groups/{group.pk}/learners/add/", {"action": "add", "add-who": "zhaody001"})
    # The first step of the old attack no longer gives the other trainer anything.
    assert not Membership.objects.filter(group=group, learner=pin_learner_with_phone).exists()
    assert client.post(f"/groups/learners/{pin_learner_with_phone.pk}/reset-pin/").status_code == 404
    invitation = GroupInvitation.objects.get(group=group, learner=pin_learner_with_phone)
    client.force_login(pin_learner_with_phone)
    client.post(f"/groups/invitations/{invitation.pk}/accept/")
    assert Membership.objects.filter(group=group, learner=pin_learner_with_phone).exists()
    client.logout()
    return group


def card_pin(client, response):
    page = client.get(response["Location"]).content.decode()
    return re.search(r'<dd class="card-secret">(\d{6})</dd>', page).group(1)


@pytest.mark.django_db
def test_second_trainer_cannot_reset_revoke_or_see_the_phone_of_another_groups_pin_learner(
    client, other_trainer, pin_learner_with_phone, joined_other_group, trainer
):
    learner = pin_learner_with_phone
    _link, token = SignInLink.issue(user=learner, created_by=trainer)
    usable = SignInLink.objects.usable().filter(user=learner).count()
    client.force_login(other_trainer)
    # They follow the learner's learning now (the learner agreed) ...
    page = client.get(f"/en/groups/learners/{learner.pk}/").content.decode()
    assert "赵大爷" in page
    # ... but see no phone and no PIN or card buttons,
    assert PIN_PHONE_SHOWN not in page and "6666" not in page
    assert "/reset-pin/" not in page and "/revoke-links/" not in page
    assert "made in another group" in page
    # and a PIN reset or link revocation is refused over HTTP,
    assert client.post(f"/groups/learners/{learner.pk}/reset-pin/").status_code == 403
    assert client.post(f"/groups/learners/{learner.pk}/revoke-links/").status_code == 403
    assert "groups.fresh_cards" not in client.session
    learner.refresh_from_db()
    assert learner.check_password("246810")
    assert SignInLink.objects.usable().filter(user=learner).count() == usable
    # and by the services themselves, called directly.
    with pytest.raises(PermissionDenied):
        services.reset_pin(learner=learner, trainer=other_trainer)
    with pytest.raises(PermissionDenied):
        services.revoke_sign_in_links(learner=learner, by=other_trainer)
    learner.refresh_from_db()
    assert learner.check_password("246810")
    # The learner's own PIN and card still sign them in; the other trainer never could.
    client.logout()
    assert client.post("/accounts/login/", {"login": "zhaody001", "password": "246810"}).status_code == 302
    client.logout()
    assert client.get(f"/groups/sign-in/{token}/").status_code == 302


@pytest.mark.django_db
def test_the_creating_groups_trainers_still_reset_revoke_and_see_the_phone(
    client, trainer, make_trainer, demo_group, pin_learner_with_phone, joined_other_group
):
    learner = pin_learner_with_phone
    co = make_trainer("co-trainer")
    services.add_trainer(group=demo_group, user=co)
    for who in (trainer, co):
        client.force_login(who)
        page = client.get(f"/en/groups/learners/{learner.pk}/").content.decode()
        assert PIN_PHONE_SHOWN in page and "/reset-pin/" in page
        response = client.post(f"/groups/learners/{learner.pk}/reset-pin/")
        # The card is shown on the page of the group that made the account, not the other group's.
        assert response.status_code == 302 and response["Location"].endswith(f"/groups/{demo_group.pk}/cards/")
        pin = card_pin(client, response)
        learner.refresh_from_db()
        assert learner.check_password(pin)
        SignInLink.issue(user=learner, created_by=who)
        assert client.post(f"/groups/learners/{learner.pk}/revoke-links/").status_code == 302
        assert not SignInLink.objects.usable().filter(user=learner).exists()


@pytest.mark.django_db
def test_a_superuser_may_reset_revoke_and_see_the_phone_of_any_pin_learner(
    client, admin_user, pin_learner_with_phone, joined_other_group, demo_group
):
    learner = pin_learner_with_phone
    client.force_login(admin_user)
    assert PIN_PHONE_SHOWN in client.get(f"/en/groups/learners/{learner.pk}/").content.decode()
    response = client.post(f"/groups/learners/{learner.pk}/reset-pin/")
    assert response.status_code == 302 and response["Location"].endswith(f"/groups/{demo_group.pk}/cards/")
    learner.refresh_from_db()
    assert learner.check_password(card_pin(client, response))
    SignInLink.issue(user=learner, created_by=admin_user)
    assert client.post(f"/groups/learners/{learner.pk}/revoke-links/").status_code == 302
    assert not SignInLink.objects.usable().filter(user=learner).exists()
    card = services.reset_pin(learner=learner, trainer=admin_user)  # and directly
    learner.refresh_from_db()
    assert learner.check_password(card.pin)


@pytest.mark.django_db
def test_an_officer_who_follows_every_group_does_not_get_to_sign_in_as_its_learners(
    client, demo_group, pin_learner_with_phone
):
    officer = get_user_model().objects.create_user(username="county-officer")
    officer.user_permissions.add(Permission.objects.get(codename="manage_all_groups"))
    officer = get_user_model().objects.get(pk=officer.pk)
    client.force_login(officer)
    page = client.get(f"/en/groups/learners/{pin_learner_with_phone.pk}/").content.decode()
    assert "赵大爷" in page and PIN_PHONE_SHOWN not in page
    assert client.post(f"/groups/learners/{pin_learner_with_phone.pk}/reset-pin/").status_code == 403
    pin_learner_with_phone.refresh_from_db()
    assert pin_learner_with_phone.check_password("246810")


@pytest.mark.django_db
def test_pin_accounts_record_the_group_that_made_them(trainer, demo_group, pin_learner):
    assert ManagedAccount.objects.get(user=pin_learner).created_in_group == demo_group  # the demo loader
    card = services.create_pin_learner(group=demo_group, trainer=trainer, display_name="李秀英")
    assert ManagedAccount.objects.get(user_id=card.user_id).created_in_group == demo_group


@pytest.mark.django_db
def test_a_trainer_cannot_make_accounts_in_a_group_they_do_not_run(other_trainer, demo_group):
    before = get_user_model().objects.count()
    with pytest.raises(PermissionDenied):
        services.create_pin_learner(group=demo_group, trainer=other_trainer, display_name="冒名")
    assert get_user_model().objects.count() == before


@pytest.mark.django_db
def test_the_migration_finds_the_group_existing_pin_accounts_were_made_in(trainer, demo_group, pin_learner):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("groups.migrations.0003_invitations_and_account_origin")
    ManagedAccount.objects.filter(user=pin_learner).update(created_in_group=None)
    migration.record_creating_group(apps, None)
    assert ManagedAccount.objects.get(user=pin_learner).created_in_group == demo_group


@pytest.mark.django_db
def test_account_and_phone_querysets_agree_with_the_yes_no_answers(
    trainer, other_trainer, learner, admin_user, pin_learner_with_phone, joined_other_group
):
    User = get_user_model()
    for user in (trainer, other_trainer, learner, admin_user, pin_learner_with_phone):
        accounts = set(permissions.managed_accounts_for(user).values_list("user_id", flat=True))
        phones = set(permissions.phones_visible_for(user).values_list("pk", flat=True))
        for other in User.objects.all():
            assert (other.pk in accounts) == permissions.can_manage_account(user, other), (user, other)
            assert (other.pk in phones) == permissions.can_see_phone(user, other), (user, other)
    assert permissions.can_manage_account(trainer, pin_learner_with_phone)
    assert not permissions.can_manage_account(other_trainer, pin_learner_with_phone)
    assert not permissions.can_see_phone(other_trainer, pin_learner_with_phone)
    assert permissions.can_see_phone(other_trainer, learner) is False  # not in their group
    assert permissions.can_see_phone(trainer, learner)  # self-made, in the demo group
