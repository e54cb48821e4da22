"""Learner profile pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .forms import LearnerProfileForm
from .models import Division

REGION_FIELDS = ("province", "prefecture", "county")


def _region_refresh_initial(data):
    """Initial values for a form re-shown after "show places": keep only a consistent region chain."""
    initial = {name: data.get(name, "") for name in LearnerProfileForm.Meta.fields if name not in REGION_FIELDS}
    initial["counted_in_statistics"] = bool(data.get("counted_in_statistics"))
    initial.update(LearnerProfileForm.region_chain(data))
    return initial


@login_required
def profile(request):
    learner_profile = request.user.learner_profile
    if request.method == "POST" and "refresh_region" in request.POST:
        form = LearnerProfileForm(instance=learner_profile, initial=_region_refresh_initial(request.POST))
    elif request.method == "POST":
        form = LearnerProfileForm(request.POST, instance=learner_profile)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile is saved."))
            language = form.cleaned_data.get("preferred_language")
            if language:
                translation.activate(language)
            return redirect("accounts:profile")
    else:
        form = LearnerProfileForm(instance=learner_profile)
    return render(request, "accounts/profile.html", {"form": form})


@require_GET
@cache_control(max_age=86400, public=True)
def division_children(request, code):
    """The divisions under ``code`` in the active language, for the profile form's region lists."""
    children = Division.objects.filter(parent_id=code).order_by("code")
    return JsonResponse({"divisions": [{"code": d.code, "name": d.name} for d in children]})
