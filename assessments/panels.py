"""Read-only panels in the Wagtail editor: where the spots of a screenshot question are, how
learners answered a question, and a final test's difficult questions."""

from wagtail.admin.panels import Panel


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
    template_name = "assessments/admin/question_statistics_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def is_shown(self):
            from .statistics import can_see_statistics

            return bool(self.instance and self.instance.pk and can_see_statistics(self.request.user))

        def get_context_data(self, parent_context=None):
            from .statistics import percent, question_summary, wrong_answer_words

            context = super().get_context_data(parent_context)
            row = question_summary(self.instance)
            context.update(row=row, right_percent=percent(row.right_share), wrong_answer=wrong_answer_words(row))
            return context


class DifficultQuestionsPanel(_ReadOnlyPanel):
    template_name = "assessments/admin/difficult_questions_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def is_shown(self):
            from .statistics import can_see_statistics

            return bool(self.instance and self.instance.pk and can_see_statistics(self.request.user))

        def get_context_data(self, parent_context=None):
            from .statistics import difficult_questions, percent, wrong_answer_words

            context = super().get_context_data(parent_context)
            rows = difficult_questions(quiz_key=self.instance.translation_key, locale=self.instance.locale)
            context["rows"] = [
                {"question": q, "right_percent": percent(q.right_share), "wrong_answer": wrong_answer_words(q)}
                for q in rows
            ]
            context["quiz_key"] = self.instance.translation_key
            return context
