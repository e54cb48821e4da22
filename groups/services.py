"""Domain functions for groups: views, commands and the demo loader call these; they own their transactions."""

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from pypinyin import Style, lazy_pinyin

from xapi.services import store_statements

from . import permissions
from .models import (
    SIGN_IN_LINK_DAYS,
    Assignment,
    ClassSession,
    GroupInvitation,
    HelpAlertSent,
    HelpRequest,
    LearnerImport,
    LearningGroup,
    ManagedAccount,
    Membership,
    ReminderSent,
    SignInLink,
    hash_token,
    new_join_code,
    normalise_join_code,
)
from .notifications import notify, recipient_language
from .progress import assignment_status_for, display_name
from .records import attendance_statement


class GroupError(ValueError):
    """A request the domain refuses; the message is shown to the person as it is."""


@dataclass
class LoginCard:
    """What a printed login card shows. ``pin`` and ``token`` exist only until the card is shown.

    ``pin`` is empty on a card printed again: the PIN is shown only when it is newly set.
    """

    user_id: int
    name: str
    username: str
    pin: str
    token: str
    expires: str

    def as_session(self):
        return self.__dict__.copy()


@transaction.atomic
def create_group(*, trainer, name, place="", county=None, card_contact=""):
    group = LearningGroup.objects.create(name=name, place=place, county=county, card_contact=card_contact)
    group.trainers.add(trainer)
    return group


@transaction.atomic
def add_trainer(*, group, user):
    """Make ``user`` a co-trainer of ``group``; they must hold the trainer role. Returns True if newly added."""
    if not permissions.is_trainer(user):
        raise GroupError(_("This person is not a trainer. An administrator gives the trainer role first."))
    if group.trainers.filter(pk=user.pk).exists():
        return False
    group.trainers.add(user)
    return True


@transaction.atomic
def remove_trainer(*, group, user):
    """Take ``user`` off the group's trainers (leaving it, if it is themselves); never the last trainer."""
    # Locking the group row makes two trainers removing each other at once wait for one another.
    LearningGroup.objects.select_for_update().filter(pk=group.pk).first()
    trainer_ids = set(group.trainers.values_list("pk", flat=True))
    if user.pk not in trainer_ids:
        raise GroupError(_("This person is not a trainer of the group."))
    if trainer_ids == {user.pk}:
        raise GroupError(_("A group needs at least one trainer. Add another trainer first."))
    group.trainers.remove(user)


@transaction.atomic
def new_join_code_for(*, group):
    """Give the group a new join code (the old one, perhaps shared too widely, stops working)."""
    for _attempt in range(10):
        code = new_join_code()
        if not LearningGroup.objects.filter(join_code=code).exists():
            group.join_code = code
            group.save(update_fields=["join_code"])
            return code
    raise GroupError(_("Could not make a new code. Please try again."))


def _check_may_be_learner(learner):
    if not permissions.may_be_learner(learner):
        raise GroupError(_("Staff and administrator accounts cannot be learners in a group."))


@transaction.atomic
def add_member(*, group, learner, added_by=None):
    """Put ``learner`` in ``group``; adding someone twice changes nothing. Returns (membership, created).

    The learner's own doing (join code, accepted invitation) or a new account the group's trainer made;
    a trainer who found an existing account calls ``invite`` instead, which asks the learner first.
    """
    _check_may_be_learner(learner)
    membership, created = Membership.objects.get_or_create(
        group=group, learner=learner, defaults={"added_by": added_by}
    )
    # Joining by the code settles an invitation to the same group that was still waiting.
    GroupInvitation.objects.filter(group=group, learner=learner, status=GroupInvitation.Status.PENDING).update(
        status=GroupInvitation.Status.ACCEPTED, answered_at=timezone.now()
    )
    return membership, created


@transaction.atomic
def remove_member(*, group, learner):
    Membership.objects.filter(group=group, learner=learner).delete()


@transaction.atomic
def join_by_code(*, learner, code):
    group = LearningGroup.objects.filter(join_code=normalise_join_code(code)).first()
    if group is None:
        raise GroupError(_("No group has this code. Check each letter with your trainer and try again."))
    add_member(group=group, learner=learner)
    return group


