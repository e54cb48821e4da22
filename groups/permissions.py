"""Who may see which groups, learners and learning records: the one place every view, export and API asks.

Roles are granted in the Wagtail admin (Settings → Groups): the ``groups.act_as_trainer`` permission
(given to the "Trainers" group by a data migration) makes a trainer; superusers and holders of
``groups.manage_all_groups`` are administrators. A trainer sees only the groups they run (co-trainers
included) and the learners in them; a learner sees their own records; administrators see everything.

Each question has a yes/no form (``can_*``) and a queryset form (``*_for``), and the yes/no form is
answered from the queryset form's rules, so the two never disagree.
"""

from django.contrib.auth import get_user_model

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
