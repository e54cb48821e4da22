"""Hand over what an anonymous reader finished to the account they sign up for or sign in to."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver

# Sent by learning.projection when an enrolment first becomes complete (also while rebuilding
# progress), with ``enrolment`` and ``statement`` (the xapi.Statement row). Receivers must be idempotent.
course_completed = Signal()


@receiver(user_logged_in)
def attach_progress_on_login(sender, request, user, **kwargs):
    from .services import attach_anonymous_progress

    if request is not None and hasattr(request, "session"):
        attach_anonymous_progress(session=request.session, learner=user)
