"""LRS client credentials and forwarding to an external LRS, in the Wagtail admin."""

from django.contrib.auth.models import Permission
from django.db.models import Min
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import CreateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from . import forwarding
from .forms import LrsClientForm
from .models import ForwardingStatus, LrsClient, OutboxEntry
from .tasks import schedule_forwarding

FORWARDING_PERMISSION = "xapi.manage_forwarding"


class CreateLrsClientView(CreateView):
    """Creates the client with a generated key and secret, and shows the secret this one time."""

    def save_instance(self):
        self.new_secret = self.form.instance.set_new_secret()
        return super().save_instance()

    def get_success_message(self, instance):
        return _(
            "LRS client “%(name)s” created. Key: %(key)s  Secret: %(secret)s  "
            "Copy the secret now: it is stored only as a hash and cannot be shown again."
        ) % {"name": instance.name, "key": instance.key, "secret": self.new_secret}


class LrsClientViewSet(ModelViewSet):
    model = LrsClient
    icon = "key"
    menu_label = gettext_lazy("LRS clients")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["name", "key", "is_active", "created_at"]
    panels = [FieldPanel("name"), FieldPanel("scopes"), FieldPanel("is_active")]
    add_view_class = CreateLrsClientView

    def get_form_class(self, for_update=False):
        return LrsClientForm


@hooks.register("register_admin_viewset")
def register_lrs_clients():
    return LrsClientViewSet("lrs_clients")


class ForwardingView(WagtailAdminTemplateMixin, TemplateView):
    """Forwarding at a glance (backlog, last error, next attempt) and a button to retry at once."""

    template_name = "xapi/admin/forwarding.html"
    page_title = gettext_lazy("Forwarding to an external LRS")
    header_icon = "upload"
    refused_shown = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(FORWARDING_PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Reports")}, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        queued = OutboxEntry.objects.filter(refused=False).aggregate(oldest=Min("queued_at"))
        return super().get_context_data(
            enabled=forwarding.forwarding_enabled(),
            endpoint=forwarding.public_endpoint(),
            queued_count=OutboxEntry.objects.filter(refused=False).count(),
            oldest_queued=queued["oldest"],
            refused=OutboxEntry.objects.filter(refused=True).select_related("statement")[: self.refused_shown],
            refused_count=OutboxEntry.objects.filter(refused=True).count(),
            status=ForwardingStatus.load(),
            next_attempt=forwarding.next_attempt_at(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        count = forwarding.retry_now()
        schedule_forwarding()
        messages.success(
            request,
            ngettext(
                "Retrying %(count)s statement now; reload the page to follow it.",
                "Retrying %(count)s statements now; reload the page to follow them.",
                count,
            )
            % {"count": count},
        )
        return redirect("xapi_forwarding")


class ForwardingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(FORWARDING_PERMISSION)


@hooks.register("register_admin_urls")
def register_forwarding_url():
    return [path("xapi/forwarding/", ForwardingView.as_view(), name="xapi_forwarding")]


@hooks.register("register_reports_menu_item")
def register_forwarding_menu_item():
    return ForwardingMenuItem(
        gettext_lazy("LRS forwarding"),
        reverse("xapi_forwarding"),
        name="lrs-forwarding",
        icon_name="upload",
        order=1100,
    )


@hooks.register("register_permissions")
def register_forwarding_permission():
    return Permission.objects.filter(content_type__app_label="xapi", codename="manage_forwarding")