# Invitations: an existing account joins only if the learner says yes ----------------------------------


def _invitations_url(learner):
    with translation.override(recipient_language(learner) or translation.get_language()):
        return reverse("groups:invitations")


@transaction.atomic
def invite(*, group, learner, invited_by, invited_as):
    """Ask ``learner`` (found by what the trainer typed, ``invited_as``) to join ``group``.

    Returns (invitation, created); asking again while the first invitation waits changes nothing.
    Nobody is added: the learner is told in their messages and accepts or declines. Someone who
    declined is not asked again by the same group (they can still join with its code).
    """
    if not permissions.can_manage_group(invited_by, group):
        raise PermissionDenied
    _check_may_be_learner(learner)
    if Membership.objects.filter(group=group, learner=learner).exists():
        raise GroupError(_("This person is already in the group."))
    latest = GroupInvitation.objects.filter(group=group, learner=learner).order_by("-created_at", "-pk").first()
    if latest is not None and latest.status == GroupInvitation.Status.PENDING:
        return latest, False
    if latest is not None and latest.status == GroupInvitation.Status.DECLINED:
        raise GroupError(
            _("This person said no to joining this group. They can still join with the group's join code.")
        )
    try:
        with transaction.atomic():
            invitation = GroupInvitation.objects.create(
                group=group, learner=learner, invited_by=invited_by, invited_as=invited_as
            )
    except IntegrityError:  # the same invitation sent twice at once
        return GroupInvitation.objects.get(group=group, learner=learner, status=GroupInvitation.Status.PENDING), False

    notify(
        user=learner,
        message=_("%(trainer)s invites you to join the group “%(group)s”. Open your invitations to say yes or no."),
        params={"trainer": display_name(invited_by), "group": group.name},
        url=_invitations_url(learner),
    )
    return invitation, True


def _answer(*, invitation, learner, status):
    invitation = GroupInvitation.objects.select_for_update().select_related("group").get(pk=invitation.pk)
    if invitation.learner_id != learner.pk:
        raise PermissionDenied
    if invitation.status != GroupInvitation.Status.PENDING:
        raise GroupError(_("You have already answered this invitation."))
    invitation.status = status
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    return invitation


@transaction.atomic
def accept_invitation(*, invitation, learner):
    """``learner`` says yes: only now are they in the group. Returns the group."""

    invitation = _answer(invitation=invitation, learner=learner, status=GroupInvitation.Status.ACCEPTED)
    add_member(group=invitation.group, learner=learner, added_by=invitation.invited_by)
    if invitation.invited_by is not None:
        notify(
            user=invitation.invited_by,
            message=_("%(name)s accepted your invitation and is now in “%(group)s”."),
            params={"name": display_name(learner), "group": invitation.group.name},
            url=reverse("groups:detail", args=[invitation.group.pk]),
            sms=False,
        )
    return invitation.group


@transaction.atomic
def decline_invitation(*, invitation, learner):
    """``learner`` says no: nothing about them is shared with the group. Returns the group."""
    invitation = _answer(invitation=invitation, learner=learner, status=GroupInvitation.Status.DECLINED)
    if invitation.invited_by is not None:
        notify(
            user=invitation.invited_by,
            message=_("The invitation to “%(group)s” for %(who)s was declined."),
            params={"who": invitation.invited_as, "group": invitation.group.name},
            url=reverse("groups:add_learners", args=[invitation.group.pk]),
            sms=False,
        )
    return invitation.group


# Accounts made by trainers ------------------------------------------------------------------------


def new_pin():
    """Six digits, avoiding the guessable ones (all the same digit, 123456, 654321)."""
    while True:
        pin = f"{secrets.randbelow(10**6):06d}"
        if len(set(pin)) > 1 and pin not in ("123456", "654321", "012345", "543210"):
            return pin


