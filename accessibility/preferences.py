"""Display preferences (text size, contrast, elder mode, motion) kept in a cookie so they work for everyone.

A cookie rather than the session: it survives signing out, needs no database row, and the page is
rendered in the right size from the very first byte, without JavaScript. Signed-in learners also get
their choice saved to their profile, so it follows them to another phone.
"""

from dataclasses import dataclass, replace

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
    reduced_motion: bool = False

    @classmethod
    def from_cookie(cls, raw):
        """Parse ``size.contrast.elder.motion``; anything unexpected falls back to the defaults."""
        parts = (raw or "").split(".")
        size = parts[0] if parts and parts[0] in dict(TEXT_SIZES) else "normal"
        contrast = parts[1] if len(parts) > 1 and parts[1] in dict(CONTRASTS) else "normal"
        elder = len(parts) > 2 and parts[2] == "1"
        motion = len(parts) > 3 and parts[3] == "1"
        return cls(size, contrast, elder, motion)

    def to_cookie(self):
        return f"{self.text_size}.{self.contrast}.{int(self.elder_mode)}.{int(self.reduced_motion)}"

    def updated(self, data):
        """A copy changed by the valid values in ``data`` (a POST); invalid values are ignored."""
        changes = {}
        if data.get("text_size") in dict(TEXT_SIZES):
            changes["text_size"] = data["text_size"]
        if data.get("contrast") in dict(CONTRASTS):
            changes["contrast"] = data["contrast"]
        for flag in ("elder_mode", "reduced_motion"):
            if data.get(flag) in ("0", "1"):
                changes[flag] = data[flag] == "1"
        return replace(self, **changes)

    @property
    def css_classes(self):
        classes = [f"text-{self.text_size}", f"contrast-{self.contrast}"]
        if self.elder_mode:
            classes.append("elder-mode")
        if self.reduced_motion:
            classes.append("reduce-motion")
        return " ".join(classes)


def preferences_for(request):
    """This device's choice (cookie), else the signed-in learner's saved choice, else the defaults."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if raw is None and getattr(request, "user", None) is not None and request.user.is_authenticated:
        profile = getattr(request.user, "learner_profile", None)
        raw = getattr(profile, "display_settings", "") or None
    return DisplayPreferences.from_cookie(raw)


def display_preferences(request):
    """Context processor: the reader's display preferences as ``display``."""
    return {"display": preferences_for(request), "text_sizes": TEXT_SIZES, "contrasts": CONTRASTS}
