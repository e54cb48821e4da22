"""Statistics in the Wagtail admin: URLs, the menu (shown only with the permission), the log action."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import urls
from .exports import EXPORT_ACTION
from .permissions import EXPORT_LEARNERS, VIEW_STATISTICS, statistics_policy


@hooks.register("register_admin_urls")
def register_stats_urls():
    return [path("statistics/", include((urls, "stats"), namespace="stats"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, label, url_name, *, action, **kwargs):
        self.url_name = url_name
        self.action = action
        super().__init__(label, "", **kwargs)

    def is_shown(self, request):
        return statistics_policy.user_has_permission(request.user, self.action)

    def render_component(self, request):
        self.url = reverse(self.url_name)
        return super().render_component(request)


MENU_ITEMS = [
    (_("Overview"), "stats:overview", VIEW_STATISTICS, "table"),
    (_("By course"), "stats:courses", VIEW_STATISTICS, "table"),
    (_("By region"), "stats:regions", VIEW_STATISTICS, "site"),
    (_("By group of people"), "stats:people", VIEW_STATISTICS, "group"),
    (_("By learning group"), "stats:groups", VIEW_STATISTICS, "group"),
    (_("Trends"), "stats:trends", VIEW_STATISTICS, "time"),
    (_("Gaps"), "stats:gaps", VIEW_STATISTICS, "resubmit"),
    (_("Learner-level export"), "stats:learner_export", EXPORT_LEARNERS, "download"),
    (_("xAPI statements"), "stats:statement_export", EXPORT_LEARNERS, "download"),
]


@hooks.register("register_admin_menu_item")
def register_stats_menu():
    items = [
        PermissionMenuItem(label, url_name, action=action, icon_name=icon, order=index * 10)
        for index, (label, url_name, action, icon) in enumerate(MENU_ITEMS)
    ]
    return SubmenuMenuItem(_("Statistics"), Menu(items=items), icon_name="table", name="statistics", order=350)


@hooks.register("register_permissions")
def register_stats_permissions():
    # Lets administrators grant the statistics permissions to groups in Settings > Groups.
    return Permission.objects.filter(content_type__app_label="stats")


@hooks.register("register_log_actions")
def register_export_action(actions):
    actions.register_action(EXPORT_ACTION, _("Export statistics"), _("Exported statistics"))
