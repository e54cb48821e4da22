"""What a course needs, besides every lesson, before the LMS records it as completed.

Apps above ``learning`` register a requirement here from their ``AppConfig.ready`` (``assessments``:
the course's final test must be passed), so ``learning`` decides completion without importing them.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CompletionRequirement:
    """``pages_for(courses)`` maps each course's pk to the live page where a learner meets the requirement
    (courses without such a step are left out), in a number of queries that does not grow with the
    number of courses; ``is_met(enrolment)`` says whether the learner has met it."""

    name: str
    pages_for: Callable[[list], dict]
    is_met: Callable[[object], bool]


_requirements: dict[str, CompletionRequirement] = {}


def register(requirement):
    _requirements[requirement.name] = requirement
    return requirement


def steps_after_lessons(course):
    """(requirement, page) for each registered requirement this course has, in registration order."""
    steps = []
    for requirement in _requirements.values():
        page = requirement.pages_for([course]).get(course.pk)
        if page is not None:
            steps.append((requirement, page))
    return steps


def next_step_page(course):
    """The page of the first step after the lessons (e.g. the final test), or None."""
    return next_step_pages([course]).get(course.pk)


def next_step_pages(courses):
    """{course pk: the page of its first step after the lessons} for several courses at once."""
    found = {}
    for requirement in _requirements.values():
        for pk, page in requirement.pages_for(list(courses)).items():
            found.setdefault(pk, page)
    return found


def all_met(*, course, enrolment):
    return all(requirement.is_met(enrolment) for requirement, _page in steps_after_lessons(course))
