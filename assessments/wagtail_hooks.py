"""The question bank in the Wagtail admin, and the question statistics report for authors."""

import django_filters
from django.contrib.auth.models import Permission
from django.db.models import F
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import LessonPage
from learning.services import MY_COURSES_HOOK
from lms.exports import SafeSpreadsheetExportMixin
from lms.page_context import PAGE_CONTEXT_HOOK

from .models import AssessmentPage, Certificate, Question
from .permissions import can_see_statistics
from .statistics import percent, with_statistics, wrong_answer_words
from .views import assessment_page_context


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    list_display = ["__str__", "kind", "locale"]
    list_filter = ["kind"]
    add_to_admin_menu = True
    menu_order = 320


def quiz_choices():
    """Final tests and lessons with a quiz, in the default language, as (quiz key, title)."""
    default = Locale.get_default()
    choices = [
        (str(page.translation_key), _("Final test: %(title)s") % {"title": page.title})
        for page in AssessmentPage.objects.filter(locale=default).order_by("path")
    ]
    for lesson in LessonPage.objects.filter(locale=default).order_by("path"):
        if any(block.get("type") == "quiz" for block in lesson.body.raw_data):
            choices.append((str(lesson.translation_key), _("Lesson quiz: %(title)s") % {"title": lesson.title}))
    return choices


class QuestionStatisticsFilterSet(WagtailFilterSet):
    quiz = django_filters.ChoiceFilter(
        label=_("Quiz"), choices=quiz_choices, empty_label=_("All quizzes"), method="keep"
    )
    language = django_filters.ChoiceFilter(
        label=_("Language of the question"),
        choices=lambda: list(get_content_languages().items()),
        empty_label=_("Default language"),
        method="keep",
    )

    class Meta:
        model = Question
        fields = ["quiz", "language", "kind"]

    def keep(self, queryset, name, value):
        return queryset  # applied by the view, which needs the value for the annotations


class QuestionStatisticsView(SafeSpreadsheetExportMixin, ReportView):
    """Per question: answers, share right and the most chosen wrong answer; choosing a quiz lists its
    difficult questions first. Only for users with "Can see how learners answered questions"."""

    page_title = _("Question statistics")
    header_icon = "help"
    index_url_name = "assessments_question_statistics"
    index_results_url_name = "assessments_question_statistics_results"
    filterset_class = QuestionStatisticsFilterSet
    permission_policy = ModelPermissionPolicy(Question)
    permission_required = "view_statistics"
    export_filename = "question-statistics"
    list_export = ["text", "kind", "answer_count", "right_count", "wrong_response"]
    export_headings = {
        "text": _("Question"),
        "kind": _("Type"),
        "answer_count": _("Answers"),
        "right_count": _("Answered right"),
        "wrong_response": _("Most chosen wrong answer (xAPI response)"),
    }
    columns = [
        TitleColumn("text", label=_("Question"), url_name="wagtailsnippets_assessments_question:edit"),
        Column("kind", label=_("Type"), accessor="get_kind_display"),
        Column("answer_count", label=_("Answers")),
        Column("right_percent", label=_("Answered right (%)"), accessor=lambda q: percent(q.right_share)),
        Column("wrong_answer", label=_("Most chosen wrong answer"), accessor=wrong_answer_words),
    ]

    def get_queryset(self):
        params = self.request.GET
        language = params.get("language") or Locale.get_default().language_code
        quiz = params.get("quiz") or None
        valid_quiz = quiz in {key for key, _label in quiz_choices()} if quiz else False
        questions = Question.objects.filter(locale__language_code=language).select_related("locale")
        questions = with_statistics(questions, quiz_key=quiz if valid_quiz else None)
        if valid_quiz:
            questions = questions.filter(answer_count__gt=0)
        self.queryset = questions.order_by(F("right_share").asc(nulls_last=True), "-answer_count", "pk")
        return self.queryset


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_statistics(request.user)


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path(
            "reports/question-statistics/",
            QuestionStatisticsView.as_view(),
            name="assessments_question_statistics",
        ),
        path(
            "reports/question-statistics/results/",
            QuestionStatisticsView.as_view(results_only=True),
            name="assessments_question_statistics_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Question statistics"),
        reverse("assessments_question_statistics"),
        name="question-statistics",
        icon_name="help",
        order=1300,
    )


@hooks.register("register_permissions")
def register_statistics_permission():
    return Permission.objects.filter(content_type__app_label="assessments", codename="view_statistics_question")


register_snippet(QuestionViewSet)

from . import certificate_admin  # noqa: E402, F401  (certificates' admin hooks)


@hooks.register(PAGE_CONTEXT_HOOK)
def add_assessment_context(*, page, request, context):
    """A final test's page: the learner's attempts, the start or resume form and the result."""
    if isinstance(page, AssessmentPage):
        context.update(assessment_page_context(request=request, assessment=page))


@hooks.register(MY_COURSES_HOOK)
def add_certificates(*, learner, mine):
    """The learner's certificates on "My courses", newest first, and each course's own."""
    mine.certificates = list(Certificate.objects.filter(learner=learner).order_by("-issued_at"))
    mine.certificate_by_course = {str(certificate.course_key): certificate for certificate in mine.certificates}
