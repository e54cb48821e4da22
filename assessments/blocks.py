"""Blocks for questions' answer options and for the "check yourself" quiz inside a lesson."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class ChoiceOptionBlock(blocks.StructBlock):
    """An option to choose, or a step to put in order (then the options are listed in the right order)."""

    text = blocks.CharBlock(label=pgettext_lazy("block field", "Text"), required=False, max_length=250)
    image = ImageChooserBlock(label=_("Picture"), required=False)
    alt = blocks.CharBlock(label=_("What the picture shows"), required=False, max_length=250)
    correct = blocks.BooleanBlock(label=_("This is a right answer"), required=False, default=False)
    feedback = blocks.TextBlock(label=_("Feedback when chosen"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Option or step")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not (value.get("text") or "").strip() and not value.get("image"):
            errors["text"] = ValidationError(_("Write the option, or choose a picture."))
        if value.get("image") and not (value.get("alt") or "").strip():
            errors["alt"] = ValidationError(_("Say what the picture shows, for people who cannot see it."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class MatchingPairBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("Item"), max_length=200)
    match = blocks.CharBlock(label=_("Its match"), max_length=200)
    feedback = blocks.TextBlock(label=_("Feedback when matched wrongly"), required=False)

    class Meta:
        icon = "link"
        label = _("Matching pair")


class AcceptedTextBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Accepted answer"),
        max_length=200,
        help_text=_("Spaces, punctuation, capitals and full-width or half-width characters are ignored."),
    )

    class Meta:
        icon = "edit"
        label = _("Accepted text answer")


class AcceptedNumberBlock(blocks.StructBlock):
    value = blocks.FloatBlock(label=_("Number"))
    tolerance = blocks.FloatBlock(label=_("Also accept this much more or less"), default=0, min_value=0)

    class Meta:
        icon = "order"
        label = _("Accepted number")


class HotspotRegionBlock(blocks.StructBlock):
    """A spot on the screenshot, in the picture's own pixels (the preview below the answers shows it)."""

    label = blocks.CharBlock(label=_("Name of the spot (for authors)"), max_length=100)
    shape = blocks.ChoiceBlock(
        label=_("Shape"), choices=[("rect", _("Rectangle")), ("circle", _("Circle"))], default="rect"
    )
    x = blocks.IntegerBlock(label=_("Left (or centre) x"), min_value=0)
    y = blocks.IntegerBlock(label=_("Top (or centre) y"), min_value=0)
    width = blocks.IntegerBlock(label=_("Width (rectangle)"), min_value=1, required=False)
    height = blocks.IntegerBlock(label=_("Height (rectangle)"), min_value=1, required=False)
    radius = blocks.IntegerBlock(label=_("Radius (circle)"), min_value=1, required=False)
    correct = blocks.BooleanBlock(label=_("Tapping here is right"), required=False, default=True)
    feedback = blocks.TextBlock(label=_("Feedback when tapped"), required=False)

    class Meta:
        icon = "crosshairs"
        label = _("Spot on the screenshot")

    def clean(self, value):
        value = super().clean(value)
        if value.get("shape") == "circle" and not value.get("radius"):
            raise StructBlockValidationError(block_errors={"radius": ValidationError(_("Give the circle a radius."))})
        if value.get("shape") == "rect" and not (value.get("width") and value.get("height")):
            raise StructBlockValidationError(
                block_errors={"width": ValidationError(_("Give the rectangle a width and a height."))}
            )
        return value


class QuestionOptionsBlock(blocks.StreamBlock):
    choice = ChoiceOptionBlock()
    pair = MatchingPairBlock()
    accepted_text = AcceptedTextBlock()
    accepted_number = AcceptedNumberBlock()
    region = HotspotRegionBlock()

    class Meta:
        required = False


class CheckYourselfBlock(blocks.StructBlock):
    """A short practice quiz in a lesson: instant feedback, never graded, never blocks progress."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120, help_text=_("Default: Check yourself"))
    questions = blocks.ListBlock(
        SnippetChooserBlock("assessments.Question"), label=_("Questions"), required=False, min_num=0
    )
    tag = blocks.CharBlock(label=_("Or draw questions at random from this tag"), required=False, max_length=100)
    count = blocks.IntegerBlock(label=_("How many to draw"), required=False, min_value=1, max_value=20, default=3)

    class Meta:
        icon = "help"
        label = _("Check yourself (quiz)")
        template = "assessments/blocks/check_yourself.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("questions") and not (value.get("tag") or "").strip():
            raise StructBlockValidationError(
                block_errors={"questions": ValidationError(_("Choose questions, or give a tag to draw them from."))}
            )
        return value
