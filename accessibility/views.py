"""The display-settings control (one-tap buttons in the header and a full settings page) and the help page."""

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from .preferences import COOKIE_MAX_AGE, COOKIE_NAME, preferences_for


def display_settings(request):
    """GET shows the settings page; POST (a plain form, so it works without JavaScript) saves."""
    if request.method != "POST":
        return render(request, "accessibility/display_settings.html")
    preferences = preferences_for(request).updated(request.POST)
    if request.user.is_authenticated:
        profile = request.user.learner_profile
        profile.display_settings = preferences.to_cookie()
        profile.save(update_fields=["display_settings", "updated_at"])
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/"
    response = redirect(target)
    response.set_cookie(COOKIE_NAME, preferences.to_cookie(), max_age=COOKIE_MAX_AGE, samesite="Lax")
    return response


def help_page(request):
    """How to use the site's aids (bigger text, read-aloud, offline, a trainer's sign-in card), in plain words."""
    return render(request, "accessibility/help.html")
