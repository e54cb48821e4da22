"""Display preferences (text size, contrast, elder mode) kept in a cookie so they work for everyone.

A cookie rather than the session: it survives signing out, needs no database row, and the page can
be rendered in the right size on the very first byte, without JavaScript.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COOKIE_NAME = "lms_display"
COOKIE_MAX_AGE = 365 * 24 * 3600
TEXT_SIZES = [("normal", _("Normal text")), ("large", _("Large text")), ("xlarge", _("Extra large text"))]
CONTRASTS = [("normal", _("Normal colours")), ("high", _("High contrast"))]


@dataclass(frozen=True)
class DisplayPreferences:
    text_size: str = "normal"
    contrast: str = "normal"
    elder_mode: bool = False

    @classmethod
    def from_cookie(cls, raw):
        """Parse ``size.contrast.elder``; anything unexpected falls back to the defaults."""
        parts = (raw or "").split(".")
        size = parts[0] if parts and parts[0] in dict(TEXT_SIZES) else "normal"
        contrast = parts[1] if len(parts) > 1 and parts[1] in dict(CONTRASTS) else "normal"
        elder = len(parts) > 2 and parts[2] == "1"
        return cls(size, contrast, elder)

    def to_cookie(self):
        return f"{self.text_size}.{self.contrast}.{int(self.elder_mode)}"

    @property
    def css_classes(self):
        classes = [f"text-{self.text_size}", f"contrast-{self.contrast}"]
        if self.elder_mode:
            classes.append("elder-mode")
        return " ".join(classes)


def display_preferences(request):
    """Context processor: the reader's display preferences as ``display``."""
    return {
        "display": DisplayPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME)),
        "text_sizes": TEXT_SIZES,
    }
