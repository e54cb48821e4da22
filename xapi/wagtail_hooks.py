"""LRS client credentials, managed in the Wagtail admin by administrators."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import LrsClientForm
from .models import LrsClient


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
