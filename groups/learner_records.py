"""What the learner page shows from the assessments app: quiz attempts with their answers, practical skills."""

from django.db.models import Prefetch
from django.utils.text import Truncator
from wagtail.models import Locale

ATTEMPTS_SHOWN = 30


def quiz_attempts(*, learner, limit=ATTEMPTS_SHOWN):
    """The learner's latest finished or open quiz attempts, each with its answers (three queries)."""
    from assessments.models import Answer, Attempt

    attempts = list(
        Attempt.objects.filter(learner=learner)
        .select_related("page")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("question").order_by("pk")))
        .order_by("-started_at", "-pk")[:limit]
    )
    for attempt in attempts:
        attempt.answer_rows = [
            {
                "question": Truncator(answer.question.text if answer.question else "").chars(120),
                "response": answer.response_text,
                "correct": answer.correct,
            }
            for answer in attempt.answers.all()
        ]
    return attempts


def practical_skills():
    """Practical-skill questions in the active language, for the trainer's sign-off form."""
    from assessments.models import Question

    return Question.objects.filter(kind=Question.Kind.PRACTICAL, locale=Locale.get_active()).order_by("text")


def signed_off_skills(*, learner):
    from assessments.models import SkillSignOff

    return SkillSignOff.objects.filter(learner=learner).select_related("question", "trainer__learner_profile")


def sign_off(*, trainer, learner, question, course=None, note=""):
    from assessments.services import sign_off_practical_skill

    return sign_off_practical_skill(trainer=trainer, learner=learner, question=question, course=course, note=note)
