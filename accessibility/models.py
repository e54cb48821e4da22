"""Read-aloud narration: the author's own recording, or speech generated on the server at publish time."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class ReadAloudMixin(models.Model):
    """Gives a page type read-aloud: an optional recording by the author, else generated narration.

    The template marks what is read with ``data-say``; see accessibility.narration.
    """

    narration_recording = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("narration recorded by the author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional MP3 or Ogg recording of this page read aloud. Without one, the site generates "
            "narration automatically when the page is published."
        ),
    )

    read_aloud_panels = [FieldPanel("narration_recording")]

    class Meta:
        abstract = True


class Narration(models.Model):
    """Generated speech for one page, with the start and end time of each read-aloud segment."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="narration")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    source_hash = models.CharField(_("hash of the narrated text"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    mp3 = models.FileField(_("MP3 audio"), upload_to="narration/", blank=True)
    opus = models.FileField(_("Opus audio"), upload_to="narration/", blank=True)
    timings = models.JSONField(_("segment timings"), default=list, blank=True)
    duration_seconds = models.FloatField(_("duration in seconds"), default=0)
    error = models.TextField(_("error"), blank=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)

    class Meta:
        verbose_name = _("narration")
        verbose_name_plural = _("narrations")

    def __str__(self):
        return f"{self.page}: {self.get_status_display()}"

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.mp3)
