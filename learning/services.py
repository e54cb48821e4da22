"""Domain functions for learning progress. Views call these; they own their transactions.

Every event is stored as an xAPI statement (xapi.services.store_statements); the progress tables
are updated from the statement by learning.projection, never written here directly.
"""

import uuid
from dataclasses import dataclass, field

from django.db import transaction
from wagtail import hooks
from wagtail.models import Locale

from courses.models import CoursePage, LessonPage
from xapi.records import build_statement
from xapi.services import store_statements

from . import completion
from .models import Enrolment, LessonCompletion, PracticeTaskDone

ANONYMOUS_LESSONS_KEY = "learning.anonymous_lessons"
ANONYMOUS_PRACTICE_KEY = "learning.anonymous_practice"


@dataclass
class CourseProgress:
    """A learner's standing in one course, as the course and lesson pages show it."""

    lessons: list
    done_keys: set = field(default_factory=set)
    enrolment: Enrolment | None = None
    practice_done: set = field(default_factory=set)
    # The course's final test, looked up only once every lesson is done and the course is not finished.
    final_test: object = None

    @property
    def joined(self):
        return self.enrolment is not None

    @property
    def total(self):
        return len(self.lessons)

    @property
    def done(self):
        return sum(1 for lesson in self.lessons if str(lesson.translation_key) in self.done_keys)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def lessons_done(self):
        return self.total > 0 and self.done == self.total

    @property
    def completed(self):
        """Finished as ``Enrolment.completed_at`` says: every lesson done and the final test, if any, passed.

        A visitor (no enrolment) cannot take a final test, so their course is finished only without one.
        """
        if self.enrolment is not None:
            return self.enrolment.completed_at is not None
        return self.lessons_done and self.final_test is None

    @property
    def new_lessons(self):
        """Lessons added to a course after the learner finished it.

        A finished course stays finished and its certificate stands (completion is a fact recorded
        once); the pages say "Course finished!" with "N new lessons" and invite the learner to them,
        while "done of total" keeps counting every live lesson. A course completes only with every
        lesson done, so a lesson not done in a finished course was added (or put back) after.
        """
        return self.total - self.done if self.completed and self.enrolment is not None else 0

    @property
    def final_test_due(self):
        """Every lesson is done but the final test is still to pass."""
        return self.lessons_done and not self.completed and self.final_test is not None

    @property
    def next_lesson(self):
        return next((le for le in self.lessons if str(le.translation_key) not in self.done_keys), None)

    def is_done(self, lesson):
        return str(lesson.translation_key) in self.done_keys

    def lesson_rows(self):
        return [(lesson, self.is_done(lesson)) for lesson in self.lessons]


def _is_learner(user):
    return user is not None and user.is_authenticated


def course_progress(*, learner, course, lessons=None, request=None):
    """Progress in ``course`` for a signed-in learner, or for an anonymous reader's session."""
    lessons = list(course.lessons()) if lessons is None else lessons
    keys = [lesson.translation_key for lesson in lessons]
    if _is_learner(learner):
        enrolment = Enrolment.objects.filter(learner=learner, course_key=course.translation_key).first()
        done = {
            str(k)
            for k in LessonCompletion.objects.filter(learner=learner, lesson_key__in=keys).values_list(
                "lesson_key", flat=True
            )
        }
        practice = {
            f"{k}:{t}"
            for k, t in PracticeTaskDone.objects.filter(learner=learner, lesson_key__in=keys).values_list(
                "lesson_key", "task_id"
            )
        }
        progress = CourseProgress(lessons=lessons, done_keys=done, enrolment=enrolment, practice_done=practice)
    else:
        session = getattr(request, "session", None) or {}
        progress = CourseProgress(
            lessons=lessons,
            done_keys=set(session.get(ANONYMOUS_LESSONS_KEY, [])),
            practice_done=set(session.get(ANONYMOUS_PRACTICE_KEY, [])),
        )
    if progress.lessons_done and (progress.enrolment is None or progress.enrolment.completed_at is None):
        progress.final_test = completion.next_step_page(course)
    return progress


def _record(learner, verb, kind, page, enrolment, course=None, task_id=None):
    statement = build_statement(
        learner=learner,
        verb=verb,
        kind=kind,
        page=page,
        registration=enrolment.registration if enrolment else None,
        course=course,
        task_id=task_id,
    )
    store_statements(statements=[statement])


@transaction.atomic
def join_course(*, learner, course):
    """Enrol ``learner`` in ``course`` (in whichever language); joining twice changes nothing.

    Recorded as an xAPI "registered" statement; the enrolment row is its projection.
    """
    enrolment = Enrolment.objects.filter(learner=learner, course_key=course.translation_key).first()
    if enrolment is None:
        registration = uuid.uuid4()
        statement = build_statement(
            learner=learner, verb="registered", kind="course", page=course, registration=registration
        )
        store_statements(statements=[statement])
        enrolment = Enrolment.objects.get(learner=learner, course_key=course.translation_key)
    return enrolment


def _course_lesson_keys(course):
    return {str(k) for k in course.lessons().values_list("translation_key", flat=True)}


@transaction.atomic
def record_lesson_completed(*, learner, lesson):
    """Record that ``learner`` finished ``lesson``, joining its course and completing the course if due."""
    course = CoursePage.objects.parent_of(lesson).get()
    enrolment = join_course(learner=learner, course=course)
    completion = LessonCompletion.objects.filter(learner=learner, lesson_key=lesson.translation_key).first()
    if completion is None:
        _record(learner, "completed", "lesson", lesson, enrolment, course=course)
        completion = LessonCompletion.objects.get(learner=learner, lesson_key=lesson.translation_key)
    return completion


