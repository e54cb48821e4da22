"""Quizzes, attempts and certificates."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin

from accessibility.models import ReadAloudMixin
from courses.slugs import PinyinSlugMixin
from lms.page_context import add_page_context

from .blocks import QuestionOptionsBlock
from .panels import DifficultQuestionsPanel, HotspotPreviewPanel, QuestionStatisticsPanel
from .questions import answer_key_for, question_errors


def new_verification_code():
    # 12 characters from an alphabet without look-alikes (0/O, 1/I/L), easy to read over the phone.
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """Who issues this site's certificates (shown on every certificate and verification page)."""

    issuer_name = models.CharField(_("issuing organisation (Chinese)"), max_length=120, blank=True)
    issuer_name_en = models.CharField(_("issuing organisation (English)"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("certificate settings")


class Certificate(models.Model):
    """Proof that a learner completed a course, verifiable by anyone who holds its code."""

    code = models.CharField(_("verification code"), max_length=16, unique=True, default=new_verification_code)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="certificates"
    )
    enrolment = models.OneToOneField(
        "learning.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate",
    )
    course_key = models.UUIDField(_("course translation key"), db_index=True)
    # Names as they were when the certificate was issued: a certificate does not change afterwards.
    learner_name = models.CharField(_("learner name"), max_length=120)
    course_title = models.CharField(_("course"), max_length=255)
    course_title_en = models.CharField(_("course (English)"), max_length=255, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [models.UniqueConstraint(fields=["learner", "course_key"], name="one_certificate_per_course")]

    def __str__(self):
        return f"{self.code} {self.learner_name}: {self.course_title}"

    @property
    def is_valid(self):
        return self.revoked_at is None


# Question bank, quizzes and attempts ----------------------------------------------------------------


class TaggedQuestion(TaggedItemBase):
    """Tags put questions into pools ("smartphone-basics", "scams"): a quiz can draw N at random from one."""

    content_object = ParentalKey("assessments.Question", on_delete=models.CASCADE, related_name="tagged_items")


class Question(TranslatableMixin, ClusterableModel):
    """One reusable question in the question bank, translated like the other snippets.

    The answer options are a StreamField rather than inline rows because a StreamField block keeps
    its id when the question is translated: the Chinese and English versions share their option
    ids, so scoring, xAPI interaction components and the authors' statistics ("most chosen wrong
    answer") all count an option once, whichever language it was chosen in. The kinds need
    differently shaped options (a choice, a pair, an accepted answer, a region on a screenshot),
    which one typed stream holds without a table per kind; ``clean`` checks that the options
    fit the kind.
    """

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple response (tick all that are right)")
        TRUE_FALSE = "true_false", _("True or false")
        IMAGE_CHOICE = "image_choice", _("Tap the right picture")
        ORDERING = "ordering", _("Put the steps in order")
        MATCHING = "matching", _("Matching pairs")
        SHORT_ANSWER = "short_answer", _("Short answer (text or number)")
        HOTSPOT = "hotspot", _("Tap the right spot on a screenshot")
        PRACTICAL = "practical", _("Practical skill, signed off by a trainer")

    kind = models.CharField(_("type of question"), max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("question"), help_text=_("Short and plain, one idea per question."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown with the question. For 'tap the right spot', this is the screenshot."),
    )
    image_alt = models.CharField(_("what the picture shows"), max_length=250, blank=True)
    audio = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("question read aloud (audio file)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional MP3 or Ogg recording of the question, for learners who read little."),
    )
    answer_true = models.BooleanField(
        _("the statement is true"), null=True, blank=True, help_text=_("Only for true-or-false questions.")
    )
    options = StreamField(QuestionOptionsBlock(), verbose_name=_("answers"), blank=True)
    explanation = models.TextField(_("explanation shown after answering"), blank=True)
    correct_feedback = models.CharField(_("feedback for a right answer"), max_length=250, blank=True)
    wrong_feedback = models.CharField(_("feedback for a wrong answer"), max_length=250, blank=True)
    tags = ClusterTaggableManager(
        through=TaggedQuestion,
        verbose_name=_("pools (tags)"),
        blank=True,
        help_text=_("Quizzes can draw questions at random from a tag, e.g. smartphone-basics."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("audio")], heading=_("Picture and sound")
        ),
        FieldPanel("answer_true"),
        FieldPanel("options"),
        HotspotPreviewPanel(heading=_("Preview of the spots")),
        MultiFieldPanel(
            [FieldPanel("explanation"), FieldPanel("correct_feedback"), FieldPanel("wrong_feedback")],
            heading=_("After answering"),
        ),
        FieldPanel("tags"),
        QuestionStatisticsPanel(heading=_("How learners answered")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        permissions = [("view_statistics_question", _("Can see how learners answered questions"))]

    def __str__(self):
        return Truncator(self.text).chars(80)

    def clean(self):
        super().clean()
        errors = question_errors(self)
        if errors:
            raise ValidationError(errors)

    @property
    def answer_key(self):
        return answer_key_for(self)

    def option_blocks(self, block_type=None):
        return [b for b in self.options if block_type is None or b.block_type == block_type]


class AssessmentPage(PinyinSlugMixin, ReadAloudMixin, Page):
    """A course's final test. Passing it (with every lesson done) completes the course.

    The learner sees the rules in words before starting; questions are a fixed list, or drawn at
    random from a tagged pool for each attempt (the draw is stored with the attempt).
    """

    intro = models.TextField(_("introduction"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=60, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means as many attempts as the learner wants.")
    )
    wait_minutes = models.PositiveIntegerField(
        _("waiting time between attempts (minutes)"), default=0, help_text=_("0 means no waiting.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        help_text=_("Empty means no time limit. With a limit, learners can ask for as much time again."),
    )
    pool_tag = models.CharField(
        _("draw questions from this tag"), max_length=100, blank=True, help_text=_("Leave empty to use the list.")
    )
    pool_size = models.PositiveSmallIntegerField(_("number of questions to draw"), default=5)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("wait_minutes"),
                FieldPanel("time_limit_minutes"),
            ],
            heading=_("Rules"),
        ),
        InlinePanel("assessment_questions", label=_("Questions"), heading=_("Questions (a fixed list)")),
        MultiFieldPanel([FieldPanel("pool_tag"), FieldPanel("pool_size")], heading=_("Or a random draw")),
        DifficultQuestionsPanel(heading=_("Difficult questions")),
        *ReadAloudMixin.read_aloud_panels,
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("final test")
        verbose_name_plural = _("final tests")

    def clean(self):
        super().clean()
        if self.max_attempts and self.max_attempts > 50:
            raise ValidationError({"max_attempts": _("Allow at most 50 attempts, or 0 for no limit.")})

    def fixed_question_keys(self):
        return [str(row.question.translation_key) for row in self.assessment_questions.all() if row.question_id]

    def get_context(self, request, *args, **kwargs):
        # The learner's attempts and the form come from assessments.wagtail_hooks (views sit above models).
        context = super().get_context(request, *args, **kwargs)
        return add_page_context(page=self, request=request, context=context)


def final_tests_of(courses):
    """{course pk: its first live final test} for several courses, in one query."""
    if not courses:
        return {}
    condition = models.Q()
    for course in courses:
        condition |= models.Q(path__startswith=course.path, depth=course.depth + 1)
    by_path = {course.path: course.pk for course in courses}
    found = {}
    for test in AssessmentPage.objects.live().filter(condition).order_by("path"):
        found.setdefault(by_path[test.path[: -test.steplen]], test)
    return found


class AssessmentQuestion(Orderable):
    page = ParentalKey(AssessmentPage, on_delete=models.CASCADE, related_name="assessment_questions")
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("question")]


class Attempt(models.Model):
    """One go at a quiz: a lesson's "check yourself" block or a final test.

    The questions drawn and the seed that orders their options are stored, so a reload or a
    resumed attempt shows the same questions in the same order. At most one attempt per learner and
    quiz is open at a time (a partial unique constraint), and attempt numbers are unique.
    """

    class Kind(models.TextChoices):
        CHECK = "check", _("Check yourself (in a lesson)")
        ASSESSMENT = "assessment", _("Final test")

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        SUBMITTED = "submitted", _("Handed in")
        EXPIRED = "expired", _("Time ran out")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # The assessment page's translation key, or the lesson's (with the quiz block's id).
    quiz_key = models.UUIDField(_("quiz translation key"), db_index=True)
    block_id = models.CharField(_("quiz block"), max_length=64, blank=True)
    course_key = models.UUIDField(_("course translation key"), db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    number = models.PositiveIntegerField(_("attempt number"))
    seed = models.CharField(_("shuffle seed"), max_length=64)
    question_keys = models.JSONField(_("questions"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    deadline = models.DateTimeField(_("time limit ends"), null=True, blank=True)
    time_extended = models.BooleanField(_("more time given"), default=False)
    closed_at = models.DateTimeField(_("finished"), null=True, blank=True)
    score = models.FloatField(_("score (0 to 1)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    registration = models.UUIDField(_("registration"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(fields=["learner", "quiz_key", "block_id", "number"], name="unique_attempt_number"),
            models.UniqueConstraint(
                fields=["learner", "quiz_key", "block_id"],
                condition=models.Q(status="open"),
                name="one_open_attempt_per_quiz",
            ),
        ]
        indexes = [models.Index(fields=["learner", "quiz_key", "block_id", "-number"])]

    def __str__(self):
        return f"{self.learner} #{self.number} {self.get_kind_display()}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def percent(self):
        return round(100 * self.score) if self.score is not None else None


class Answer(models.Model):
    """A learner's answer to one question within an attempt; one row per question and attempt.

    ``response`` is what was chosen (option ids, text, a point); ``response_text`` is the same as
    the xAPI response string, kept so authors' statistics group answers with a database aggregate.
    ``score`` and ``correct`` are empty until the answer is marked.
    """

    attempt = models.ForeignKey(Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        Question, verbose_name=_("question"), null=True, on_delete=models.SET_NULL, related_name="answers"
    )
    question_key = models.UUIDField(_("question translation key"))
    response = models.JSONField(_("response"), null=True)
    response_text = models.CharField(_("response (xAPI)"), max_length=2000, blank=True)
    score = models.FloatField(_("score (0 to 1)"), null=True, blank=True)
    correct = models.BooleanField(_("right"), null=True, blank=True)
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)
    duration = models.DurationField(_("time taken"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["attempt", "question_key"], name="one_answer_per_question")]
        indexes = [models.Index(fields=["question_key", "correct"])]

    def __str__(self):
        return f"{self.attempt}: {self.response_text}"


class SkillSignOff(models.Model):
    """A trainer saw the learner do a practical skill in person (e.g. "made a video call")."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="skill_sign_offs"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("practical skill"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    question_key = models.UUIDField(_("question translation key"))
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="skills_signed_off",
    )
    signed_at = models.DateTimeField(_("signed off"), default=timezone.now)
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("practical skill signed off")
        verbose_name_plural = _("practical skills signed off")
        constraints = [models.UniqueConstraint(fields=["learner", "question_key"], name="one_sign_off_per_skill")]

    def __str__(self):
        return f"{self.learner}: {self.question}"
