"""Certificates in the Wagtail admin: find them, and revoke (or restore) them with a reason.

Its hooks are registered by importing this module from wagtail_hooks.py.

Certificates are issued only by completing a course, and what they say never changes, so the
admin has no add, edit or delete views: staff with the "change certificate" permission revoke
and restore; staff with "view certificate" may look. Both actions go to Wagtail's audit log.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton, MenuItem
from wagtail.log_actions import LogFormatter

from .certificates import RESTORE_ACTION, REVOKE_ACTION, normalise_code, restore_certificate, revoke_certificate
from .models import Certificate


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[("valid", gettext_lazy("Valid")), ("revoked", gettext_lazy("Revoked"))],
        empty_label=gettext_lazy("All"),
        method="filter_status",
    )

    class Meta:
        model = Certificate
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(revoked_at__isnull=(value == "valid"))


class StatusColumn(Column):
    def get_value(self, instance):
        return _("Valid") if instance.is_valid else _("Revoked")


class CertificateIndexView(IndexView):
    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query
        # Codes are read out in groups ("ABCD EFGH JKMN") and typed in any case.
        return queryset.filter(
            Q(code__icontains=normalise_code(query) or query)
            | Q(learner_name__icontains=query)
            | Q(course_title__icontains=query)
            | Q(course_title_en__icontains=query)
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            if instance.is_valid:
                url = reverse("certificates:revoke", args=[instance.pk])
                buttons.append(MenuItem(_("Revoke"), url=url, icon_name="cross", priority=40))
            else:
                url = reverse("certificates:restore", args=[instance.pk])
                buttons.append(MenuItem(_("Restore"), url=url, icon_name="undo", priority=40))
        return buttons


class CertificateInspectView(InspectView):
    def _local(self, value):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else "-"

    def get_issued_at_display_value(self):
        return self._local(self.object.issued_at)

    def get_revoked_at_display_value(self):
        return self._local(self.object.revoked_at)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("change"):
            name, label, icon = (
                ("revoke", _("Revoke"), "cross") if self.object.is_valid else ("restore", _("Restore"), "undo")
            )
            buttons.append(Button(label, url=reverse(f"certificates:{name}", args=[self.object.pk]), icon_name=icon))
        return buttons


class CertificateHistoryView(HistoryView):
    @cached_property
    def header_buttons(self):
        # Wagtail's own shows an "Edit" button even when there is no edit view.
        url = reverse("certificates:inspect", args=[self.object.pk])
        return [HeaderButton(label=pgettext_lazy("certificate", "Inspect"), url=url, icon_name="info-circle")]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revoking"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept in the audit log and shown to the learner. The public check page only says the "
            "certificate was revoked, and when."
        ),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Please give a reason."))
        return reason


class RestoreForm(forms.Form):
    """Nothing to fill in: the page asks for confirmation."""


class CertificateActionView(PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, FormView):
    """Revoke or restore one certificate: a confirmation form, then the domain function."""

    model = Certificate
    permission_required = "change"
    template_name = "assessments/certificate_action.html"
    header_icon = "doc-full"
    action = None  # "revoke" or "restore"

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        if (self.action == "revoke") != self.object.is_valid:
            messages.info(request, _("Nothing to do: the certificate is already in that state."))
            return redirect("certificates:index")
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return RevokeForm if self.action == "revoke" else RestoreForm

    def get_page_title(self):
        return _("Revoke certificate") if self.action == "revoke" else _("Restore certificate")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("certificates:index"), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            certificate=self.object,
            action=self.action,
            action_url=self.request.path,
            submit_button_label=self.get_page_title(),
        )
        return context

    def form_valid(self, form):
        if self.action == "revoke":
            revoke_certificate(certificate=self.object, reason=form.cleaned_data["reason"], by=self.request.user)
            messages.success(self.request, _("Certificate %(code)s revoked.") % {"code": self.object.code})
        else:
            restore_certificate(certificate=self.object, by=self.request.user)
            messages.success(self.request, _("Certificate %(code)s is valid again.") % {"code": self.object.code})
        return redirect("certificates:index")


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    add_to_admin_menu = True
    menu_order = 850
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    history_view_class = CertificateHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "code",
        "learner_name",
        "course_title",
        DateColumn("issued_at", label=gettext_lazy("Issued")),
        StatusColumn("status", label=gettext_lazy("Status")),
    ]
    filterset_class = CertificateFilterSet
    search_fields = ["code", "learner_name", "course_title", "course_title_en"]
    ordering = ["-issued_at"]
    inspect_view_fields = [
        "code",
        "learner_name",
        "course_title",
        "course_title_en",
        "issued_at",
        "revoked_at",
        "revoked_reason",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit or delete views: see the module docstring.
        return super().get_common_view_kwargs(add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("usage/<int:pk>/", self.usage_view, name="usage"),
            path("revoke/<int:pk>/", CertificateActionView.as_view(action="revoke"), name="revoke"),
            path("restore/<int:pk>/", CertificateActionView.as_view(action="restore"), name="restore"),
        ]


class RevokeFormatter(LogFormatter):
    label = gettext_lazy("Revoke certificate")

    def format_message(self, log_entry):
        # The history of a model without revisions shows messages only, so the reason goes in it.
        return _("Certificate revoked: %(reason)s") % {"reason": log_entry.data.get("reason", "")}


class RestoreFormatter(LogFormatter):
    label = gettext_lazy("Restore certificate")
    message = gettext_lazy("Certificate restored")


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates")


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(REVOKE_ACTION)(RevokeFormatter)
    actions.register_action(RESTORE_ACTION)(RestoreFormatter)
