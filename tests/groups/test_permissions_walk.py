"""Every trainer URL, walked as anonymous, a learner, another group's trainer, the group's trainer and an admin.

Rules: anonymous → sign-in page (302); a signed-in non-trainer → 403 on trainer pages; a trainer asking
for a group or learner that is not theirs → 404 (its existence is not revealed); the group's own trainer
and administrators → the page. A learner may see their own learner page, nobody else's. An invitation
is answered only by the person invited (a POST); for anyone else, administrators included, it is not there.
"""

import pytest
from django.contrib.auth import get_user_model

from groups import services

ROLES = ["anonymous", "learner", "other_trainer", "trainer", "admin"]
PAGE = {"anonymous": 302, "learner": 403, "other_trainer": 404, "trainer": 200, "admin": 200}
ACTION = {"anonymous": 302, "learner": 403, "other_trainer": 404, "trainer": 302, "admin": 302}
OWN_LIST = {"anonymous": 302, "learner": 403, "other_trainer": 200, "trainer": 200, "admin": 200}
SIGNED_IN = {"anonymous": 302, "learner": 200, "other_trainer": 200, "trainer": 200, "admin": 200}
INVITEE = {"anonymous": 302, "learner": 302, "other_trainer": 404, "trainer": 404, "admin": 404}
POST_ONLY = {"anonymous": 302, "learner": 405, "other_trainer": 405, "trainer": 405, "admin": 405}


def walk(group, pin_learner, course, invitations, help_request, import_job):
    g, lr = group.pk, pin_learner.pk
    to_accept, to_decline = (invitation.pk for invitation in invitations)
    a = group.assignments.first().pk
    trainer_id = group.trainers.first().pk
    return [
        # (method, url, expected status per role)
        ("get", "/groups/", OWN_LIST),
        ("get", "/en/groups/", OWN_LIST),
        ("get", "/groups/new/", OWN_LIST),
        ("get", "/groups/export/?export=csv", OWN_LIST),
        ("get", f"/groups/{g}/", PAGE),
        ("get", f"/en/groups/{g}/?sort=-progress", PAGE),
        ("get", f"/groups/{g}/?view=list", PAGE),
        ("get", f"/groups/{g}/trainers/", PAGE),
        ("post", f"/groups/{g}/trainers/", PAGE),  # nobody named: the form again, with its error
        ("get", f"/groups/{g}/assignments/{a}/edit/", PAGE),
        ("get", f"/groups/{g}/assignments/{a}/delete/", PAGE),  # only asks
        ("get", f"/groups/{g}/edit/", PAGE),
        ("get", f"/groups/{g}/poster/", PAGE),
        ("get", f"/groups/{g}/learners/add/", PAGE),
        ("get", f"/groups/{g}/learners/import/", PAGE),
        ("get", f"/groups/{g}/learners/import/template/?export=csv", PAGE),
        ("get", f"/groups/{g}/learners/import/template/?export=xlsx", PAGE),
        ("get", f"/groups/{g}/cards/", PAGE),
        ("post", f"/groups/{g}/cards/", PAGE),  # nobody chosen: the form again, with its error
        # Only the trainer who started an import follows it (its cards hold new PINs).
        ("get", f"/groups/{g}/learners/import/{import_job.pk}/", {**PAGE, "admin": 404}),
        ("post", f"/groups/{g}/help/{help_request.pk}/done/", ACTION),
        ("get", f"/groups/{g}/help/{help_request.pk}/done/", {**POST_ONLY, "learner": 403}),
        ("get", "/groups/my-class/", SIGNED_IN),
        ("get", "/groups/help/", POST_ONLY),
        ("post", "/groups/help/", {**SIGNED_IN, "learner": 302, "other_trainer": 302, "trainer": 302, "admin": 302}),
        ("get", f"/groups/{g}/assign/", PAGE),
        ("get", f"/groups/{g}/assign/?course={course.pk}", PAGE),
        ("get", f"/groups/{g}/attendance/", PAGE),
        ("get", f"/groups/{g}/export/?export=csv", PAGE),
        ("get", f"/groups/{g}/export/?export=xlsx", PAGE),
        ("get", f"/groups/learners/{lr}/", {**PAGE, "learner": 404}),
        ("get", "/groups/inbox/", SIGNED_IN),
        ("get", "/groups/join/", SIGNED_IN),
        ("get", f"/groups/join/{group.join_code}/", SIGNED_IN),
        ("post", f"/groups/learners/{lr}/revoke-links/", ACTION),
        ("post", f"/groups/learners/{lr}/sign-off/", ACTION),
        ("post", f"/groups/learners/{lr}/reset-pin/", ACTION),
        ("post", f"/groups/{g}/join-code/", ACTION),
        ("post", f"/groups/{g}/learners/{lr}/remove/", ACTION),
        ("post", f"/groups/{g}/trainers/{trainer_id}/remove/", ACTION),  # the last trainer: refused, back
        ("post", f"/groups/{g}/assignments/{a}/edit/", PAGE),  # nothing filled in: the form again
        ("post", f"/groups/{g}/assignments/{a}/delete/", ACTION),  # it takes the assignment back
        ("get", "/groups/invitations/", SIGNED_IN),
        ("get", "/en/groups/invitations/", SIGNED_IN),
        ("get", f"/groups/invitations/{to_accept}/accept/", POST_ONLY),  # a link cannot answer for them
        ("get", f"/groups/invitations/{to_decline}/decline/", POST_ONLY),
        ("post", f"/groups/invitations/{to_accept}/accept/", INVITEE),
        ("post", f"/groups/invitations/{to_decline}/decline/", INVITEE),
    ]


