from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import LrsClient


class LrsClientForm(WagtailAdminModelForm):
    """Scopes as tick boxes; the key and secret are generated, never typed."""

    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=LrsClient.Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = LrsClient
        fields = ["name", "scopes", "is_active"]
