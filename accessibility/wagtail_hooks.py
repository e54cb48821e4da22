"""Wagtail's accessibility checker for authors, tuned to what our learners need.

Authors see it in the page editor's checks panel and in the userbar on previews: missing alt
text, headings out of order, videos without captions, weak contrast and small tap targets.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import AccessibilityItem, ContentCheckerItem


class LearnerAccessibilityItem(ContentCheckerItem):
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "video-caption",
        "color-contrast",
        "target-size",
        "document-title",
        "html-has-lang",
        "label",
        "list",
        "listitem",
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image without a description"),
            "help_text": _("Describe what the picture shows, or mark it as decoration only."),
        },
        "video-caption": {
            "error_name": _("Video without captions"),
            "help_text": _("Add a WebVTT captions file so that people who cannot hear can follow."),
        },
        "target-size": {
            "error_name": _("Button or link too small to tap"),
            "help_text": _("Make it at least 48 by 48 pixels; older fingers miss small targets."),
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_learner_accessibility_checks(request, items, page):
    for index, item in enumerate(items):
        if type(item) in (AccessibilityItem, ContentCheckerItem):
            items[index] = LearnerAccessibilityItem(in_editor=item.in_editor)
