"""What a course needs, besides every lesson, before the LMS records it as completed.

Apps above ``learning`` register a requirement here from their ``AppConfig.ready`` (``assessments``:
the course's final test must be passed), so ``learning`` decides completion without importing them.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CompletionRequirement:
    """``page_for(course)`` is the live page where a learner meets the requirement in that course, or None
    when the course has no such step; ``is_met(enrolment)`` says whether the learner has met it."""

    name: str
    page_for: Callable[[object], object]
    is_met: Callable[[object], bool]


_requirements: dict[str, CompletionRequirement] = {}


def register(requirement):
    _requirements[requirement.name] = requirement
    return requirement


def steps_after_lessons(course):
    """(requirement, page) for each registered requirement this course has, in registration order."""
    steps = []
    for requirement in _requirements.values():
        page = requirement.page_for(course)
        if page is not None:
            steps.append((requirement, page))
    return steps


def next_step_page(course):
    """The page of the first step after the lessons (e.g. the final test), or None."""
    steps = steps_after_lessons(course)
    return steps[0][1] if steps else None


def all_met(*, course, enrolment):
    return all(requirement.is_met(enrolment) for requirement, _page in steps_after_lessons(course))
