"""Trainer and administrator roles are granted in the Wagtail admin (Settings → Groups)."""

from django.contrib.auth.models import Permission
from wagtail import hooks


@hooks.register("register_permissions")
def register_group_permissions():
    return Permission.objects.filter(
        content_type__app_label="groups", codename__in=["act_as_trainer", "manage_all_groups"]
    )
