"""Forms learners fill in: sign-up, sign-in and their profile."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import LoginForm, SignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accessibility.forms import TypedTextField
from accessibility.text import normalise_typed_text

from .models import Division, LearnerProfile
from .phone import normalise_phone

PHONE_REGISTERED_MESSAGE = _("This mobile number is already registered. Sign in with an SMS code instead.")


class LearnerSignupForm(SignupForm):
    """Sign up with a mobile number or an e-mail address (at least one), and a name to be called by.

    With a mobile number no password is needed: the number is confirmed by an SMS 验证码 and the learner
    signs in by code from then on (a password can be added later in the profile). With only an e-mail
    address a password is required, as it is then the only way back in.

    A number that already has an account is named as such ("already registered"), unlike sign-in by
    code, which answers alike for every number. allauth's ``PREVENT_ENUMERATION`` would instead show
    "code sent" and send nothing (the adapter texts no one on sign-up), leaving the person waiting for
    an SMS that never comes. Saying it plainly here tells no more than allauth's own sign-up form tells
    about a taken user name, it is what every Chinese app's sign-up says, and it sends no SMS, so it is
    no help to SMS pumping; guessing numbers through it is slowed by the ``signup`` rate limit.
    """

    display_name = TypedTextField(
        label=_("Your name"),
        max_length=60,
        help_text=_("The name your trainer and certificates will show."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["display_name", "phone", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.phone_registered = None
        self.fields["phone"].label = _("Mobile phone number")
        self.fields["phone"].help_text = _(
            "We send an SMS code to this number. Or fill in your e-mail address instead, or both."
        )
        self.fields["email"].label = _("E-mail address (optional if you gave a phone number)")
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["phone"].widget.attrs.pop("placeholder", None)
        self.fields["password1"].label = _("Password (optional if you gave a mobile number)")
        self.fields["password1"].help_text = format_html(
            "<p>{}</p>{}",
            _("With a mobile number you sign in with an SMS code; you can add a password later in your profile."),
            self.fields["password1"].help_text,
        )
        self.fields["password2"].label = _("Password again")
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)

    def _clean_phone(self):
        """A registered number is an error on this form, said plainly (see the class docstring)."""
        phone = self.cleaned_data.get("phone")
        if phone and get_adapter().get_user_by_phone(phone) is not None:
            self.phone_registered = phone
            self.add_error("phone", PHONE_REGISTERED_MESSAGE)

    def clean(self):
        cleaned_data = super().clean()
        no_phone = not cleaned_data.get("phone") and not self.has_error("phone")
        nothing_given = no_phone and not cleaned_data.get("email")
        if nothing_given and not self.has_error("email"):
            self.add_error("phone", _("Please give a mobile phone number or an e-mail address."))
        elif no_phone and not cleaned_data.get("password1") and not self.has_error("password1"):
            self.add_error(
                "password1", _("Please choose a password: without a mobile number, it is how you sign in again.")
            )
        return cleaned_data

    def signup(self, request, user):
        profile = user.learner_profile
        profile.display_name = self.cleaned_data["display_name"].strip()
        profile.save(update_fields=["display_name", "updated_at"])


class LearnerLoginForm(LoginForm):
    """allauth's sign-in form with a plain label and mobile-friendly attributes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Mobile number, e-mail or user name")
        login.widget.attrs.update({"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"})
        login.widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this phone")

    def clean_login(self):
        """A phone number is looked up in the one spelling it is stored in (E.164)."""
        login = normalise_typed_text(super().clean_login())
        if "@" not in login:
            try:
                return normalise_phone(login)
            except ValidationError:
                pass
        return login


