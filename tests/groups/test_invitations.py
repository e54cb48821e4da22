"""A trainer who finds an existing account invites it; the learner joins only by accepting (issue #18).

Before the fix, the trainer's "add by mobile number or user name" form put any active account straight
into the trainer's group: the trainer then saw that person's phone and learning records, without the
person ever agreeing. The first test replays that request and shows it now only sends an invitation.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from accounts import sms
from groups import services
from groups.models import GroupInvitation, Membership, Notification
from learning.models import Enrolment

PHONE, PHONE_AS_TYPED, PHONE_SHOWN = "+8613700009999", "137 0000 9999", "137 0000 9999"


@pytest.fixture
def stranger(db, phone_course):
    """Someone who signed up on their own, in no group, with a verified phone number and a course started
    (class messages are texted only to numbers their owner has proved)."""
    user = get_user_model().objects.create_user(
        username="zhou-ayi", password="x-learner-pass-2026", phone=PHONE, phone_verified=True
    )
    user.learner_profile.display_name = "周阿姨"
    user.learner_profile.save()
    Enrolment.objects.create(learner=user, course=phone_course, course_key=phone_course.translation_key)
    return user


@pytest.fixture
def class_group(trainer):
    return services.create_group(trainer=trainer, name="柳树村课堂", place="柳树村")


def invite_by_form(client, group, who):
    return client.post(f"/en/groups/{group.pk}/learners/add/", {"action": "add", "add-who": who}, follow=True)


@pytest.mark.django_db
def test_trainer_adding_an_existing_learner_by_phone_only_invites_them(client, trainer, class_group, stranger):
    sms.outbox.clear()
    client.force_login(trainer)
    page = invite_by_form(client, class_group, PHONE_AS_TYPED).content.decode()
    # The old behaviour made a membership here; now there is none, only a pending invitation.
    assert not Membership.objects.filter(learner=stranger).exists()
    invitation = GroupInvitation.objects.get(group=class_group, learner=stranger)
    assert invitation.status == "pending" and invitation.invited_by == trainer
    assert invitation.invited_as == PHONE_AS_TYPED
    # The trainer's page says "invitation sent" and lists what they typed, nothing about the account.
    assert "Invitation sent to 137 0000 9999" in page and "invitation pending" in page
    assert "周阿姨" not in page and "zhou-ayi" not in page
    # No records, no phone: the learner page is not there for the trainer, and nor is the person in the group.
    assert client.get(f"/en/groups/learners/{stranger.pk}/").status_code == 404
    group_page = client.get(f"/en/groups/{class_group.pk}/").content.decode()
    assert "周阿姨" not in group_page and "zhou-ayi" not in group_page
    export = b"".join(client.get(f"/groups/{class_group.pk}/export/?export=csv").streaming_content).decode()
    assert "zhou-ayi" not in export
    # The learner is told: in their messages (with a link to their invitations) and by SMS.
    note = Notification.objects.get(user=stranger)
    assert "柳树村课堂" in note.message and note.url.endswith("/groups/invitations/")
    assert [m["phone"] for m in sms.outbox] == [PHONE] and "柳树村课堂" in sms.outbox[0]["text"]

    # The learner accepts with a POST from their invitations page: now (and only now) a member.
    client.force_login(stranger)
    listing = client.get("/en/groups/invitations/").content.decode()
    assert "柳树村课堂" in listing and "王老师" in listing
    assert "1 invitation to a group is waiting" in client.get("/en/groups/inbox/").content.decode()
    response = client.post(f"/groups/invitations/{invitation.pk}/accept/")
    assert response.status_code == 302
    membership = Membership.objects.get(group=class_group, learner=stranger)
    assert membership.added_by == trainer
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.answered_at is not None
    assert "No invitations are waiting for your answer." in client.get("/en/groups/invitations/").content.decode()
    # Having agreed, the learner's records and phone are the trainer's to see, and the trainer is told.
    client.force_login(trainer)
    learner_page = client.get(f"/en/groups/learners/{stranger.pk}/").content.decode()
    assert "周阿姨" in learner_page and PHONE_SHOWN in learner_page
    assert Notification.objects.filter(user=trainer, message__contains="周阿姨").exists()


@pytest.mark.django_db
def test_declining_an_invitation_shares_nothing_and_the_group_cannot_ask_again(client, trainer, class_group, stranger):
    client.force_login(trainer)
    invite_by_form(client, class_group, "zhou-ayi")
    invitation = GroupInvitation.objects.get(learner=stranger)
    client.force_login(stranger)
    response = client.post(f"/en/groups/invitations/{invitation.pk}/decline/", follow=True)
    assert "You said no to 柳树村课堂" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not Membership.objects.filter(learner=stranger).exists()
    # Answered: it cannot be accepted afterwards.
    assert client.post(f"/groups/invitations/{invitation.pk}/accept/").status_code == 404
    assert not Membership.objects.filter(learner=stranger).exists()
    client.force_login(trainer)
    assert client.get(f"/groups/learners/{stranger.pk}/").status_code == 404
    page = client.get(f"/en/groups/{class_group.pk}/learners/add/").content.decode()
    assert "declined" in page and "周阿姨" not in page
    # The same group cannot keep asking; the learner can still join with the code if they change their mind.
    page = invite_by_form(client, class_group, "zhou-ayi").content.decode()
    assert "said no to joining this group" in page
    assert GroupInvitation.objects.filter(learner=stranger).count() == 1
    client.force_login(stranger)
    client.post("/groups/join/", {"code": class_group.join_code})
    assert Membership.objects.filter(group=class_group, learner=stranger).exists()


@pytest.mark.django_db
def test_inviting_twice_sends_one_invitation_and_joining_by_code_settles_it(client, trainer, class_group, stranger):
    client.force_login(trainer)
    invite_by_form(client, class_group, PHONE_AS_TYPED)
    page = invite_by_form(client, class_group, "ZHOU-AYI").content.decode()
    assert "has not answered the invitation yet" in page
    assert GroupInvitation.objects.filter(learner=stranger).count() == 1
    assert Notification.objects.filter(user=stranger).count() == 1
    # The learner uses the group's join code instead: in the group, and the invitation waits no more.
    client.force_login(stranger)
    client.post(f"/groups/join/{class_group.join_code}/")
    assert GroupInvitation.objects.get(learner=stranger).status == "accepted"
    client.force_login(trainer)
    assert "already in the group" in invite_by_form(client, class_group, "zhou-ayi").content.decode()


@pytest.mark.django_db
def test_unknown_phone_or_user_name_is_named_as_such_and_nothing_is_made(client, trainer, class_group):
    client.force_login(trainer)
    page = invite_by_form(client, class_group, "13999999999").content.decode()
    assert "errorlist" in page and "Nobody has this mobile number or user name" in page
    assert not GroupInvitation.objects.exists()


@pytest.mark.django_db
def test_only_the_invited_learner_can_answer_and_the_services_refuse_others(
    client, trainer, class_group, stranger, learner, admin_user
):
    invitation, created = services.invite(
        group=class_group, learner=stranger, invited_by=trainer, invited_as="zhou-ayi"
    )
    assert created
    for someone in (learner, trainer, admin_user):
        client.force_login(someone)
        assert client.post(f"/groups/invitations/{invitation.pk}/accept/").status_code == 404
        assert client.get("/groups/invitations/").content.decode().count("柳树村课堂") == 0
        with pytest.raises(PermissionDenied):
            services.accept_invitation(invitation=invitation, learner=someone)
    assert not Membership.objects.filter(learner=stranger).exists()
    # A GET (a link in a message, an image) never answers for the learner.
    client.force_login(stranger)
    assert client.get(f"/groups/invitations/{invitation.pk}/accept/").status_code == 405
    assert not Membership.objects.filter(learner=stranger).exists()


@pytest.mark.django_db
def test_a_trainer_cannot_invite_into_a_group_they_do_not_run(other_trainer, demo_group, stranger):
    with pytest.raises(PermissionDenied):
        services.invite(group=demo_group, learner=stranger, invited_by=other_trainer, invited_as="zhou-ayi")
    assert not GroupInvitation.objects.exists()


# Staff and superusers are never learners in a group ----------------------------------------------


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(
        username="editor-staff", password="x-staff-pass-2026", is_staff=True, phone="+8613700008888"
    )


@pytest.mark.django_db
def test_staff_and_superusers_cannot_be_invited(client, trainer, class_group, staff_user, admin_user):
    client.force_login(trainer)
    for who in ("137 0000 8888", "admin"):
        page = invite_by_form(client, class_group, who).content.decode()
        assert "Staff and administrator accounts cannot be learners in a group." in page
    assert not GroupInvitation.objects.exists()
    for user in (staff_user, admin_user):
        with pytest.raises(services.GroupError):
            services.invite(group=class_group, learner=user, invited_by=trainer, invited_as=user.username)
        with pytest.raises(services.GroupError):
            services.add_member(group=class_group, learner=user)
    assert not Membership.objects.filter(learner__in=[staff_user, admin_user]).exists()


@pytest.mark.django_db
def test_staff_and_superusers_cannot_join_with_the_code(client, class_group, staff_user, admin_user):
    for user in (staff_user, admin_user):
        client.force_login(user)
        response = client.post("/en/groups/join/", {"code": class_group.join_code})
        assert response.status_code == 200
        assert "Staff and administrator accounts cannot be learners in a group." in response.content.decode()
        page = client.get(f"/en/groups/join/{class_group.join_code}/").content.decode()
        assert "cannot be learners" in page and 'type="submit"' not in page.split("<main", 1)[-1].split("</main>")[0]
        response = client.post(f"/en/groups/join/{class_group.join_code}/", follow=True)
        assert "cannot be learners" in response.content.decode()
    assert not Membership.objects.filter(learner__in=[staff_user, admin_user]).exists()


@pytest.mark.django_db
def test_an_invitation_to_someone_made_staff_since_cannot_be_accepted(client, trainer, class_group, stranger):
    invitation, _created = services.invite(
        group=class_group, learner=stranger, invited_by=trainer, invited_as="zhou-ayi"
    )
    get_user_model().objects.filter(pk=stranger.pk).update(is_staff=True)
    client.force_login(get_user_model().objects.get(pk=stranger.pk))
    response = client.post(f"/en/groups/invitations/{invitation.pk}/accept/", follow=True)
    assert "cannot be learners" in response.content.decode()
    assert not Membership.objects.filter(learner=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"  # the refusal rolled the answer back


@pytest.mark.django_db
def test_import_cannot_add_a_staff_account(client, trainer, class_group, staff_user):
    """The import only makes new accounts: a row with a staff member's number is refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(trainer)
    data = "姓名,手机号\n冒名,13700008888\n".encode()
    response = client.post(
        f"/en/groups/{class_group.pk}/learners/import/", {"file": SimpleUploadedFile("list.csv", data)}
    )
    page = response.content.decode()
    assert "already has an account" in page and 'name="confirm"' not in page
    assert not Membership.objects.filter(learner=staff_user).exists()
