"""Who may see statistics: three custom permissions, checked by one explicit policy.

Wagtail's ``ReportView`` without a model lets every user who can reach the admin in; each statistics
view therefore names this policy and the permission it needs.
"""

from wagtail.permission_policies.base import BasePermissionPolicy

VIEW_STATISTICS = "view_statistics"
VIEW_PERSONAL_DATA = "view_personal_data"
EXPORT_LEARNERS = "export_learners"


class StatisticsPermissionPolicy(BasePermissionPolicy):
    """Actions are the codenames of ``stats.ExportRecord``'s custom permissions."""

    def __init__(self):
        super().__init__("stats.ExportRecord")

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.has_perm(f"stats.{action}"))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        codenames = list(actions)
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(user_permissions__content_type__app_label="stats", user_permissions__codename__in=codenames)
                | Q(groups__permissions__content_type__app_label="stats", groups__permissions__codename__in=codenames)
            )
            .distinct()
        )


statistics_policy = StatisticsPermissionPolicy()
