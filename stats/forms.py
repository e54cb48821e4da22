"""The filter form shared by every statistics page and export (plain GET form: links can be shared)."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.widgets import AdminDateInput

from accounts.models import Division, LearnerProfile

from .queries import DEFAULT_PERIOD_DAYS, StatsFilter

MAX_PERIOD_DAYS = 366 * 10


def _blank(choices):
    return [("", _("All")), *choices]


class StatsFilterForm(forms.Form):
    """Period, course, region (drill-down: a prefecture only once a province is chosen) and learner groups.

    Invalid input gives a translated error on the field and the page falls back to the default
    filters; nothing is saved.
    """

    start = forms.DateField(label=pgettext_lazy("period", "From"), required=False, widget=AdminDateInput)
    end = forms.DateField(label=pgettext_lazy("period", "To"), required=False, widget=AdminDateInput)
    course = forms.ChoiceField(label=_("Course"), required=False)
    province = forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        empty_label=_("All"),
        queryset=Division.objects.filter(level=Division.Level.PROVINCE),
    )
    prefecture = forms.ModelChoiceField(
        label=_("City or prefecture"), required=False, empty_label=_("All"), queryset=Division.objects.none()
    )
    county = forms.ModelChoiceField(
        label=_("County or district"), required=False, empty_label=_("All"), queryset=Division.objects.none()
    )
    area = forms.ChoiceField(
        label=_("Town or countryside"), required=False, choices=_blank(LearnerProfile.Area.choices)
    )
    audience_group = forms.ChoiceField(
        label=_("Group of people"), required=False, choices=_blank(LearnerProfile.AudienceGroup.choices)
    )
    age_band = forms.ChoiceField(label=_("Age band"), required=False, choices=_blank(LearnerProfile.AgeBand.choices))
    # Reached from the learning-group table's links; thousands of groups make a poor drop-down.
    group = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, data=None, **kwargs):
        if data is None:
            default = StatsFilter.default()
            kwargs.setdefault("initial", {"start": default.start, "end": default.end})
        super().__init__(data, **kwargs)
        from courses.models import CoursePage

        courses = CoursePage.objects.filter(locale__language_code="zh-hans").order_by("path")
        self.fields["course"].choices = _blank(
            (str(key), title) for key, title in courses.values_list("translation_key", "title")
        )
        data = data or {}
        province = data.get("province")
        prefecture = data.get("prefecture")
        if province:
            self.fields["prefecture"].queryset = Division.objects.filter(parent_id=province)
        if prefecture:
            self.fields["county"].queryset = Division.objects.filter(parent_id=prefecture)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The end of the period must not be before its start."))
            elif (end - start).days > MAX_PERIOD_DAYS:
                self.add_error("start", _("Choose a period of at most ten years."))
        if data.get("group"):
            from groups.models import LearningGroup

            group = LearningGroup.objects.filter(pk=data["group"]).only("pk", "name").first()
            if group is None:
                self.add_error("group", _("That learning group does not exist."))
            data["group_object"] = group
        return data

    def to_filter(self):
        """The StatsFilter for valid input; the default (last 365 days, nothing else) otherwise."""
        today = timezone.localdate()
        if not self.is_bound or not self.is_valid():
            return StatsFilter.default(today=today)
        data = self.cleaned_data
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        if start > end:
            start = end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        return StatsFilter(
            start=start,
            end=end,
            course_key=data.get("course") or None,
            province=data["province"].code if data.get("province") else None,
            prefecture=data["prefecture"].code if data.get("prefecture") else None,
            county=data["county"].code if data.get("county") else None,
            area=data.get("area") or None,
            audience_group=data.get("audience_group") or None,
            age_band=data.get("age_band") or None,
            group=data.get("group") or None,
            extra={"group_name": data["group_object"].name if data.get("group_object") else ""},
        )