# User names a trainer reads aloud and a learner copies from a card: the name's whole pinyin syllables
# ("wang fang"), then digits without 0 and 1, so that no digit can be taken for the letters o or l
# (and every o or l in the name is a letter). Lower case only: no I/l confusion either.
USERNAME_DIGITS = "23456789"
USERNAME_LETTERS = 12  # the stem keeps whole syllables up to this length


def _username_stem(name):
    """王秀英 → wangxiuying: whole pinyin syllables up to ``USERNAME_LETTERS`` letters."""
    syllables = [re.sub(r"[^a-z]", "", s.lower()) for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")]
    stem = ""
    for syllable in filter(None, syllables):
        if stem and len(stem) + len(syllable) > USERNAME_LETTERS:
            break
        stem += syllable
    # A name in Latin letters, or none that pypinyin knows.
    return stem or re.sub(r"[^a-z]", "", name.lower())[:USERNAME_LETTERS] or "xueyuan"


def _username_digits(count):
    return "".join(secrets.choice(USERNAME_DIGITS) for _ in range(count))


def username_from_name(name):
    """A user name to read aloud: 王秀英 → wangxiuying + 3 digits from 2-9 (more if those are taken)."""
    stem = _username_stem(name)
    User = get_user_model()
    for digits in (3, 3, 3, 4, 4, 5, 6):
        candidate = f"{stem[:USERNAME_LETTERS]}{_username_digits(digits)}"
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate
    raise GroupError(_("Could not make a user name. Please try again."))


def _card(user, pin, created_by):

    link, token = SignInLink.issue(user=user, created_by=created_by)
    return LoginCard(
        user_id=user.pk,
        name=display_name(user),
        username=user.username,
        pin=pin,
        token=token,
        expires=timezone.localtime(link.expires_at).date().isoformat(),
    )


def _create_pin_account(*, group, trainer, display_name, phone="", username=None, pin=None):
    User = get_user_model()
    pin = pin or new_pin()
    user = User(username=username or username_from_name(display_name), phone=phone or None)
    # Deliberately not validate_password(): a 6-digit PIN is the point of these accounts, which only
    # a trainer can make; allauth rate-limits failed sign-ins and the trainer can reset the PIN.
    user.set_password(pin)
    user.save()
    profile = user.learner_profile
    profile.display_name = display_name
    profile.save(update_fields=["display_name", "updated_at"])
    ManagedAccount.objects.create(user=user, created_by=trainer, created_in_group=group)
    return user, pin


@transaction.atomic
def create_pin_learner(*, group, trainer, display_name, phone="", username=None, pin=None):
    """Make an account for someone with no e-mail, put them in ``group`` and return their login card."""
    if not permissions.can_manage_group(trainer, group):
        raise PermissionDenied
    user, pin = _create_pin_account(
        group=group, trainer=trainer, display_name=display_name, phone=phone, username=username, pin=pin
    )
    add_member(group=group, learner=user, added_by=trainer)
    return _card(user, pin, trainer)


@transaction.atomic
def reset_pin(*, learner, trainer):
    """A new PIN and login card for a trainer-made account; older sign-in links stop working.

    Only the trainers of the group that made the account, and superusers (``permissions.can_manage_account``).
    """
    managed = ManagedAccount.objects.select_for_update().filter(user=learner).first()
    if managed is None:
        raise GroupError(
            _("This learner made their own account; only they can change their password (“Forgot password”).")
        )
    if not permissions.can_manage_account(trainer, learner):
        raise PermissionDenied
    pin = new_pin()
    learner.set_password(pin)
    learner.save(update_fields=["password"])
    managed.pin_changed_at = timezone.now()
    managed.save(update_fields=["pin_changed_at"])
    _revoke_links(learner)
    return _card(learner, pin, trainer)


def _revoke_links(learner):
    return SignInLink.objects.usable().filter(user=learner).update(revoked_at=timezone.now())


@transaction.atomic
def revoke_sign_in_links(*, learner, by):
    """Stop ``learner``'s unused sign-in QR codes working (a lost card); ``by`` may manage the account."""
    if not permissions.can_manage_account(by, learner):
        raise PermissionDenied
    return _revoke_links(learner)


@transaction.atomic
def redeem_sign_in_link(*, token):
    """The user a sign-in link is for, using it up; None for an unknown, used, revoked or expired link."""
    link = (
        SignInLink.objects.select_for_update()
        .usable()
        .filter(token_hash=hash_token(token or ""))
        .select_related("user")
        .first()
    )
    if link is None or not link.user.is_active:
        return None
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return link.user


def _unique_usernames(names):
    """A user name for each of ``names`` (see ``username_from_name``), unique among themselves and the
    existing accounts: a few queries for the whole list instead of one or more per name."""
    User = get_user_model()
    stems = [_username_stem(name) for name in names]
    chosen = [None] * len(names)
    for digits in (3, 3, 4, 4, 5, 6, 6):
        todo = [i for i, name in enumerate(chosen) if name is None]
        if not todo:
            break
        candidates = {i: f"{stems[i][:USERNAME_LETTERS]}{_username_digits(digits)}" for i in todo}
        taken = set(
            User.objects.annotate(lower=Lower("username"))
            .filter(lower__in=list(candidates.values()))
            .values_list("lower", flat=True)
        )
        taken |= {name for name in chosen if name}
        for i, candidate in candidates.items():
            if candidate not in taken:
                chosen[i] = candidate
                taken.add(candidate)
    if None in chosen:
        raise GroupError(_("Could not make a user name. Please try again."))
    return chosen


def _issue_links(users, created_by):
    """A new one-time sign-in link per user (one query): [(user, raw token, expiry)]."""
    expires_at = timezone.now() + timedelta(days=SIGN_IN_LINK_DAYS)
    tokens = [secrets.token_urlsafe(24) for _user in users]
    SignInLink.objects.bulk_create(
        [
            SignInLink(user=user, token_hash=hash_token(token), created_by=created_by, expires_at=expires_at)
            for user, token in zip(users, tokens, strict=True)
        ]
    )
    return [(user, token, expires_at) for user, token in zip(users, tokens, strict=True)]


def _cards(users, pins, created_by, names):
    expires = timezone.localtime(timezone.now() + timedelta(days=SIGN_IN_LINK_DAYS)).date().isoformat()
    return [
        LoginCard(user_id=user.pk, name=name, username=user.username, pin=pin, token=token, expires=expires)
        for (user, token, _expiry), pin, name in zip(_issue_links(users, created_by), pins, names, strict=True)
    ]


def import_learners(*, group, trainer, rows, progress=None):
    """Create every learner in ``rows`` (already checked) or none: any failure rolls all of them back.

    Hashing a PIN with the production hasher (PBKDF2, a million rounds) is slow on purpose and is most
    of the time: all PINs are hashed first, outside the transaction (no locks held meanwhile), then
    every account, profile, membership and sign-in link is written with a few bulk inserts, whatever
    the number of rows. ``progress(done)`` is called while hashing (the background import's page).
    """
    from accounts.models import LearnerProfile

    if not permissions.can_manage_group(trainer, group):
        raise PermissionDenied
    User = get_user_model()
    pins, hashes = [], []
    for number, _row in enumerate(rows, start=1):
        pins.append(new_pin())
        hashes.append(make_password(pins[-1]))
        if progress is not None and (number % 20 == 0 or number == len(rows)):
            progress(number)
    names = [row["name"] for row in rows]
    with transaction.atomic():
        phones = {row["phone"]: row for row in rows if row.get("phone")}
        taken = User.objects.filter(phone__in=list(phones)).values_list("phone", flat=True).first()
        if taken:
            raise GroupError(
                _("Row %(row)s could not be imported: the mobile number is already used. Nothing was imported.")
                % {"row": phones[taken].get("row", "?")}
            )
        usernames = _unique_usernames(names)
        try:
            with transaction.atomic():
                users = User.objects.bulk_create(
                    [
                        User(username=username, phone=row.get("phone") or None, password=password)
                        for username, row, password in zip(usernames, rows, hashes, strict=True)
                    ]
                )
        except IntegrityError as error:  # a number or user name taken meanwhile
            message = _("Some learners could not be imported. Nothing was imported; please try again.")
            raise GroupError(message) from error
        LearnerProfile.objects.bulk_create(
            [LearnerProfile(user=user, display_name=name) for user, name in zip(users, names, strict=True)]
        )
        ManagedAccount.objects.bulk_create(
            [ManagedAccount(user=user, created_by=trainer, created_in_group=group) for user in users]
        )
        Membership.objects.bulk_create([Membership(group=group, learner=user, added_by=trainer) for user in users])
        return _cards(users, pins, trainer, names)


def run_import(*, job_id):
    """The background task's work: import the job's rows, keeping its progress and the cards to show."""
    job = LearnerImport.objects.select_related("group", "trainer").get(pk=job_id)
    if job.status != LearnerImport.Status.QUEUED:
        return job  # run already (a task delivered twice)
    LearnerImport.objects.filter(pk=job.pk).update(status=LearnerImport.Status.RUNNING)

    def progress(done):
        LearnerImport.objects.filter(pk=job.pk).update(done=done)

    try:
        cards = import_learners(group=job.group, trainer=job.trainer, rows=job.rows, progress=progress)
    except (GroupError, PermissionDenied) as error:
        message = str(error) or str(_("You may no longer add learners to this group."))
        LearnerImport.objects.filter(pk=job.pk).update(
            status=LearnerImport.Status.FAILED, error=message, rows=[], finished_at=timezone.now()
        )
    else:
        LearnerImport.objects.filter(pk=job.pk).update(
            status=LearnerImport.Status.DONE,
            done=job.total,
            rows=[],
            cards=[card.as_session() for card in cards],
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    return job


@transaction.atomic
def take_import_cards(*, job):
    """The finished import's cards, once: they are removed from the job as they are handed over."""
    job = LearnerImport.objects.select_for_update().get(pk=job.pk)
    cards = job.cards
    if cards:
        job.cards = []
        job.save(update_fields=["cards"])
    return cards


@transaction.atomic
def print_login_cards(*, group, trainer, learners):
    """New login cards for ``learners`` of ``group`` (accounts ``trainer`` may manage), at any time.

    Each card gets a new one-time QR sign-in link and the learner's earlier unused links stop working
    (a card printed again replaces the lost one). The PIN is not changed, so it is not on the card:
    it was given when it was set, and only a PIN reset shows a new one.
    """
    from .progress import display_name

    learners = list(learners)
    ids = {learner.pk for learner in learners}
    members = set(group.memberships.filter(learner_id__in=ids).values_list("learner_id", flat=True))
    manageable = set(
        permissions.managed_accounts_for(trainer).filter(user_id__in=ids).values_list("user_id", flat=True)
    )
    if not learners or ids - members or ids - manageable:
        raise PermissionDenied
    SignInLink.objects.usable().filter(user_id__in=ids).update(revoked_at=timezone.now())
    names = [display_name(learner) for learner in learners]
    return _cards(learners, [""] * len(learners), trainer, names)


# Assignments ------------------------------------------------------------------------------------


def _course_title_in(course_key, fallback):
    """A callable giving the course title in the language active when it is called (for notifications)."""
    from wagtail.models import Locale

    from courses.models import CoursePage

    def title():
        page = CoursePage.objects.filter(translation_key=course_key, locale=Locale.get_active()).first()
        return page.title if page else fallback

    return title


@transaction.atomic
def assign(*, group, assigned_by, course, lessons=(), learners=None, due_date=None, message="", sms=True):
    """Assign ``course`` (or chosen ``lessons`` of it) to the group or to some of its learners; tell them."""
    chosen = list(learners) if learners else []
    member_ids = _check_assignment_input(group=group, course=course, lessons=lessons, learners=chosen)
    assignment = Assignment.objects.create(
        group=group,
        course=course,
        course_key=course.translation_key,
        lesson_keys=[str(lesson.translation_key) for lesson in lessons],
        whole_group=not chosen,
        due_date=due_date,
        message=message,
        assigned_by=assigned_by,
    )
    if chosen:
        assignment.learners.set(chosen)
    recipients = chosen or list(get_user_model().objects.filter(pk__in=member_ids).select_related("learner_profile"))
    _tell(assignment=assignment, recipients=recipients, assigned_by=assigned_by, sms=sms)
    return assignment


def _tell(*, assignment, recipients, assigned_by, sms=True):
    """Tell ``recipients`` about ``assignment`` in their own language (in-app, and SMS if ``sms``)."""

    course, due_date, message = assignment.course, assignment.due_date, assignment.message
    trainer_name = display_name(assigned_by)
    title = _course_title_in(course.translation_key, course.title)
    for learner in recipients:
        if due_date:
            text = _("%(trainer)s asked you to study “%(course)s” by %(due)s.")
        else:
            text = _("%(trainer)s asked you to study “%(course)s”.")
        params = {"trainer": trainer_name, "course": title, "due": lambda: _date(due_date)}
        if message:
            text = (
                _("%(trainer)s asked you to study “%(course)s” by %(due)s: %(message)s")
                if due_date
                else _("%(trainer)s asked you to study “%(course)s”: %(message)s")
            )
            params["message"] = message
        notify(user=learner, message=text, params=params, url=course.url or "", sms=sms)


def _check_assignment_input(*, group, course, lessons, learners):
    """Refuse lessons of another course and learners outside the group (the forms check this first)."""
    course_lessons = {lesson.translation_key for lesson in course.lessons()}
    if any(lesson.translation_key not in course_lessons for lesson in lessons):
        raise GroupError(_("Choose only lessons of this course."))
    member_ids = set(group.memberships.values_list("learner_id", flat=True))
    if any(learner.pk not in member_ids for learner in learners):
        raise GroupError(_("Only learners in this group can be given its assignments."))
    return member_ids


@transaction.atomic
def update_assignment(*, assignment, changed_by, lessons=(), learners=None, due_date=None, message="", sms=True):
    """Change an assignment's lessons, learners, due date and message; the course stays.

    Learners who now get it and did not before are told, like at assigning; the others see the
    change on their home page. Progress is not touched: it lives in the learners' statements.
    """
    assignment = Assignment.objects.select_for_update().select_related("course", "group").get(pk=assignment.pk)
    chosen = list(learners) if learners else []
    member_ids = _check_assignment_input(
        group=assignment.group, course=assignment.course, lessons=lessons, learners=chosen
    )
    before = member_ids if assignment.whole_group else set(assignment.learners.values_list("pk", flat=True))
    assignment.lesson_keys = [str(lesson.translation_key) for lesson in lessons]
    assignment.whole_group = not chosen
    assignment.due_date = due_date
    assignment.message = message
    assignment.save(update_fields=["lesson_keys", "whole_group", "due_date", "message"])
    assignment.learners.set(chosen)
    after = {learner.pk for learner in chosen} or member_ids
    newcomers = get_user_model().objects.filter(pk__in=after - before).select_related("learner_profile")
    _tell(assignment=assignment, recipients=list(newcomers), assigned_by=changed_by, sms=sms)
    return assignment


@transaction.atomic
def delete_assignment(*, assignment):
    """Take an assignment back. Only the request goes: what learners did stays in their statements."""
    Assignment.objects.filter(pk=assignment.pk).delete()


def _date(value):
    from django.utils.formats import date_format

    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


@transaction.atomic
def send_reminders(*, today=None, days_before=2):
    """Remind learners of unfinished assignments due within ``days_before`` days, and once when overdue.

    Each learner gets at most one "due soon" and one "overdue" reminder per assignment, and never two
    on the same day, however often this runs.
    """

    today = today or timezone.localdate()
    horizon = today + timezone.timedelta(days=days_before)
    sent = 0
    assignments = Assignment.objects.filter(due_date__isnull=False, due_date__lte=horizon).select_related(
        "course", "group"
    )
    for assignment in assignments:
        kind = ReminderSent.Kind.OVERDUE if assignment.due_date < today else ReminderSent.Kind.DUE_SOON
        already = set(
            ReminderSent.objects.filter(assignment=assignment)
            .filter(Q(kind=kind) | Q(day=today))
            .values_list("learner_id", flat=True)
        )
        targets = assignment.learners.all() if not assignment.whole_group else None
        members = get_user_model().objects.filter(group_memberships__group=assignment.group)
        if targets is not None:
            members = members.filter(pk__in=targets.values("pk"))
        members = members.exclude(pk__in=already).select_related("learner_profile")
        statuses = assignment_status_for(assignment=assignment, learners=list(members), today=today)
        title = _course_title_in(assignment.course_key, assignment.course.title)
        for learner, status in statuses:
            if status.finished:
                continue
            if kind == ReminderSent.Kind.OVERDUE:
                text = _(
                    "Reminder: “%(course)s” was due on %(due)s. You can still finish it; ask your trainer for help."
                )
            else:
                text = _("Reminder: please finish “%(course)s” by %(due)s.")
            ReminderSent.objects.create(assignment=assignment, learner=learner, kind=kind, day=today)
            notify(
                user=learner,
                message=text,
                params={"course": title, "due": lambda a=assignment: _date(a.due_date)},
                url=assignment.course.url or "",
            )
            sent += 1
    return sent


# Class sessions -------------------------------------------------------------------------------


@transaction.atomic
def record_attendance(*, trainer, group, date, topic, learners):
    """Record an in-person class and who came, each attendance as an xAPI statement (trainer = instructor)."""
    member_ids = set(group.memberships.values_list("learner_id", flat=True))
    learners = list(learners)
    if not learners or any(learner.pk not in member_ids for learner in learners):
        raise GroupError(_("Tick the group's learners who came."))
    session = ClassSession.objects.create(group=group, date=date, topic=topic, trainer=trainer)
    session.attendees.set(learners)
    store_statements(
        statements=[attendance_statement(session=session, learner=learner, trainer=trainer) for learner in learners]
    )
    return session


def sign_in_url(request, token):
    return request.build_absolute_uri(reverse("groups:token_sign_in", args=[token]))


# Needs help: learners who ask, and learners who keep getting answers wrong ---------------------------

MAX_HELP_REQUESTS_PER_DAY = 5


def _trainers_of(learner):
    """Everyone who runs a group ``learner`` is in (never the learner themselves), each once."""
    User = get_user_model()
    return list(
        User.objects.filter(trained_groups__memberships__learner=learner)
        .exclude(pk=learner.pk)
        .distinct()
        .select_related("learner_profile")
    )


def _learner_url(trainer, learner):
    with translation.override(recipient_language(trainer) or translation.get_language()):
        return reverse("groups:learner", args=[learner.pk])


def _lesson_title(lesson_key, fallback=""):
    """A callable giving the lesson's title in the language active when it is called (notifications)."""

    def title():
        from courses.models import LessonPage

        from .progress import localized_titles

        titles = localized_titles(LessonPage, [lesson_key])
        return next(iter(titles.values()), "") or fallback

    return title


@transaction.atomic
def ask_for_help(*, learner, lesson=None, message="", now=None):
    """``learner`` asks their trainers for help (about ``lesson``, or in general). Returns (request, created).

    One open request per learner and lesson: asking again while it waits changes nothing, and at most
    ``MAX_HELP_REQUESTS_PER_DAY`` new requests a day, so the button cannot flood the trainers' inbox.
    """
    from .progress import display_name

    now = now or timezone.now()
    trainers = _trainers_of(learner)
    if not trainers:
        raise GroupError(_("You are not in a group yet. Join your trainer's group with its code first."))
    key = str(lesson.translation_key) if lesson is not None else ""
    waiting = HelpRequest.objects.filter(learner=learner, lesson_key=key, resolved_at__isnull=True).first()
    if waiting is not None:
        return waiting, False
    if HelpRequest.objects.filter(learner=learner, created_at__gte=now - timedelta(days=1)).count() >= (
        MAX_HELP_REQUESTS_PER_DAY
    ):
        raise GroupError(_("You have asked for help several times today. Your trainer will get back to you."))
    try:
        with transaction.atomic():
            request = HelpRequest.objects.create(
                learner=learner,
                lesson_key=key,
                lesson_title=lesson.title if lesson is not None else "",
                message=message.strip()[:300],
                created_at=now,
            )
    except IntegrityError:  # the same request sent twice at once
        return HelpRequest.objects.get(learner=learner, lesson_key=key, resolved_at__isnull=True), False
    name = display_name(learner)
    for trainer in trainers:
        if lesson is not None:
            text = _("%(name)s asks for your help with “%(lesson)s”.")
        else:
            text = _("%(name)s asks for your help.")
        params = {"name": name, "lesson": _lesson_title(lesson.translation_key, lesson.title) if lesson else ""}
        if request.message:
            text = (
                _("%(name)s asks for your help with “%(lesson)s”: “%(message)s”")
                if lesson is not None
                else _("%(name)s asks for your help: “%(message)s”")
            )
            params["message"] = request.message
        # In-app only: a learner's button must not become a way to send text messages.
        notify(user=trainer, message=text, params=params, url=_learner_url(trainer, learner), sms=False)
    return request, True


@transaction.atomic
def resolve_help_request(*, help_request, trainer, now=None):
    """A trainer helped: the request leaves the needs-help list (the learner may ask again)."""
    if not (permissions.is_trainer(trainer) and permissions.can_view_learner(trainer, help_request.learner)):
        raise PermissionDenied
    if trainer.pk == help_request.learner_id:
        raise PermissionDenied
    updated = HelpRequest.objects.filter(pk=help_request.pk, resolved_at__isnull=True).update(
        resolved_at=now or timezone.now(), resolved_by=trainer
    )
    return bool(updated)


def check_for_help(*, learner_id, now=None):
    """Tell the trainers of ``learner_id`` once per reason when the "needs help" rules newly flag them.

    Called after the LMS stores a learner's answer or failed final test. Each (learner, reason, lesson
    or test) is told once (``HelpAlertSent``), so a learner who keeps struggling does not flood the inbox.
    Returns the number of new alerts.
    """
    from .progress import FAILED_ATTEMPTS_FOR_HELP, display_name, failed_by_test, struggling_lessons

    struggles = struggling_lessons([learner_id], now).get(learner_id, {})
    failed = {
        activity: n for (_lid, activity), n in failed_by_test([learner_id]).items() if n >= FAILED_ATTEMPTS_FOR_HELP
    }
    if not struggles and not failed:
        return 0
    found = [(HelpAlertSent.Reason.PRACTICE, key, n) for key, n in struggles.items()]
    found += [(HelpAlertSent.Reason.FINAL_TEST, activity, n) for activity, n in failed.items()]
    sent = set(
        HelpAlertSent.objects.filter(learner_id=learner_id, key__in=[key for _r, key, _n in found]).values_list(
            "reason", "key"
        )
    )
    new = [(reason, key, n) for reason, key, n in found if (reason, key) not in sent]
    if not new:
        return 0
    learner = get_user_model().objects.select_related("learner_profile").get(pk=learner_id)
    trainers = _trainers_of(learner)
    if not trainers:
        return 0  # nobody to tell yet; told when they are in a group and it happens again
    told = 0
    for reason, key, count in new:
        with transaction.atomic():
            _alert, created = HelpAlertSent.objects.get_or_create(learner_id=learner_id, reason=reason, key=key)
        if not created:
            continue
        if reason == HelpAlertSent.Reason.PRACTICE:
            text = _("%(name)s keeps getting the self-check of “%(lesson)s” wrong (%(count)s wrong answers in a row).")
            params = {"name": display_name(learner), "lesson": _lesson_title(key), "count": count}
        else:
            text = _("%(name)s has failed a final test %(count)s times.")
            params = {"name": display_name(learner), "count": count}
        for trainer in trainers:
            notify(user=trainer, message=text, params=params, url=_learner_url(trainer, learner), sms=False)
        told += 1
    return told
