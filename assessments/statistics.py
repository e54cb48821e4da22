"""How learners answered, for authors: attempts, share right and the most chosen wrong answer.

Computed with database aggregates over marked answers (``Answer.correct`` is set), across
languages: answers are counted by the question's translation key, whichever language they were
given in.
"""

from django.db.models import Count, F, FloatField, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, NullIf

from .models import Answer, Question


def _count(answers):
    return Coalesce(
        Subquery(answers.order_by().values("question_key").annotate(n=Count("id")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def with_statistics(questions, *, quiz_key=None, block_id=None):
    """Annotate questions with ``answer_count``, ``right_count``, ``right_share`` (0-1 or None),
    ``wrong_response`` (the most chosen wrong xAPI response) and ``wrong_response_count``.

    With ``quiz_key`` only answers given in that quiz (a final test, or a lesson's quiz block) count.
    """
    answers = Answer.objects.filter(question_key=OuterRef("translation_key"), correct__isnull=False)
    if quiz_key is not None:
        answers = answers.filter(attempt__quiz_key=quiz_key)
        if block_id is not None:
            answers = answers.filter(attempt__block_id=block_id)
    wrong = (
        answers.filter(correct=False)
        .order_by()
        .values("response_text")
        .annotate(n=Count("id"))
        .order_by("-n", "response_text")
    )
    return questions.annotate(
        answer_count=_count(answers),
        right_count=_count(answers.filter(correct=True)),
        wrong_response=Subquery(wrong.values("response_text")[:1]),
        wrong_response_count=Subquery(wrong.values("n")[:1]),
    ).annotate(right_share=Cast(F("right_count"), FloatField()) / NullIf(Cast(F("answer_count"), FloatField()), 0.0))


def difficult_questions(*, quiz_key, block_id=None, locale=None, limit=10):
    """The questions answered in one quiz, hardest first (lowest share of right answers).

    One row per question, in ``locale`` where it is translated (a quiz asks few questions, so the
    rows are merged across languages here rather than in the query).
    """
    rows = (
        with_statistics(Question.objects.select_related("locale"), quiz_key=quiz_key, block_id=block_id)
        .filter(answer_count__gt=0)
        .order_by("right_share", "-answer_count", "pk")
    )
    chosen = {}
    for row in rows:
        key = row.translation_key
        if key not in chosen or (locale is not None and row.locale_id == locale.pk):
            chosen[key] = row
    ordered = sorted(chosen.values(), key=lambda q: (q.right_share, -q.answer_count, q.pk))
    return ordered[:limit]


def question_summary(question):
    """The statistics of one question (all quizzes, all languages)."""
    row = with_statistics(Question.objects.filter(pk=question.pk)).get()
    return row


def percent(share):
    return None if share is None else round(100 * share)


def wrong_answer_words(question):
    """The most chosen wrong answer of an annotated question, in the question's own words."""
    from .questions import describe_response
    from .records import response_from_xapi

    if not question.wrong_response:
        return ""
    return describe_response(question, response_from_xapi(question, question.wrong_response)) or (
        question.wrong_response
    )
