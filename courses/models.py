"""Course content: the home page, the catalogue, courses and lessons, plus topic and audience snippets."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import F, Func, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index

from accessibility.models import ReadAloudMixin
from lms.page_context import add_page_context
from xapi.browser import xapi_page_context

from .blocks import LessonBodyBlock
from .slugs import PinyinSlugMixin


class Topic(TranslatableMixin, models.Model):
    """A subject area such as phone skills; the catalogue and the home page's entry points use it."""

    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, help_text=_("The same in every language, e.g. phone-skills."))
    summary = models.CharField(_("one-line summary"), max_length=160, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class Audience(TranslatableMixin, models.Model):
    """Who a course is written for: farmers, older people, students or everyone."""

    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, help_text=_("The same in every language, e.g. farmers."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name


def snippets_in_active_locale(model):
    """All rows of a small translatable snippet, keyed by translation key, in the active language.

    One query for the whole table, so listings stay at a constant number of queries; rows not yet
    translated fall back to the default language.
    """
    active = Locale.get_active()
    by_key = {}
    for obj in model.objects.select_related("locale").order_by("sort_order"):
        if obj.translation_key not in by_key or obj.locale_id == active.pk:
            by_key[obj.translation_key] = obj
    return by_key


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Some experience")
    ADVANCED = "advanced", _("Advanced")


class HomePage(PinyinSlugMixin, Page):
    intro = models.TextField(_("welcome text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = list(snippets_in_active_locale(Topic).values())
        context["catalogue"] = CourseIndexPage.objects.live().descendant_of(self).first()
        featured = CoursePage.objects.live().descendant_of(self).filter(is_featured=True)
        context["featured_courses"] = CoursePage.with_listing_data(featured)[:6]
        # "Continue learning" (learning) and assigned courses (groups) come from their apps' hooks.
        context.update(continue_learning=None, assignments=[])
        return add_page_context(page=self, request=request, context=context)


class CourseIndexPage(PinyinSlugMixin, Page):
    """The catalogue: course cards filtered by topic, audience and level with a plain GET form."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = 12

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def filtered_courses(self, params):
        courses = CoursePage.objects.live().child_of(self)
        topic = params.get("topic", "")
        audience = params.get("audience", "")
        level = params.get("level", "")
        if topic:
            courses = courses.filter(topic__slug=topic)
        if audience:
            courses = courses.filter(audiences__slug__in=[audience, "everyone"]).distinct()
        if level in Level.values:
            courses = courses.filter(level=level)
        return CoursePage.with_listing_data(courses.order_by("path"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.filtered_courses(request.GET), self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            page_obj=page_obj,
            courses=page_obj.object_list,
            topics=list(snippets_in_active_locale(Topic).values()),
            audiences=list(snippets_in_active_locale(Audience).values()),
            levels=Level.choices,
            selected={k: request.GET.get(k, "") for k in ("topic", "audience", "level")},
            filter_query=query.urlencode(),
        )
        return context


class CoursePage(PinyinSlugMixin, ReadAloudMixin, Page):
    summary = models.CharField(_("one-line summary"), max_length=160)
    outcomes = models.TextField(_("what you will be able to do"), blank=True, help_text=_("One item per line."))
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    audiences = ParentalManyToManyField(Audience, verbose_name=_("audience"), blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.BEGINNER)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trainer_notes = models.TextField(
        _("notes for trainers"), blank=True, help_text=_("Shown to trainers only, never to learners.")
    )
    is_featured = models.BooleanField(_("show on the home page"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("outcomes"),
        MultiFieldPanel(
            [FieldPanel("topic"), FieldPanel("audiences"), FieldPanel("level"), FieldPanel("is_featured")],
            heading=_("Catalogue"),
        ),
        FieldPanel("trainer_notes"),
        *ReadAloudMixin.read_aloud_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("outcomes")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "assessments.AssessmentPage"]

    class Meta:
        verbose_name = _("course")

    @classmethod
    def with_listing_data(cls, queryset):
        """Annotate lesson count and total minutes and prefetch what a course card shows.

        The cost of a listing does not grow with the number of courses.
        """
        lessons = LessonPage.objects.live().filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        return (
            queryset.select_related("cover_image", "topic")
            .prefetch_related("audiences", "cover_image__renditions")
            .annotate(
                lesson_count=Subquery(lessons.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]),
                total_minutes=Subquery(
                    lessons.order_by().annotate(m=Func(F("estimated_minutes"), function="SUM")).values("m")[:1]
                ),
            )
        )

    def lessons(self):
        return LessonPage.objects.live().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lessons = list(self.lessons())
        context["lessons"] = lessons
        context["total_minutes"] = sum(lesson.estimated_minutes for lesson in lessons)
        context["assignment"] = None
        # The learner's progress (learning) and a trainer's assignment of this course (groups).
        add_page_context(page=self, request=request, context=context)
        topics = snippets_in_active_locale(Topic)
        audiences = snippets_in_active_locale(Audience)
        context["topic"] = topics.get(self.topic.translation_key) if self.topic else None
        context["audience_names"] = [audiences[a.translation_key].name for a in self.audiences.all()]
        return context


class LessonPage(PinyinSlugMixin, ReadAloudMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("lesson content"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
        *ReadAloudMixin.read_aloud_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.get_parent().specific
        lessons = list(course.lessons())
        position = next((i for i, lesson in enumerate(lessons) if lesson.pk == self.pk), 0)
        context.update(
            course=course,
            lessons=lessons,
            lesson_number=position + 1,
            lesson_total=len(lessons),
            previous_lesson=lessons[position - 1] if position > 0 else None,
            next_lesson=lessons[position + 1] if position + 1 < len(lessons) else None,
        )
        # The learner's progress (learning) is added by its hook, then the recorder's settings from it.
        add_page_context(page=self, request=request, context=context)
        context["lesson_done"] = str(self.translation_key) in context["progress"].done_keys
        context["xapi"] = xapi_page_context(self, course, context["progress"])
        return context
