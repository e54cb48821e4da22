"""allauth adapter: stores phone numbers on the user, sends codes through the SMS sender, and makes an
account wait after wrong PINs."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from . import sign_in_wait
from .fields import ChinaPhoneField
from .models import User
from .sms import get_sms_sender


class LearnerAccountAdapter(DefaultAccountAdapter):
    """Adds phone-number sign-up and sign-in, which allauth leaves to the project."""

    def phone_form_field(self, **kwargs):
        return ChinaPhoneField(**kwargs)

    def set_phone(self, user, phone, verified):
        user.phone = phone
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        if user.phone:
            return user.phone, user.phone_verified
        return None

    def set_phone_verified(self, user, phone):
        User.objects.filter(pk=user.pk, phone=phone).update(phone_verified=True)
        user.phone_verified = True

    def get_user_by_phone(self, phone):
        return User.objects.filter(phone=phone).order_by("pk").first()

    def send_verification_code_sms(self, user, phone, code, **kwargs):
        language = getattr(getattr(user, "learner_profile", None), "preferred_language", "") or None
        with translation.override(language or translation.get_language()):
            text = gettext(
                "Digital Literacy Classroom: your code is %(code)s. It is valid for 15 minutes. "
                "Never tell this code to anyone, not even someone who says they are staff."
            ) % {"code": code}
        get_sms_sender().send(phone, text)

    # send_unknown_account_sms and send_account_already_exists_sms are deliberately allauth's no-ops:
    # texting whatever number is typed into "sign in by code" or "sign up" let anyone make the site send
    # SMS to numbers of their choosing (SMS pumping). The page answers exactly as for a known number.

    def pre_authenticate(self, request, **credentials):
        """allauth's per-address limit, then this account's wait (accounts/sign_in_wait.py)."""
        super().pre_authenticate(request, **credentials)
        self._sign_in_wait_key = sign_in_wait.key_for(credentials)
        try:
            sign_in_wait.reserve(key=self._sign_in_wait_key)
        except sign_in_wait.Waiting as waiting:
            # A refused try checks no PIN, so it does not count against the address either.
            self._rollback_login_failed_rl_usage()
            raise ValidationError(waiting.message, code="too_many_login_attempts") from None
        except sign_in_wait.Busy:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts") from None

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            sign_in_wait.clear(key=self._sign_in_wait_key)
            if self._sign_in_wait_key != sign_in_wait.user_key(user):
                sign_in_wait.clear(key=sign_in_wait.user_key(user))
        return user
