"""Form fields shared by the account forms."""

from allauth.account.fields import PhoneField
from django import forms
from django.utils.translation import gettext_lazy as _

from .phone import normalise_phone


class ChinaPhoneField(PhoneField):
    """allauth's phone field, accepting numbers as people type them and storing E.164."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [])
        kwargs.setdefault("label", _("Mobile phone number"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        return normalise_phone(value)
