"""Hand over what an anonymous reader finished to the account they sign up for or sign in to."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .services import attach_anonymous_progress


@receiver(user_logged_in)
def attach_progress_on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        attach_anonymous_progress(session=request.session, learner=user)
