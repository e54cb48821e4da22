"""Learner profile pages, and the sign-in pages that allauth does not shape for this audience."""

import time
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.account.forms import RequestLoginCodeForm, ResetPasswordForm, SetPasswordForm
from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess
from allauth.account.internal.flows.password_change import finalize_password_change, finalize_password_set
from allauth.account.views import LoginView, PasswordResetView
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .forms import CardLoginForm, FindAccountForm, LearnerProfileForm
from .models import Division, user_display

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


class CardLoginView(LoginView):
    """Sign-in for trainer-made accounts, worded like their printed card (user name + 数字密码)."""

    template_name = "account/login_card.html"

    def get_form_class(self):
        return CardLoginForm


def card_account_help(login):
    """Who can give a new PIN to the trainer-made account signed in as ``login``, or None.

    Shown to anyone who types the user name on "Forgot password", so it is kept to what the group's
    join poster already shows: the group's name and its trainers' display names. Never the learner's
    name, phone, place or other groups. Other accounts (and unknown names) get None, one answer for all.
    """
    user = (
        get_user_model()
        .objects.filter(username__iexact=login, managed_account__isnull=False)
        .select_related("managed_account__created_in_group", "managed_account__created_by")
        .first()
    )
    if user is None:
        return None
    managed = user.managed_account
    group = managed.created_in_group
    trainers = list(group.trainers.select_related("learner_profile").order_by("pk")[:3]) if group else []
    if not trainers and managed.created_by is not None:
        trainers = [managed.created_by]
    return {"group": group.name if group else "", "trainers": [user_display(t) for t in trainers]}


class ForgotPasswordView(PasswordResetView):
    """ "Forgot password" for every kind of account, from one box.

    - e-mail address: allauth's reset link by e-mail, unchanged;
    - mobile number: a sign-in 验证码 by SMS (allauth 65 resets passwords by e-mail only), then a page to
      set a new password without the old one (``new_password``). Unknown numbers answer exactly like
      "sign in by code" does: the code page, and no SMS;
    - user name: trainer-made accounts are told to ask their trainer (``card_account_help``).
    Every try counts against allauth's ``reset_password`` limit, keyed by what was typed.
    """

    template_name = "account/password_reset.html"

    def get_form_class(self):
        return FindAccountForm

    def form_valid(self, form):
        login = form.cleaned_data["login"]
        too_many = ratelimit.consume_or_429(self.request, action="reset_password", key=login.lower())
        if too_many:
            return too_many
        if form.kind == "email":
            reset_form = ResetPasswordForm(data={"email": login})
            if not reset_form.is_valid():
                form.add_error("login", reset_form.errors.get("email"))
                return self.form_invalid(form)
            reset_form.save(self.request)
            return redirect("account_reset_password_done")
        if form.kind == "phone":
            return self._send_sign_in_code(form, login)
        context = self.get_context_data(form=form, card_help=card_account_help(login), typed_user_name=login)
        return self.render_to_response(context)

    def _send_sign_in_code(self, form, phone):
        code_form = RequestLoginCodeForm(data={"phone": phone})
        if not code_form.is_valid():  # allauth's request_login_code limits for this number
            for errors in code_form.errors.values():
                form.add_error("login", errors)
            return self.form_invalid(form)
        LoginCodeVerificationProcess.initiate(request=self.request, user=code_form._user, phone=phone)
        query = urlencode({"next": reverse("accounts:new_password")})
        return redirect(f"{reverse('account_confirm_login_code')}?{query}")


# How long after signing in by 验证码 a new password may be set without the old one.
NEW_PASSWORD_WINDOW = 15 * 60


def signed_in_by_code_recently(request):
    """Did this session sign in with a one-time code (SMS or e-mail) in the last few minutes?"""
    since = time.time() - NEW_PASSWORD_WINDOW
    return any(
        record.get("method") == "code" and record.get("at", 0) >= since
        for record in get_authentication_records(request, request.user)
    )


@login_required
@never_cache
def new_password(request):
    """Set a password without the old one: right after signing in by 验证码 (the phone "forgot password"
    path), or when the account has none yet (signed up by phone). Otherwise the old one is asked for."""
    user = request.user
    had_password = user.has_usable_password()
    if had_password and not signed_in_by_code_recently(request):
        return redirect("account_change_password")
    form = SetPasswordForm(user=user, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        form.save()
        (finalize_password_change if had_password else finalize_password_set)(request, user)
        return redirect("accounts:profile")
    return render(request, "accounts/new_password.html", {"form": form, "had_password": had_password})
