"""The wait after wrong passwords or PINs: one per account, kept in the shared cache.

The one rule, for learners and trainers alike:

    Five wrong PINs in a row cost nothing. After the fifth, the account waits 1 minute before it can
    be signed in to again; after each further wrong PIN the wait doubles (2, 4, 8 … minutes), up to
    one hour. While it waits even the right PIN is refused, and the sign-in page says at what time to
    try again. The right PIN, a trainer's "Let them sign in now" (the learner's page in /groups/) or a
    day without wrong tries starts the count again.

Why per account: a classroom signs in from one address (one NAT, one proxy), so a limit per address
strict enough to stop guessing would lock the whole class out, while guessing one account's 6-digit
PIN is what must stay slow (about 30 guesses a day under this rule). allauth's own per-login part of
the ``login_failed`` limit is left out of ``ACCOUNT_RATE_LIMITS`` so that it cannot refuse a learner
on a different count; only its generous per-address part remains. A sign-in name that matches no
account waits in exactly the same way (keyed by the name), so the answer does not tell whether the
account exists.

Someone who knows a learner's user name can keep them waiting by typing wrong PINs; the trainer lifts
the wait, and the learner's QR sign-in card works meanwhile.

Each attempt first *reserves* its place under a cache lock, counting itself as wrong before the PIN is
checked, so parallel requests cannot all slip through before the count rises; a right PIN then clears
the count.
"""

import hashlib
import math
import time
from datetime import UTC, datetime

# allauth's lock for its own rate-limit entries in the same cache (cache.add, waits up to a second).
from allauth.core.internal.ratelimit import cache_lock
from django.core.cache import cache
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

FREE_TRIES = 5
FIRST_WAIT = 60  # seconds, after the fifth wrong try in a row
LONGEST_WAIT = 3600
FORGET_AFTER = 24 * 3600  # a day without wrong tries starts the count again

WAIT_MESSAGE = _("Too many wrong tries. To keep your account safe, please wait until %(time)s, then try again.")


class Waiting(Exception):
    """The account must wait until ``until`` (a Unix time) before the next try."""

    def __init__(self, until):
        super().__init__(until)
        self.until = until

    @property
    def retry_at(self):
        """The local time to tell the learner: rounded up to the minute, so that time always works."""
        return timezone.localtime(datetime.fromtimestamp(math.ceil(self.until / 60) * 60, tz=UTC))

    @property
    def message(self):
        return WAIT_MESSAGE % {"time": formats.time_format(self.retry_at, "TIME_FORMAT")}


class Busy(Exception):
    """Another attempt on the same account holds the lock (parallel requests)."""


def _now():
    return time.time()


def wait_after(failures):
    """Seconds to wait after ``failures`` wrong tries in a row (0 while they are free)."""
    if failures < FREE_TRIES:
        return 0
    return min(FIRST_WAIT * 2 ** (failures - FREE_TRIES), LONGEST_WAIT)


def user_key(user):
    return f"user:{user.pk}"


def key_for(credentials):
    """The account the sign-in form's ``credentials`` name, else the typed name itself."""
    from allauth.account.adapter import get_adapter
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.order_by("pk")
    user = None
    if credentials.get("phone"):
        user = get_adapter().get_user_by_phone(credentials["phone"])
    if user is None and credentials.get("email"):
        user = users.filter(email__iexact=credentials["email"]).first()
    if user is None and credentials.get("username"):
        user = users.filter(username__iexact=credentials["username"]).first()
    if user is not None:
        return user_key(user)
    login = credentials.get("phone") or credentials.get("email") or credentials.get("username") or ""
    return "login:" + hashlib.sha256(login.strip().lower().encode()).hexdigest()


def _cache_key(key):
    return f"lms:sign-in-wait:{key}"


def reserve(*, key):
    """Count one try at ``key``'s account, or raise ``Waiting`` (or ``Busy``) and count nothing."""
    cache_key = _cache_key(key)
    with cache_lock(cache_key) as locked:
        if not locked:
            raise Busy
        now = _now()
        state = cache.get(cache_key) or {"failures": 0, "until": 0}
        if state["until"] > now:
            raise Waiting(until=state["until"])
        failures = state["failures"] + 1
        wait = wait_after(failures)
        cache.set(cache_key, {"failures": failures, "until": now + wait if wait else 0}, FORGET_AFTER)


def clear(*, key):
    """Start the count again (the right PIN was given, or a trainer lifted the wait)."""
    cache_key = _cache_key(key)
    with cache_lock(cache_key):
        cache.delete(cache_key)


def waiting_until(*, user):
    """When ``user``'s account may be signed in to again, as a local time; None if it need not wait."""
    state = cache.get(_cache_key(user_key(user)))
    if not state or state["until"] <= _now():
        return None
    return Waiting(until=state["until"]).retry_at


def lift(*, learner, lifted_by):
    """A trainer lets ``learner`` sign in again at once; written to Wagtail's audit log."""
    from wagtail.log_actions import log

    clear(key=user_key(learner))
    log(instance=learner, action=LIFT_ACTION, user=lifted_by)


LIFT_ACTION = "accounts.lift_sign_in_wait"
