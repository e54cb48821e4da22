"""Read-only panels in the Wagtail editor: where the spots of a screenshot question are, how
learners answered a question, and a final test's difficult questions."""

from wagtail.admin.panels import Panel

from .permissions import can_see_statistics


class _ReadOnlyPanel(Panel):
    template_name = ""

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template_name


class HotspotPreviewPanel(_ReadOnlyPanel):
    """The saved screenshot with its spots drawn over it (right spots green, others orange)."""

    template_name = "assessments/admin/hotspot_preview_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance and self.instance.pk and self.instance.kind == "hotspot" and self.instance.image)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            image = self.instance.image
            context["image"] = image
            context["regions"] = [b for b in self.instance.options if b.block_type == "region"]
            return context


class QuestionStatisticsPanel(_ReadOnlyPanel):
    """How learners answered this question; the figures come from the ``question_statistics`` tag
    (assessments/templatetags/assessment_admin_tags.py), so the models do not pull statistics queries."""

    template_name = "assessments/admin/question_statistics_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance and self.instance.pk and can_see_statistics(self.request.user))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["question"] = self.instance
            return context


class DifficultQuestionsPanel(_ReadOnlyPanel):
    """A final test's most often missed questions, from the ``difficult_questions`` tag."""

    template_name = "assessments/admin/difficult_questions_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance and self.instance.pk and can_see_statistics(self.request.user))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["quiz"] = self.instance
            return context