def complete_course_if_due(*, learner, course):
    """Record the course as completed (a statement) once every live lesson of it is done and every
    requirement registered in ``learning.completion`` is met (the final test, if it has one, passed:
    ``Enrolment.passed_at``, projected from the LMS's own "passed")."""
    enrolment = Enrolment.objects.filter(learner=learner, course_key=course.translation_key).first()
    if enrolment is None or enrolment.completed_at is not None:
        return
    finished = {str(k) for k in LessonCompletion.objects.filter(learner=learner).values_list("lesson_key", flat=True)}
    if not _course_lesson_keys(course) <= finished:
        return
    if not completion.all_met(course=course, enrolment=enrolment):
        return
    _record(learner, "completed", "course", course, enrolment)


@transaction.atomic
def record_practice_done(*, learner, lesson, task_id):
    """Record a "try it yourself" task as done; repeating it changes nothing."""
    course = CoursePage.objects.parent_of(lesson).get()
    enrolment = join_course(learner=learner, course=course)
    record = PracticeTaskDone.objects.filter(
        learner=learner, lesson_key=lesson.translation_key, task_id=task_id
    ).first()
    if record is None:
        _record(learner, "completed", "lesson", lesson, enrolment, course=course, task_id=task_id)
        record = PracticeTaskDone.objects.get(learner=learner, lesson_key=lesson.translation_key, task_id=task_id)
    return record


def remember_anonymous_completion(*, session, lesson):
    keys = session.get(ANONYMOUS_LESSONS_KEY, [])
    if str(lesson.translation_key) not in keys:
        session[ANONYMOUS_LESSONS_KEY] = [*keys, str(lesson.translation_key)]


def remember_anonymous_practice(*, session, lesson, task_id):
    keys = session.get(ANONYMOUS_PRACTICE_KEY, [])
    entry = f"{lesson.translation_key}:{task_id}"
    if entry not in keys:
        session[ANONYMOUS_PRACTICE_KEY] = [*keys, entry]


def attach_anonymous_progress(*, session, learner):
    """Move lessons finished before signing in from the session to the learner's account."""
    lesson_keys = session.pop(ANONYMOUS_LESSONS_KEY, [])
    practice = session.pop(ANONYMOUS_PRACTICE_KEY, [])
    lessons = {}
    wanted = lesson_keys + [entry.split(":")[0] for entry in practice]
    for lesson in LessonPage.objects.live().filter(translation_key__in=wanted):
        lessons.setdefault(str(lesson.translation_key), lesson)
    for key in lesson_keys:
        if key in lessons:
            record_lesson_completed(learner=learner, lesson=lessons[key])
    for entry in practice:
        key, _sep, task_id = entry.partition(":")
        if key in lessons:
            record_practice_done(learner=learner, lesson=lessons[key], task_id=task_id)
    return len(lesson_keys)


def continue_learning(*, learner):
    """The course a learner was last busy with and the next lesson, in the active language."""
    if not _is_learner(learner):
        return None
    enrolment = (
        Enrolment.objects.filter(learner=learner, completed_at__isnull=True).order_by("-last_activity_at").first()
    )
    if enrolment is None:
        return None
    course = enrolment.course.localized
    if not course.live:
        return None
    progress = course_progress(learner=learner, course=course)
    return {"course": course, "lesson": progress.next_lesson, "progress": progress}


MY_COURSES_HOOK = "lms_my_courses"


@dataclass
class MyCourses:
    """The "My courses" page: joined courses with their next step, assignments and certificates.

    ``learning`` fills the courses; the apps above add their parts through the Wagtail hook
    ``MY_COURSES_HOOK`` (``groups``: assignments; ``assessments``: certificates, with
    ``certificate_by_course`` keyed by course translation key).
    """

    courses: list = field(default_factory=list)  # [(course page, CourseProgress, certificate or None)]
    assignments: list = field(default_factory=list)  # groups.progress.LearnerAssignment, soonest due first
    certificates: list = field(default_factory=list)
    certificate_by_course: dict = field(default_factory=dict)


def _children_of(model, parents):
    """Live children of several pages in one query, grouped by parent path."""
    from django.db.models import Q

    if not parents:
        return {}
    condition = Q()
    for parent in parents:
        condition |= Q(path__startswith=parent.path, depth=parent.depth + 1)
    grouped = {}
    for page in model.objects.live().filter(condition).order_by("path"):
        grouped.setdefault(page.path[: -page.steplen], []).append(page)
    return grouped


def my_courses(*, learner):
    """Everything the learner's "My courses" page shows, in a number of queries that does not grow
    with the number of courses, assignments or certificates."""

    enrolments = list(Enrolment.objects.filter(learner=learner).order_by("-last_activity_at"))
    active = Locale.get_active()
    live = {}
    for page in CoursePage.objects.live().filter(translation_key__in=[e.course_key for e in enrolments]):
        if page.translation_key not in live or page.locale_id == active.pk:
            live[page.translation_key] = page  # the active language's, else any live translation
    courses = [(live[e.course_key], e) for e in enrolments if e.course_key in live]
    lessons = _children_of(LessonPage, [c for c, _e in courses])
    next_steps = completion.next_step_pages([c for c, _e in courses])
    done = {str(k) for k in LessonCompletion.objects.filter(learner=learner).values_list("lesson_key", flat=True)}
    mine = MyCourses()
    for add in hooks.get_hooks(MY_COURSES_HOOK):
        add(learner=learner, mine=mine)
    for course, enrolment in courses:
        progress = CourseProgress(lessons=lessons.get(course.path, []), done_keys=done, enrolment=enrolment)
        if progress.lessons_done and enrolment.completed_at is None:
            progress.final_test = next_steps.get(course.pk)
        mine.courses.append((course, progress, mine.certificate_by_course.get(str(course.translation_key))))
    return mine
