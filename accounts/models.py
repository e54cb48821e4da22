"""Learner accounts: the user model, the learner profile and China's administrative divisions."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The site's user: a phone number is a first-class sign-in identifier beside e-mail and user name.

    Phone numbers are stored in E.164 form (+8613800000000) so that one number has one spelling.
    """

    phone = models.CharField(_("mobile phone number"), max_length=20, unique=True, null=True, blank=True)
    phone_verified = models.BooleanField(_("phone number verified"), default=False)
    # The learner's name in xAPI statements: opaque, so no phone, e-mail or name leaves the site.
    xapi_id = models.UUIDField(_("learning-record id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return user_display(self)


def user_display(user):
    """What the site calls a person: their chosen display name, else whatever identifies them."""
    profile = getattr(user, "learner_profile", None) if user.pk else None
    if profile and profile.display_name:
        return profile.display_name
    return user.get_full_name() or user.username


class Division(models.Model):
    """An administrative division of China (GB/T 2260 code): province, prefecture or county level."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Province")
        PREFECTURE = 2, _("Prefecture")
        COUNTY = 3, _("County")

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh


class LearnerProfile(models.Model):
    """What a learner tells us about themselves; everything except the name is optional.

    Region, urban/rural, audience group and age band feed the statistics that measure the
    digital divide, and only for learners who consent to being counted.
    """

    class AudienceGroup(models.TextChoices):
        FARMER = "farmers", _("Farmer")
        ELDERLY = "elderly", _("Older person")
        STUDENT = "students", _("Student")
        OTHER = "everyone", _("Other")

    class AgeBand(models.TextChoices):
        UNDER_18 = "under18", _("Under 18")
        AGE_18_34 = "18-34", _("18 to 34")
        AGE_35_59 = "35-59", _("35 to 59")
        AGE_60_69 = "60-69", _("60 to 69")
        AGE_70_PLUS = "70plus", _("70 or older")

    class Area(models.TextChoices):
        URBAN = "urban", _("Town or city")
        RURAL = "rural", _("Countryside")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="learner_profile")
    display_name = models.CharField(_("name"), max_length=60)
    audience_group = models.CharField(_("I am"), max_length=16, choices=AudienceGroup.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    province = models.ForeignKey(
        Division, verbose_name=_("province"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    prefecture = models.ForeignKey(
        Division,
        verbose_name=_("city or prefecture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    county = models.ForeignKey(
        Division,
        verbose_name=_("county or district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    area = models.CharField(_("I live in"), max_length=8, choices=Area.choices, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=[("zh-hans", "简体中文"), ("en", "English")], blank=True
    )
    counted_in_statistics = models.BooleanField(
        _("count my learning in anonymous statistics"),
        default=True,
        help_text=_("Statistics help the county plan classes. They never show your name or phone number."),
    )
    display_settings = models.CharField(
        _("display settings"), max_length=32, blank=True, help_text=_("Text size, contrast and elder mode.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self):
        return self.display_name