@pytest.fixture
def invitations(other_trainer, learner):
    """Two invitations waiting for the learner (learner1), from the other trainer's groups: accept one, decline one."""
    from groups.models import LearningGroup

    baishui = LearningGroup.objects.get(name="白水村课堂")
    hongqi = services.create_group(trainer=other_trainer, name="红旗村课堂")
    return [
        services.invite(group=group, learner=learner, invited_by=other_trainer, invited_as=typed)[0]
        for group, typed in ((baishui, "learner1"), (hongqi, "13800000001"))
    ]


@pytest.fixture
def help_request(demo_group):
    """learner2 (in the demo group) asked for help."""
    return services.ask_for_help(learner=get_user_model().objects.get(username="learner2"), message="?")[0]


@pytest.fixture
def import_job(demo_group, trainer):
    from groups.models import LearnerImport

    return LearnerImport.objects.create(group=demo_group, trainer=trainer, total=1, rows=[{"name": "x", "phone": ""}])


@pytest.fixture
def users(trainer, admin_user, other_trainer, learner):
    return {
        "anonymous": None,
        "learner": learner,
        "other_trainer": other_trainer,
        "trainer": trainer,
        "admin": admin_user,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_trainer_url_answers_each_role_correctly(
    client, users, role, demo_group, pin_learner, course, invitations, help_request, import_job
):
    if users[role] is not None:
        client.force_login(users[role])
    wrong = []
    for method, url, expected in walk(demo_group, pin_learner, course, invitations, help_request, import_job):
        response = getattr(client, method)(url)
        if response.status_code != expected[role]:
            wrong.append(f"{method.upper()} {url}: {response.status_code}, expected {expected[role]}")
        if role == "anonymous" and response.status_code == 302:
            assert "/accounts/login/" in response["Location"], url
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)


@pytest.mark.django_db
def test_a_learner_sees_their_own_record_page_but_no_one_elses(client, learner, demo_group):
    client.force_login(learner)
    assert client.get(f"/groups/learners/{learner.pk}/").status_code == 200
    other = get_user_model().objects.get(username="learner2")
    assert client.get(f"/groups/learners/{other.pk}/").status_code == 404


@pytest.mark.django_db
def test_co_trainer_sees_the_group_and_a_removed_trainer_does_not(client, make_trainer, demo_group, pin_learner):
    co = make_trainer("co-trainer")
    client.force_login(co)
    assert client.get(f"/groups/{demo_group.pk}/").status_code == 404
    demo_group.trainers.add(co)
    assert client.get(f"/groups/{demo_group.pk}/").status_code == 200
    assert client.get(f"/groups/learners/{pin_learner.pk}/").status_code == 200
    co.groups.clear()  # the role is taken away in the Wagtail admin: listed on the group, but no longer a trainer
    client.force_login(get_user_model().objects.get(pk=co.pk))
    assert client.get(f"/groups/{demo_group.pk}/").status_code == 403
    assert client.get(f"/groups/learners/{pin_learner.pk}/").status_code == 404


@pytest.mark.django_db
def test_export_holds_only_the_trainers_own_groups(client, other_trainer, trainer):
    client.force_login(other_trainer)
    body = b"".join(client.get("/groups/export/?export=csv").streaming_content).decode("utf-8-sig")
    assert "白水村课堂" in body or "bs-learner" in body or body.count("\n") == 1
    assert "青山村数字课堂" not in body and "zhaody001" not in body
    client.force_login(trainer)
    body = b"".join(client.get("/groups/export/?export=csv").streaming_content).decode("utf-8-sig")
    assert "青山村数字课堂" in body and "zhaody001" in body and "白水村课堂" not in body


@pytest.mark.django_db
def test_manage_all_groups_permission_makes_an_administrator(client, demo_group):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(username="county-officer")
    user.user_permissions.add(Permission.objects.get(codename="manage_all_groups"))
    client.force_login(user)
    assert client.get(f"/groups/{demo_group.pk}/").status_code == 200


@pytest.mark.django_db
def test_permission_module_querysets_agree_with_its_yes_no_answers(trainer, other_trainer, learner, admin_user):
    from groups import permissions
    from groups.models import LearningGroup

    User = get_user_model()
    for user in (trainer, other_trainer, learner, admin_user):
        visible_groups = set(permissions.groups_for(user))
        for group in LearningGroup.objects.all():
            assert (group in visible_groups) == permissions.can_manage_group(user, group), (user, group)
        visible = set(permissions.learners_for(user).values_list("pk", flat=True))
        for other in User.objects.all():
            assert (other.pk in visible) == permissions.can_view_learner(user, other), (user, other)
    services.add_member(group=LearningGroup.objects.get(name="白水村课堂"), learner=learner)
    assert permissions.can_view_learner(other_trainer, learner)


@pytest.mark.django_db
def test_roles_are_granted_in_the_wagtail_admin(client, admin_user):
    from django.contrib.auth.models import Group

    trainers = Group.objects.get(name="Trainers")
    assert trainers.permissions.filter(codename="act_as_trainer").exists()  # the data migration
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"  # the labels below are checked in English
    profile.save()
    client.force_login(admin_user)
    page = client.get(f"/admin/groups/edit/{trainers.pk}/").content.decode()
    # Wagtail lists them as the model's custom permissions (dropping the model's name from the label).
    assert "Can run learning groups as a trainer" in page
    assert "Can see and manage every" in page
