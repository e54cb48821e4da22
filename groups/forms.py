"""Forms trainers and learners fill in on the group pages."""

import contextlib

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accessibility.forms import TypedTextField
from accounts.fields import ChinaPhoneField
from accounts.forms import RegionForm
from accounts.models import user_display
from accounts.phone import normalise_phone

from .models import LearningGroup, normalise_join_code

ISO_DATE = "%Y-%m-%d"


class GroupForm(RegionForm, forms.ModelForm):
    """Name and place of a group; the county is chosen with the profile's province → city → county lists."""

    class Meta:
        model = LearningGroup
        fields = ["name", "place", "province", "prefecture", "county", "card_contact"]
        field_classes = {"name": TypedTextField, "place": TypedTextField, "card_contact": TypedTextField}

    def __init__(self, *args, instance=None, initial=None, **kwargs):
        initial = dict(initial or {})
        county = getattr(instance, "county", None)
        if county is not None and "county" not in initial:
            # A group stores only its county; the lists above it are filled from the county's parents.
            initial.update(county=county.code, prefecture=county.parent_id, province=county.parent.parent_id)
        super().__init__(*args, instance=instance, initial=initial, **kwargs)
        self.fields["name"].help_text = _("For example 青山村数字课堂 (Qingshan village digital class).")


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Join code"),
        max_length=20,
        help_text=_("Six letters and numbers from your trainer, for example K7M 4PX."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = normalise_join_code(self.cleaned_data["code"])
        group = LearningGroup.objects.filter(join_code=code).first()
        if group is None:
            raise ValidationError(_("No group has this code. Check each letter with your trainer and try again."))
        self.group = group
        return code


class AddLearnerForm(forms.Form):
    """Find an existing account by mobile number or user name, to invite it to the group (see ``services.invite``).

    What the trainer learns: whether an account with what they typed exists ("invitation sent" or
    "nobody has this…"), nothing more (no name, phone or records until the learner accepts). Hiding even
    that would protect nothing, since the new-account form and the import already refuse a mobile number
    that has an account, and it would leave a trainer who mistyped waiting for an answer that never comes.
    """

    who = TypedTextField(
        label=_("Mobile number or user name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )

    def clean_who(self):
        value = self.cleaned_data["who"].strip()
        learner = find_user(value)
        if learner is None:
            raise ValidationError(
                _("Nobody has this mobile number or user name. Check it, or make a new account for them below.")
            )
        self.learner = learner
        return value


def find_user(value):
    """The active account with this mobile number (in any form people type it) or user name, else None."""
    users = get_user_model().objects.filter(is_active=True)
    user = None
    with contextlib.suppress(ValidationError):
        user = users.filter(phone=normalise_phone(value)).first()
    return user or users.filter(username__iexact=value.strip()).first()


class CoTrainerForm(forms.Form):
    """Find another trainer by mobile number or user name, to run the group together."""

    who = TypedTextField(
        label=_("Trainer's mobile number or user name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )

    def clean_who(self):
        from . import permissions

        value = self.cleaned_data["who"].strip()
        user = find_user(value)
        if user is None:
            raise ValidationError(_("Nobody has this mobile number or user name. Check it and try again."))
        if not permissions.is_trainer(user):
            raise ValidationError(
                _("This person is not a trainer. Ask an administrator to give them the trainer role first.")
            )
        self.trainer = user
        return value


class NewLearnerForm(forms.Form):
    """A new account for someone with no e-mail (and maybe no phone): they sign in with a PIN."""

    display_name = TypedTextField(
        label=_("Learner's name"), max_length=60, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    phone = ChinaPhoneField(
        label=_("Mobile phone number (optional)"),
        required=False,
        help_text=_("Leave it empty if they have no phone of their own."),
    )

    def clean_phone(self):
        phone = self.cleaned_data.get("phone") or ""
        if phone and get_user_model().objects.filter(phone=phone).exists():
            raise ValidationError(
                _("This number already has an account. Add that learner by their mobile number instead.")
            )
        return phone


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet file (CSV or XLSX)"),
        help_text=_("One learner per row: name, and mobile number if they have one. Download the template below."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class LearnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return user_display(obj)


class AssignmentForm(forms.Form):
    """Which lessons, for whom, by when and with what message (the course is chosen in the step before)."""

    lessons = forms.TypedMultipleChoiceField(
        label=_("Lessons"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to assign the whole course."),
        error_messages={"invalid_choice": _("Choose only lessons of this course.")},
    )
    everyone = forms.TypedChoiceField(
        label=_("For whom"),
        choices=[("1", _("Everyone in the group")), ("0", _("Only the learners I tick below"))],
        initial="1",
        widget=forms.RadioSelect,
    )
    learners = LearnerChoiceField(
        label=_("Learners"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(
        label=_("Due date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
    )
    message = TypedTextField(
        label=_("Message to learners (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, course, members, assignment=None, **kwargs):
        if assignment is not None:  # the form starts from what was assigned (ignored once posted)
            kwargs["initial"] = {
                "lessons": [str(key) for key in assignment.lesson_keys],
                "everyone": "1" if assignment.whole_group else "0",
                "learners": list(assignment.learners.all()),
                "due_date": assignment.due_date,
                "message": assignment.message,
            }
        super().__init__(*args, **kwargs)
        # When changing an assignment, an already past due date may stay; a new one may not be past.
        self.kept_due_date = assignment.due_date if assignment is not None else None
        self.course = course
        self.lesson_pages = {str(lesson.translation_key): lesson for lesson in course.lessons()}
        self.fields["lessons"].choices = [(key, lesson.title) for key, lesson in self.lesson_pages.items()]
        self.fields["learners"].queryset = members

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate() and due != self.kept_due_date:
            raise ValidationError(_("The due date is in the past. Choose today or a later day."))
        return due

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("everyone") == "0" and not cleaned_data.get("learners"):
            self.add_error("learners", _("Tick at least one learner, or choose everyone in the group."))
        return cleaned_data


class AttendanceForm(forms.Form):
    # A date input takes only ISO dates (2026-12-02); the localised "2026/12/02" leaves it empty.
    date = forms.DateField(
        label=_("Date of the class"),
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        input_formats=[ISO_DATE, "%Y/%m/%d"],
    )
    topic = TypedTextField(label=_("Topic"), max_length=120)
    attendees = LearnerChoiceField(
        label=_("Who came"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick the learners who came, or press “Everyone is here”.")},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("Record a class after it took place, not before."))
        return date


class PrintCardsForm(forms.Form):
    """Whose login cards to print again: the whole group or the ticked learners."""

    everyone = forms.TypedChoiceField(
        label=_("Cards for"),
        choices=[("1", _("Everyone in the group I made an account for")), ("0", _("Only the learners I tick below"))],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    learners = LearnerChoiceField(
        label=_("Learners"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learners"].queryset = members

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("everyone") is False and not cleaned_data.get("learners"):
            self.add_error("learners", _("Tick at least one learner, or choose everyone."))
        return cleaned_data


class AskForHelpForm(forms.Form):
    """The learner's "Ask my trainer for help": which lesson (hidden) and a short optional message."""

    lesson = forms.IntegerField(required=False, widget=forms.HiddenInput)
    message = TypedTextField(
        label=_("What do you need help with? (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SignOffForm(forms.Form):
    """A practical skill the trainer saw the learner do in person."""

    skill = forms.ModelChoiceField(label=_("Practical skill"), queryset=None, empty_label=_("Choose…"))
    course = forms.ModelChoiceField(
        label=_("In which course (optional)"), queryset=None, required=False, empty_label=_("No course")
    )
    note = TypedTextField(label=_("Note (optional)"), required=False, max_length=250)

    def __init__(self, *args, learner, **kwargs):
        from wagtail.models import Locale

        from courses.models import CoursePage

        from .learner_records import practical_skills

        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = practical_skills()
        self.fields["course"].queryset = CoursePage.objects.live().filter(locale=Locale.get_active()).order_by("path")
