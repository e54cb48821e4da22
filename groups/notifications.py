"""The notification interface: an in-app message always, and an SMS when the learner has a verified phone.

SMS goes through ``accounts.sms.get_sms_sender()`` (the console in development, a gateway adapter in
production). Messages are written in the recipient's own language, whatever language the trainer uses.
"""

from django.utils import translation

from accounts.sms import get_sms_sender

from .models import Notification


def recipient_language(user):
    profile = getattr(user, "learner_profile", None)
    return (getattr(profile, "preferred_language", "") or None) if profile else None


def render_message(*, user, message, params=None):
    """``message`` (a lazy translation with named placeholders) in ``user``'s language."""
    with translation.override(recipient_language(user) or translation.get_language()):
        text = str(message)
        # A callable parameter (a course title, a date) is evaluated in the recipient's language too.
        rendered_params = {k: str(v() if callable(v) else v) for k, v in (params or {}).items()}
        return text % rendered_params if rendered_params else text


def notify(*, user, message, params=None, url="", sms=True):
    """Send ``user`` a message: stored in their inbox, and by SMS if ``sms`` and their phone is verified."""
    text = render_message(user=user, message=message, params=params)
    notification = Notification.objects.create(user=user, message=text, url=url)
    # Only to a number its owner proved with a code: anyone may sign up with someone else's number and
    # join a group by its code, and class messages must not become a way to text that number.
    if sms and user.phone and user.phone_verified:
        with translation.override(recipient_language(user) or translation.get_language()):
            site = translation.gettext("Digital Literacy Classroom")
        get_sms_sender().send(user.phone, f"{site}: {text}")
    return notification


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
