from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .preferences import CONTRASTS, COOKIE_MAX_AGE, COOKIE_NAME, TEXT_SIZES, DisplayPreferences


@require_POST
def set_display_preferences(request):
    """A plain form POST, so the control works without JavaScript. Unknown values are ignored."""
    current = DisplayPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))
    size = request.POST.get("text_size")
    contrast = request.POST.get("contrast")
    elder = request.POST.get("elder_mode")
    preferences = DisplayPreferences(
        text_size=size if size in dict(TEXT_SIZES) else current.text_size,
        contrast=contrast if contrast in dict(CONTRASTS) else current.contrast,
        elder_mode=(elder == "1") if elder in ("0", "1") else current.elder_mode,
    )
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/"
    response = redirect(target)
    response.set_cookie(COOKIE_NAME, preferences.to_cookie(), max_age=COOKIE_MAX_AGE, samesite="Lax")
    return response
