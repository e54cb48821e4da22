"""allauth adapter: stores phone numbers on the user and sends codes through the SMS sender."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.translation import gettext

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

    def send_unknown_account_sms(self, phone, **kwargs):
        get_sms_sender().send(
            phone, gettext("Digital Literacy Classroom: no account uses this number. You can sign up for free.")
        )
