"""One place that turns whatever a person types as a phone number into E.164."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CHINA_MOBILE = re.compile(r"^1[3-9]\d{9}$")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
INVALID_PHONE_MESSAGE = _(
    "Please enter an 11-digit mobile number such as 138 0013 8000, or a number starting with + and the country code."
)


def normalise_phone(value):
    """Return the number in E.164 form, or raise ValidationError.

    Accepts full-width digits, spaces, dashes and brackets (phone keyboards and voice input
    produce all of them), a leading 0086 / 86, and bare 11-digit Chinese mobile numbers.
    """
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = re.sub(r"[\s\-()（）.·]", "", text)
    if text.startswith("00"):
        text = "+" + text[2:]
    if CHINA_MOBILE.match(text):
        return "+86" + text
    if text.startswith("86") and CHINA_MOBILE.match(text[2:]):
        return "+" + text
    if text.startswith("+86") and not CHINA_MOBILE.match(text[3:]):
        raise ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone")
    if E164.match(text):
        return text
    raise ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone")


def display_phone(e164):
    """A Chinese mobile number as people read it: 138 0013 8000."""
    if e164 and e164.startswith("+86") and len(e164) == 14:
        digits = e164[3:]
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return e164 or ""
