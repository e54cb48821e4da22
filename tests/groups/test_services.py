"""Accounts made by trainers (user name + PIN), login-card links, join codes and membership."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from groups import services
from groups.models import JOIN_CODE_ALPHABET, ManagedAccount, Membership, SignInLink, hash_token


def signed_in_username(client):
    from django.contrib.auth import get_user

    user = get_user(client)
    return user.username if user.is_authenticated else None


@pytest.mark.django_db
def test_pin_account_signs_in_with_user_name_and_pin_through_the_sign_in_form(client, demo_group, trainer):
    card = services.create_pin_learner(group=demo_group, trainer=trainer, display_name="李秀英")
    assert len(card.pin) == 6 and card.pin.isdigit()
    assert card.username.startswith("lixiuying") and card.username[9:].isdigit()
    user = get_user_model().objects.get(username=card.username)
    assert user.email == "" and user.phone is None
    assert user.learner_profile.display_name == "李秀英"
    assert Membership.objects.filter(group=demo_group, learner=user).exists()
    # The PIN is not stored anywhere but as the password hash.
    assert card.pin not in user.password
    response = client.post("/accounts/login/", {"login": card.username, "password": card.pin})
    assert response.status_code == 302
    assert signed_in_username(client) == card.username


@pytest.mark.django_db
def test_sign_in_link_is_hashed_single_use_and_asks_nothing_more(client, demo_group, trainer):
    card = services.create_pin_learner(group=demo_group, trainer=trainer, display_name="王芳")
    link = SignInLink.objects.get(user__username=card.username)
    assert link.token_hash == hash_token(card.token) and card.token not in link.token_hash
    response = client.get(f"/groups/sign-in/{card.token}/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_username(client) == card.username
    client.logout()
    assert client.get(f"/groups/sign-in/{card.token}/").status_code == 410
    assert signed_in_username(client) is None


@pytest.mark.django_db
def test_sign_in_link_expires_and_can_be_revoked(client, demo_group, trainer):
    card = services.create_pin_learner(group=demo_group, trainer=trainer, display_name="孙强")
    link = SignInLink.objects.get(user__username=card.username)
    assert timedelta(days=13) < link.expires_at - timezone.now() <= timedelta(days=14)
    SignInLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"/groups/sign-in/{card.token}/").status_code == 410
    user = get_user_model().objects.get(username=card.username)
    _link, token = SignInLink.issue(user=user, created_by=trainer)
    assert services.revoke_sign_in_links(learner=user, by=trainer) == 1
    assert client.get(f"/groups/sign-in/{token}/").status_code == 410
    assert client.get("/groups/sign-in/made-up-token/").status_code == 410


@pytest.mark.django_db
def test_reset_pin_makes_a_new_pin_and_kills_old_cards(client, trainer, pin_learner):
    old_link, old_token = SignInLink.issue(user=pin_learner, created_by=trainer)
    client.force_login(trainer)
    response = client.post(f"/groups/learners/{pin_learner.pk}/reset-pin/")
    assert response.status_code == 302 and "/cards/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    pin_learner.refresh_from_db()
    import re

    pin = re.search(r'<dd class="card-secret">(\d{6})</dd>', page).group(1)
    assert pin_learner.check_password(pin) and not pin_learner.check_password("246810")
    # Shown once: the card page no longer has the PIN.
    assert pin not in client.get(response["Location"]).content.decode()
    old_link.refresh_from_db()
    assert old_link.revoked_at is not None
    client.logout()
    assert client.get(f"/groups/sign-in/{old_token}/").status_code == 410


@pytest.mark.django_db
def test_trainer_cannot_reset_the_password_of_a_self_made_account(client, trainer, learner):
    client.force_login(trainer)
    password = learner.password
    response = client.post(f"/groups/learners/{learner.pk}/reset-pin/", follow=True)
    assert "only they can change their password" in response.content.decode() or "只有" in response.content.decode()
    learner.refresh_from_db()
    assert learner.password == password
    assert not ManagedAccount.objects.filter(user=learner).exists()


@pytest.mark.django_db
def test_join_codes_are_easy_to_read_and_forgive_how_they_are_typed(client, demo_group):
    confusing = set("0O1IL2Z5S8B")
    assert not confusing & set(JOIN_CODE_ALPHABET)
    assert len(demo_group.join_code) == 6 and set(demo_group.join_code) <= set(JOIN_CODE_ALPHABET)
    newcomer = get_user_model().objects.create_user(username="newcomer")
    client.force_login(newcomer)
    typed = " " + "-".join(demo_group.join_code.lower()) + " "
    response = client.post("/groups/join/", {"code": typed})
    assert response.status_code == 302
    assert Membership.objects.filter(group=demo_group, learner=newcomer).exists()
    response = client.post("/groups/join/", {"code": "XXXXXX"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


@pytest.mark.django_db
def test_join_by_qr_link_asks_for_one_tap(client, demo_group):
    newcomer = get_user_model().objects.create_user(username="qr-newcomer")
    client.force_login(newcomer)
    url = f"/groups/join/{demo_group.join_code}/"
    assert demo_group.name in client.get(url).content.decode()
    assert not Membership.objects.filter(learner=newcomer).exists()
    client.post(url)
    assert Membership.objects.filter(group=demo_group, learner=newcomer).exists()
    assert client.get("/groups/join/NOPE99/").status_code == 404


@pytest.mark.django_db
def test_new_join_code_retires_the_old_one(client, trainer, demo_group):
    old = demo_group.join_code
    client.force_login(trainer)
    client.post(f"/groups/{demo_group.pk}/join-code/")
    demo_group.refresh_from_db()
    assert demo_group.join_code != old
    assert client.get(f"/groups/join/{old}/").status_code == 404


@pytest.mark.django_db
def test_add_existing_learner_by_phone_as_typed_or_by_user_name(client, trainer, make_trainer):
    from groups.models import GroupInvitation, LearningGroup

    group = services.create_group(trainer=trainer, name="测试班")
    client.force_login(trainer)
    client.post(f"/groups/{group.pk}/learners/add/", {"action": "add", "add-who": "138 0000 0001"})
    client.post(f"/groups/{group.pk}/learners/add/", {"action": "add", "add-who": "LEARNER2"})
    # Since issue #18 the trainer's form invites; each learner joins only by accepting.
    assert not Membership.objects.filter(group=group).exists()
    for invitation in GroupInvitation.objects.filter(group=group):
        client.force_login(invitation.learner)
        assert client.post(f"/groups/invitations/{invitation.pk}/accept/").status_code == 302
    client.force_login(trainer)
    names = set(Membership.objects.filter(group=group).values_list("learner__username", flat=True))
    assert names == {"learner1", "learner2"}
    response = client.post(f"/groups/{group.pk}/learners/add/", {"action": "add", "add-who": "13999999999"})
    assert "errorlist" in response.content.decode()
    assert LearningGroup.objects.get(pk=group.pk).memberships.count() == 2


@pytest.mark.django_db
def test_create_account_form_refuses_a_phone_that_is_taken(client, trainer, demo_group):
    client.force_login(trainer)
    before = get_user_model().objects.count()
    response = client.post(
        f"/groups/{demo_group.pk}/learners/add/",
        {"action": "new", "new-display_name": "重复号码", "new-phone": "13800000001"},
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert get_user_model().objects.count() == before
    response = client.post(
        f"/groups/{demo_group.pk}/learners/add/",
        {"action": "new", "new-display_name": "有手机的人", "new-phone": "139 1234 5678"},
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(phone="+8613912345678").managed_account


@pytest.mark.django_db
def test_group_form_uses_the_profile_region_lists(client, trainer):
    from accounts.models import Division

    county = Division.objects.get(code="420502")
    client.force_login(trainer)
    data = {"name": "西陵课堂", "place": "学院街道", "province": "420000", "prefecture": "420500", "county": "420502"}
    response = client.post("/groups/new/", data)
    assert response.status_code == 302
    from groups.models import LearningGroup

    group = LearningGroup.objects.get(name="西陵课堂")
    assert group.county == county and trainer in group.trainers.all()
    page = client.get(f"/groups/{group.pk}/edit/").content.decode()
    assert 'value="420502" selected' in page and 'value="420500" selected' in page
    # A county outside the chosen city is refused, as on the profile form.
    response = client.post(f"/groups/{group.pk}/edit/", {**data, "county": "110101"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    # "Show places" without JavaScript keeps the consistent part of the choice.
    response = client.post("/groups/new/", {**data, "prefecture": "110100", "refresh_region": "1"})
    assert 'value="420000" selected' in response.content.decode()


# User names a trainer reads aloud (walk-through finding 4) -----------------------------------------


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("王秀英", "wangxiuying"),
        ("李秀英", "lixiuying"),
        ("吕小龙", "lvxiaolong"),
        ("欧阳娜娜", "ouyangnana"),
        ("阿卜杜热合曼", "abodureheman"),
        ("张 三", "zhangsan"),
        ("Lily", "lily"),
        ("☺", "xueyuan"),
    ],
)
@pytest.mark.django_db
def test_pin_user_names_are_the_names_pinyin_then_digits_without_0_or_1(name, stem):
    for _ in range(20):
        username = services.username_from_name(name)
        assert re.fullmatch(rf"{stem}[2-9]{{3}}", username), username


@pytest.mark.django_db
def test_long_names_keep_whole_syllables():
    username = services.username_from_name("司马相如长卿")  # simaxiangruchangqing
    assert re.fullmatch(r"simaxiangru[2-9]{3}", username), username


@pytest.mark.django_db
def test_taken_user_names_get_more_digits(monkeypatch):
    get_user_model().objects.create_user(username="wangfang222")
    digits = iter("222" * 3 + "3456")  # three tries hit the taken name, then four digits
    monkeypatch.setattr(services.secrets, "choice", lambda seq: next(digits))
    assert services.username_from_name("王芳") == "wangfang3456"
