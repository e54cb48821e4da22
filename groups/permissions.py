"""Who may see which groups, learners and learning records: the one place every view, export and API asks.

Roles are granted in the Wagtail admin (Settings → Groups): the ``groups.act_as_trainer`` permission
(given to the "Trainers" group by a data migration) makes a trainer; superusers and holders of
``groups.manage_all_groups`` are administrators. A trainer sees only the groups they run (co-trainers
included) and the learners in them; a learner sees their own records; administrators see everything.

Accounts a trainer made (``ManagedAccount``: user name + PIN) are looked after only by the trainers of
the group that made them and by superusers: resetting the PIN, revoking or printing sign-in cards and
seeing the phone number. A learner who joins another group (by its join code or by accepting an
invitation) lets that group follow their learning, not take over their sign-in. Staff and superusers
are never learners in a group.

Each question has a yes/no form (``can_*``) and a queryset form (``*_for``), and the yes/no form is
answered from the queryset form's rules, so the two never disagree.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

TRAINER_PERMISSION = "groups.act_as_trainer"
ADMIN_PERMISSION = "groups.manage_all_groups"


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def is_admin(user):
    return _signed_in(user) and (user.is_superuser or user.has_perm(ADMIN_PERMISSION))


def is_trainer(user):
    """A trainer or an administrator: may open the trainer pages at all."""
    return _signed_in(user) and (user.is_superuser or user.has_perm(TRAINER_PERMISSION) or is_admin(user))


def groups_for(user):
    """The groups ``user`` may see and manage."""
    from .models import LearningGroup

    if is_admin(user):
        return LearningGroup.objects.all()
    if is_trainer(user):
        return LearningGroup.objects.filter(trainers=user)
    return LearningGroup.objects.none()


def can_manage_group(user, group):
    if is_admin(user):
        return True
    return is_trainer(user) and group.trainers.filter(pk=user.pk).exists()


def learners_for(user):
    """The users whose learning records ``user`` may see: themselves, their groups' learners, or all."""
    users = get_user_model().objects.all()
    if not _signed_in(user):
        return users.none()
    if is_admin(user):
        return users
    if is_trainer(user):
        in_my_groups = users.filter(group_memberships__group__trainers=user).values("pk")
        return users.filter(pk__in=in_my_groups) | users.filter(pk=user.pk)
    return users.filter(pk=user.pk)


def can_view_learner(user, learner):
    if not _signed_in(user):
        return False
    if user.pk == learner.pk or is_admin(user):
        return True
    return is_trainer(user) and learner.group_memberships.filter(group__trainers=user).exists()


def records_for(user, queryset, learner_field="learner"):
    """``queryset`` (enrolments, statements, attempts…) narrowed to the records ``user`` may see."""
    if is_admin(user):
        return queryset
    return queryset.filter(**{f"{learner_field}__in": learners_for(user).values("pk")})


def can_view_record(user, record, learner_field="learner"):
    learner = getattr(record, learner_field)
    return learner is not None and can_view_learner(user, learner)


def can_lift_sign_in_wait(user, learner):
    """A trainer of one of ``learner``'s groups (or an administrator), never for their own account."""
    if not _signed_in(user) or user.pk == learner.pk:
        return False
    return groups_for(user).filter(memberships__learner=learner).exists()


def may_be_learner(user):
    """Whether ``user`` may be put in a group as a learner: not staff or superusers, whose trainers could
    then see their records (and whose sign-in must never pass through a trainer)."""
    return not (user.is_staff or user.is_superuser)


def managed_accounts_for(user):
    """The trainer-made accounts whose PIN ``user`` may reset, whose cards they may revoke or print.

    Superusers: all. Trainers: those made in a group they run (owner or co-trainer), never their own.
    Holders of ``manage_all_groups`` follow every group but do not get to sign in as its learners.
    """
    from .models import ManagedAccount

    if not _signed_in(user):
        return ManagedAccount.objects.none()
    if user.is_superuser:
        return ManagedAccount.objects.all()
    if is_trainer(user):
        return ManagedAccount.objects.filter(created_in_group__trainers=user).exclude(user=user)
    return ManagedAccount.objects.none()


def can_manage_account(user, learner):
    return managed_accounts_for(user).filter(user=learner).exists()


def phones_visible_for(user):
    """The users whose mobile number ``user`` may see: their own; superusers all; otherwise a trainer-made
    account only if ``user`` may manage it, and a self-made account if ``user`` may see its records
    (it joined their group itself or accepted their invitation)."""
    from .models import ManagedAccount

    users = get_user_model().objects.all()
    if not _signed_in(user):
        return users.none()
    if user.is_superuser:
        return users
    self_made = Q(pk__in=learners_for(user).values("pk")) & ~Q(pk__in=ManagedAccount.objects.values("user_id"))
    managed = Q(pk__in=managed_accounts_for(user).values("user_id"))
    return users.filter(Q(pk=user.pk) | managed | self_made)


def can_see_phone(user, learner):
    return phones_visible_for(user).filter(pk=learner.pk).exists()


def invitations_for(user):
    """The invitations ``user`` may answer: their own, and only while they wait for an answer."""
    from .models import GroupInvitation

    if not _signed_in(user):
        return GroupInvitation.objects.none()
    return GroupInvitation.objects.filter(learner=user, status=GroupInvitation.Status.PENDING)
