"""StreamField blocks for lesson bodies. Each block has its own template in templates/courses/blocks/."""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from assessments.blocks import CheckYourselfBlock

PARAGRAPH_FEATURES = ["bold", "italic", "ol", "ul", "link"]
VIDEO_EXTENSIONS = {".mp4", ".webm"}
AUDIO_EXTENSIONS = {".mp3", ".ogg", ".opus", ".m4a", ".webm"}


def _extension(document):
    return PurePosixPath(document.file.name).suffix.lower() if document else ""


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=pgettext_lazy("heading", "Level"),
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-heading (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading.html"


class AccessibleImageBlock(blocks.StructBlock):
    """An image that must describe itself unless it is marked as decoration."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Description for people who cannot see the image"),
        required=False,
        max_length=250,
        help_text=_("Say what the picture shows and why it matters, e.g. 'The green button starts the call'."),
    )
    decorative = blocks.BooleanBlock(label=_("Decoration only (no description needed)"), required=False, default=False)
    caption = blocks.CharBlock(label=pgettext_lazy("picture", "Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt": ValidationError(_("Describe the image, or mark it as decoration only."))}
            )
        return value


class StepBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("What to do"))
    screenshot = ImageChooserBlock(label=_("Phone screenshot"), required=False)
    screenshot_alt = blocks.CharBlock(label=_("What the screenshot shows"), required=False, max_length=250)
    tip = blocks.TextBlock(label=_("Tip"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")

    def clean(self, value):
        value = super().clean(value)
        if value.get("screenshot") and not (value.get("screenshot_alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={"screenshot_alt": ValidationError(_("Describe what the screenshot shows."))}
            )
        return value


class StepsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(StepBlock(), **kwargs)

    class Meta:
        icon = "list-ol"
        label = _("Step-by-step instructions")
        template = "courses/blocks/steps.html"


class VideoBlock(blocks.StructBlock):
    """A self-hosted video. Captions, a transcript and a poster are required, not optional."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    video = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"))
    captions = DocumentChooserBlock(label=_("Captions (WebVTT file)"))
    poster = ImageChooserBlock(label=_("Poster image"))
    transcript = blocks.TextBlock(label=_("Transcript"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if _extension(value.get("video")) not in VIDEO_EXTENSIONS:
            errors["video"] = ValidationError(_("Choose an MP4 or WebM video file."))
        if _extension(value.get("captions")) != ".vtt":
            errors["captions"] = ValidationError(_("Captions must be a WebVTT (.vtt) file."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class AudioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    audio = DocumentChooserBlock(label=_("Audio file (MP3, Ogg or M4A)"))
    transcript = blocks.TextBlock(label=_("Transcript"))

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "courses/blocks/audio.html"

    def clean(self, value):
        value = super().clean(value)
        if _extension(value.get("audio")) not in AUDIO_EXTENSIONS:
            raise StructBlockValidationError(
                block_errors={"audio": ValidationError(_("Choose an MP3, Ogg or M4A audio file."))}
            )
        return value


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("safety", _("Safety notice (e.g. anti-fraud)"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.TextBlock(label=pgettext_lazy("block field", "Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "courses/blocks/callout.html"


class KeyTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"), max_length=80)
    explanation = blocks.TextBlock(label=_("Plain explanation"))


class KeyTermsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyTermBlock(), **kwargs)

    class Meta:
        icon = "help"
        label = _("Key terms")
        template = "courses/blocks/key_terms.html"


class TryItBlock(blocks.StructBlock):
    """A practice task done on the learner's own phone, confirmed with an "I did it" button."""

    task = blocks.TextBlock(label=pgettext_lazy("practice task", "Task"))
    hint = blocks.TextBlock(label=_("Hint"), required=False)

    class Meta:
        icon = "tick-inverse"
        label = _("Try it yourself")
        template = "courses/blocks/try_it.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=PARAGRAPH_FEATURES, template="courses/blocks/paragraph.html"
    )
    image = AccessibleImageBlock()
    steps = StepsBlock()
    video = VideoBlock()
    audio = AudioBlock()
    callout = CalloutBlock()
    key_terms = KeyTermsBlock()
    try_it = TryItBlock()
    quiz = CheckYourselfBlock()