class CardLoginForm(LearnerLoginForm):
    """Sign in with the card a trainer printed: its user name and 6-digit 数字密码 (PIN).

    The same sign-in as the main form (same limits and per-account wait), worded as the card is, with
    the number pad for the PIN. ``current-password``, not ``one-time-code``: the PIN stays the same.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("User name (on your card)")
        password = self.fields["password"]
        password.label = _("PIN (the 6 digits on your card)")
        password.widget.attrs.update({"inputmode": "numeric", "autocomplete": "current-password"})
        password.help_text = format_html(
            '<a href="{}">{}</a>', reverse("account_reset_password"), _("Forgot your PIN?")
        )


class FindAccountForm(forms.Form):
    """ "Forgot password": one box for a mobile number, an e-mail address or a user name.

    ``kind`` says which was typed ("phone", "email" or "username"); the view routes by it.
    """

    login = forms.CharField(
        label=_("Mobile number, e-mail or user name"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )

    def clean_login(self):
        login = normalise_typed_text(self.cleaned_data["login"]).strip()
        if "@" in login:
            validate_email(login)
            self.kind = "email"
            return login.lower()
        try:
            phone = normalise_phone(login)
        except ValidationError:
            # Digits only (with spaces or dashes) is a mistyped number, not a user name.
            if not any(c.isalpha() for c in login):
                raise
        else:
            self.kind = "phone"
            return phone
        self.kind = "username"
        return login


class DivisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RegionForm(forms.Form):
    """Province, city and county lists, each narrowed by the choice above it (profile and group forms).

    Without JavaScript a "show places" button reloads the form with the narrowed lists
    (``region_chain`` keeps only a consistent choice); with JavaScript the lists refresh on change.
    """

    province = DivisionChoiceField(
        label=_("Province"),
        queryset=Division.objects.filter(level=Division.Level.PROVINCE),
        required=False,
        empty_label=_("Choose…"),
    )
    prefecture = DivisionChoiceField(
        label=_("City or prefecture"), queryset=Division.objects.none(), required=False, empty_label=_("Choose…")
    )
    county = DivisionChoiceField(
        label=_("County or district"), queryset=Division.objects.none(), required=False, empty_label=_("Choose…")
    )
    region_fields = ("province", "prefecture", "county")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province = self._selected("province")
        prefecture = self._selected("prefecture")
        if province:
            self.fields["prefecture"].queryset = Division.objects.filter(parent_id=province)
        if prefecture:
            self.fields["county"].queryset = Division.objects.filter(parent_id=prefecture)

    def _selected(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name)) or None
        if name in self.initial:
            return self.initial[name] or None
        return getattr(getattr(self, "instance", None), f"{name}_id", None)

    @classmethod
    def region_chain(cls, data):
        """The region codes in ``data`` as far as each lies inside the one above it."""
        chain = {}
        parent = None
        for name in cls.region_fields:
            code = data.get(name) or ""
            division = Division.objects.filter(code=code).first() if code else None
            if division is None or (name != "province" and division.parent_id != parent):
                break
            chain[name] = division.code
            parent = division.code
        return chain

    def clean(self):
        cleaned_data = super().clean()
        province, prefecture, county = (cleaned_data.get(n) for n in ("province", "prefecture", "county"))
        if prefecture and prefecture.parent_id != getattr(province, "code", None):
            self.add_error("prefecture", _("This city is not in the province you chose."))
        if county and county.parent_id != getattr(prefecture, "code", None):
            self.add_error("county", _("This county is not in the city you chose."))
        return cleaned_data


class LearnerProfileForm(RegionForm, forms.ModelForm):
    """The profile form. Region is chosen province first; each choice narrows the next list."""

    class Meta:
        model = LearnerProfile
        fields = [
            "display_name",
            "audience_group",
            "age_band",
            "province",
            "prefecture",
            "county",
            "area",
            "preferred_language",
            "counted_in_statistics",
        ]
        field_classes = {"display_name": TypedTextField}
        widgets = {
            "audience_group": forms.RadioSelect,
            "age_band": forms.RadioSelect,
            "area": forms.RadioSelect,
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("audience_group", "age_band", "area", "preferred_language"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
            self.fields[name].required = False
        self.fields["preferred_language"].widget = forms.RadioSelect(choices=self.fields["preferred_language"].choices)
