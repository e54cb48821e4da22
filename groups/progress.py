"""Progress of learners on their assignments, read from the enrolment summaries (never from raw statements).

``group_progress`` builds the group page's learners × assignments grid with a fixed number of queries,
however many learners and assignments there are; the learner page, the home page, the reminders and
the export use the same cell rules.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from accounts.models import user_display
from learning.models import Enrolment, LessonCompletion
from xapi.models import Statement
from xapi.vocabulary import VERBS

from .models import Assignment, HelpRequest, Membership

FAILED = VERBS["failed"][0]
FAILED_ATTEMPTS_FOR_HELP = 3
INACTIVE_DAYS_FOR_HELP = 7
# A lesson's self-check: this many wrong answers in a row (no right answer since) within the window.
WRONG_ANSWERS_FOR_HELP = 3
WRONG_ANSWERS_WINDOW_DAYS = 14

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
PASSED = "passed"
STATUS_LABELS = {
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    COMPLETED: _("Completed"),
    PASSED: _("Passed"),
}
SORTS = {
    "name": _("Name"),
    "progress": _("Progress"),
    "active": _("Last active"),
    "help": _("Needs help"),
}


def display_name(user):
    return user_display(user) if user is not None else ""


def score_percent(score):
    """Scores are stored scaled (0–1) by xAPI convention; older or raw scores above 1 are percents already."""
    if score is None:
        return None
    return round(score * 100) if score <= 1 else round(score)


@dataclass
class Cell:
    """One learner's standing in one assignment."""

    status: str = NOT_STARTED
    percent: int = 0
    score: int | None = None
    overdue: bool = False
    applies: bool = True
    last_active: object = None

    @property
    def finished(self):
        return self.status in (COMPLETED, PASSED)

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def sort_value(self):
        if not self.applies:
            return -1
        return {NOT_STARTED: 0, IN_PROGRESS: 1 + self.percent, COMPLETED: 200, PASSED: 300 + (self.score or 0)}[
            self.status
        ]


@dataclass
class Column:
    assignment: Assignment
    title: str
    url: str
    lesson_count: int

    @property
    def key(self):
        return f"a{self.assignment.pk}"


@dataclass
class Row:
    learner: object
    name: str
    joined_at: object
    cells: list = field(default_factory=list)
    last_active: object = None
    help_reasons: list = field(default_factory=list)
    help_requests: list = field(default_factory=list)

    @property
    def needs_help(self):
        return bool(self.help_reasons)

    @property
    def percent(self):
        applicable = [cell for cell in self.cells if cell.applies]
        if not applicable:
            return 0
        return round(sum(100 if cell.finished else cell.percent for cell in applicable) / len(applicable))


@dataclass
class GroupProgress:
    columns: list
    rows: list
    sort: str
    descending: bool

    @property
    def needing_help(self):
        return [row for row in self.rows if row.needs_help]

    @property
    def sort_value(self):
        """The current sort as the ``?sort=`` value, to keep it when switching between table and list."""
        return f"-{self.sort}" if self.descending else self.sort

    @property
    def by_learner(self):
        """[(row, [(column, cell)])] with only the assignments that apply to each learner: the list view."""
        return [
            (row, [(column, cell) for column, cell in zip(self.columns, row.cells, strict=True) if cell.applies])
            for row in self.rows
        ]


def localized_pages(model, keys):
    """Pages in the active language (falling back to any), keyed by translation key: one query."""
    active = Locale.get_active()
    pages = {}
    for page in model.objects.filter(translation_key__in=set(keys)):
        key = page.translation_key
        if key not in pages or page.locale_id == active.pk:
            pages[key] = page
    return pages


def localized_courses(course_keys):
    from courses.models import CoursePage

    return localized_pages(CoursePage, course_keys)


def localized_titles(model, keys):
    return {key: page.title for key, page in localized_pages(model, keys).items()}


class CellRules:
    """The summaries one set of learners × assignments needs, loaded in two queries, and the cell rules."""

    def __init__(self, *, assignments, learners_query, today):
        self.today = today
        course_keys = {a.course_key for a in assignments}
        self.enrolments = {
            (e.learner_id, e.course_key): e
            for e in Enrolment.objects.filter(learner__in=learners_query, course_key__in=course_keys).only(
                "learner_id",
                "course_key",
                "progress_percent",
                "completed_at",
                "passed_at",
                "score",
                "last_activity_at",
            )
        }
        lesson_keys = {key for a in assignments for key in a.lesson_keys}
        self.done = {}
        if lesson_keys:
            rows = LessonCompletion.objects.filter(learner__in=learners_query, lesson_key__in=lesson_keys)
            for learner_id, key in rows.values_list("learner_id", "lesson_key"):
                self.done.setdefault(learner_id, set()).add(str(key))

    def cell(self, assignment, learner_id, applies=True):
        if not applies:
            return Cell(applies=False)
        enrolment = self.enrolments.get((learner_id, assignment.course_key))
        cell = Cell(last_active=enrolment.last_activity_at if enrolment else None)
        if assignment.lesson_keys:
            done = len(self.done.get(learner_id, set()) & set(assignment.lesson_keys))
            cell.percent = round(100 * done / len(assignment.lesson_keys))
            if done == len(assignment.lesson_keys):
                cell.status = COMPLETED
            elif enrolment is not None or done:
                cell.status = IN_PROGRESS
        elif enrolment is not None:
            cell.percent = enrolment.progress_percent
            if enrolment.passed_at:
                cell.status, cell.score = PASSED, score_percent(enrolment.score)
            elif enrolment.completed_at:
                cell.status = COMPLETED
            else:
                cell.status = IN_PROGRESS
        if enrolment is not None and enrolment.score is not None and cell.score is None:
            cell.score = score_percent(enrolment.score)
        cell.overdue = bool(assignment.due_date and assignment.due_date < self.today and not cell.finished)
        return cell


def applies_to(assignment, learner_id):
    return assignment.whole_group or learner_id in {learner.pk for learner in assignment.learners.all()}


def failed_attempts(learners_query):
    """{learner id: highest number of failed attempts at any one quiz} from "failed" statements.

    Only the LMS's own (server-scored) results count: a statement anyone else sends cannot put a
    learner on the trainer's "needs help" list.
    """
    counts = {}
    for (learner_id, _activity), n in failed_by_test(learners_query).items():
        counts[learner_id] = max(counts.get(learner_id, 0), n)
    return counts


def failed_by_test(learners_query):
    """{(learner id, final test activity id): failed attempts}, LMS-scored "failed" statements only (one query)."""
    rows = (
        Statement.objects.filter(learner__in=learners_query, verb_id=FAILED, voided=False, source=Statement.Source.LMS)
        .values("learner_id", "activity_id")
        .annotate(n=Count("id"))
    )
    return {(row["learner_id"], row["activity_id"]): row["n"] for row in rows}


def struggling_lessons(learners_query, now=None):
    """{learner id: {lesson key: wrong answers}} for learners who keep getting a lesson's self-check wrong.

    The rule (after Kolibri's "needs help" coach notification, raised when a learner keeps answering an
    exercise wrongly): at least ``WRONG_ANSWERS_FOR_HELP`` wrong answers to the same lesson's "check
    yourself" questions within the last ``WRONG_ANSWERS_WINDOW_DAYS`` days, with no right answer on that
    self-check since. Why this shape: practice questions are where most learners struggle, long before
    a final test; three in a row is more than bad luck on one tricky question (a learner who gets the
    next one right is moving again and drops off the list by themselves); the window lets an old
    struggle that the learner gave up on fade instead of flagging them for ever (inactivity flags that).

    Read from the assessments' ``Answer`` rows of "check" attempts: only the server's own marking
    (``answer_check_quiz``) writes them, together with the LMS-stored "answered" statement, so, as for
    ``failed_attempts``, nothing a device or an LRS client sends can put a learner on the list.
    One query, whatever the number of learners.
    """
    from assessments.models import Answer, Attempt

    now = now or timezone.now()
    check = {"attempt__kind": Attempt.Kind.CHECK}
    right_since = Answer.objects.filter(
        **check,
        correct=True,
        attempt__learner=OuterRef("attempt__learner"),
        attempt__quiz_key=OuterRef("attempt__quiz_key"),
        saved_at__gte=OuterRef("saved_at"),  # a right answer sent with it counts too
    )
    rows = (
        Answer.objects.filter(
            **check,
            attempt__learner__in=learners_query,
            correct=False,
            saved_at__gte=now - timedelta(days=WRONG_ANSWERS_WINDOW_DAYS),
        )
        .filter(~Exists(right_since))
        .values("attempt__learner_id", "attempt__quiz_key")
        .annotate(n=Count("id"))
        .filter(n__gte=WRONG_ANSWERS_FOR_HELP)
    )
    found = {}
    for row in rows:
        found.setdefault(row["attempt__learner_id"], {})[str(row["attempt__quiz_key"])] = row["n"]
    return found


def open_help_requests(learners_query):
    """{learner id: [HelpRequest]} still waiting for a trainer (one query)."""
    requests = {}
    for request in HelpRequest.objects.filter(learner__in=learners_query, resolved_at__isnull=True):
        requests.setdefault(request.learner_id, []).append(request)
    return requests


@dataclass
class HelpEvidence:
    """Everything ``help_reasons`` reads for a set of learners, loaded in a fixed number of queries."""

    failed: dict
    struggles: dict
    requests: dict
    lesson_titles: dict

    @classmethod
    def load(cls, learners_query, now=None, titles=True):
        from courses.models import LessonPage

        struggles = struggling_lessons(learners_query, now)
        keys = {key for lessons in struggles.values() for key in lessons}
        return cls(
            failed=failed_attempts(learners_query),
            struggles=struggles,
            requests=open_help_requests(learners_query),
            lesson_titles={str(k): t for k, t in localized_titles(LessonPage, keys).items()} if titles and keys else {},
        )

    def reasons(self, learner_id, *, cells_by_column, joined_at, now):
        return help_reasons(
            cells_by_column=cells_by_column,
            joined_at=joined_at,
            failed=self.failed.get(learner_id, 0),
            now=now,
            struggles={self.lesson_titles.get(key, ""): n for key, n in self.struggles.get(learner_id, {}).items()},
            requests=self.requests.get(learner_id, []),
        )


def help_reasons(*, cells_by_column, joined_at, failed, now, struggles=None, requests=()):
    """Why a learner may need help: they asked, keep getting a lesson's self-check wrong, failed a final
    test repeatedly, or a week without activity on an open assignment."""
    reasons = []
    for request in requests:
        text = (
            _("Asked for help")
            if not request.lesson_title
            else _("Asked for help with “%(lesson)s”") % {"lesson": request.lesson_title}
        )
        reasons.append(f"{text}: “{request.message}”" if request.message else text)
    for title, count in (struggles or {}).items():
        if title:
            reasons.append(
                _("%(count)s wrong answers in a row on the self-check of “%(lesson)s”")
                % {"count": count, "lesson": title}
            )
        else:
            reasons.append(_("%(count)s wrong answers in a row on a lesson's self-check") % {"count": count})
    if failed >= FAILED_ATTEMPTS_FOR_HELP:
        reasons.append(_("Failed a quiz %(count)s times") % {"count": failed})
    for column, cell in cells_by_column:
        if not cell.applies or cell.finished:
            continue
        since = cell.last_active or max(column.assignment.created_at, joined_at)
        idle = (now - since).days
        if idle >= INACTIVE_DAYS_FOR_HELP:
            reasons.append(_("No activity for %(days)s days on “%(course)s”") % {"days": idle, "course": column.title})
    return reasons


def needs_help_counts(*, groups, now=None):
    """{group id: number of learners who may need help} for every group in ``groups`` (the trainer's list).

    The same rules as the group page, for all groups at once in a fixed number of queries: memberships,
    assignments (with their chosen learners), enrolments, lesson completions, failed tests, self-check
    answers and open requests are each read once, however many groups and learners there are.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    User = get_user_model()
    group_ids = list(groups.values_list("pk", flat=True))
    members = list(Membership.objects.filter(group_id__in=group_ids).values_list("group_id", "learner_id", "joined_at"))
    assignments = list(
        Assignment.objects.filter(group_id__in=group_ids).prefetch_related(
            Prefetch("learners", queryset=User.objects.only("pk"))
        )
    )
    by_group = {}
    for assignment in assignments:
        by_group.setdefault(assignment.group_id, []).append(_Titled(assignment))
    learners_query = Membership.objects.filter(group_id__in=group_ids).values("learner_id")
    rules = CellRules(assignments=assignments, learners_query=learners_query, today=today)
    evidence = HelpEvidence.load(learners_query, now, titles=False)
    counts = dict.fromkeys(group_ids, 0)
    for group_id, learner_id, joined_at in members:
        columns = by_group.get(group_id, [])
        cells = [rules.cell(c.assignment, learner_id, applies_to(c.assignment, learner_id)) for c in columns]
        if evidence.reasons(learner_id, cells_by_column=zip(columns, cells, strict=True), joined_at=joined_at, now=now):
            counts[group_id] += 1
    return counts


class _Titled:
    """An assignment as a column for ``help_reasons`` when only the count is wanted (no title lookup)."""

    def __init__(self, assignment):
        self.assignment = assignment
        self.title = ""


def group_progress(*, group, sort="name", today=None, now=None):
    """The group page's grid: one row per learner, one column per assignment."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    User = get_user_model()
    assignments = list(
        group.assignments.select_related("course").prefetch_related(
            Prefetch("learners", queryset=User.objects.only("pk"))
        )
    )
    courses = localized_courses(a.course_key for a in assignments)
    columns = []
    for assignment in assignments:
        page = courses.get(assignment.course_key, assignment.course)
        columns.append(
            Column(
                assignment=assignment,
                title=page.title,
                url=page.url or "",
                lesson_count=len(assignment.lesson_keys),
            )
        )
    members = list(
        Membership.objects.filter(group=group).select_related("learner__learner_profile").order_by("joined_at")
    )
    learners_query = User.objects.filter(group_memberships__group=group).values("pk")
    rules = CellRules(assignments=assignments, learners_query=learners_query, today=today)
    evidence = HelpEvidence.load(learners_query, now)
    last_active = dict(
        Enrolment.objects.filter(learner__in=learners_query)
        .values("learner_id")
        .annotate(last=Max("last_activity_at"))
        .values_list("learner_id", "last")
    )
    rows = []
    for membership in members:
        learner = membership.learner
        row = Row(learner=learner, name=display_name(learner), joined_at=membership.joined_at)
        row.cells = [rules.cell(c.assignment, learner.pk, applies_to(c.assignment, learner.pk)) for c in columns]
        row.last_active = last_active.get(learner.pk)
        row.help_reasons = evidence.reasons(
            learner.pk, cells_by_column=zip(columns, row.cells, strict=True), joined_at=membership.joined_at, now=now
        )
        row.help_requests = evidence.requests.get(learner.pk, [])
        rows.append(row)
    sort, descending = parse_sort(sort, columns)
    rows.sort(key=lambda r: r.name)  # ties keep alphabetical order
    rows.sort(key=sort_key(sort, columns), reverse=descending)
    return GroupProgress(columns=columns, rows=rows, sort=sort, descending=descending)


def parse_sort(value, columns):
    value = value or "name"
    descending = value.startswith("-")
    key = value.lstrip("-")
    if key not in SORTS and key not in {c.key for c in columns}:
        return "name", False
    return key, descending


def sort_key(sort, columns):
    if sort == "progress":
        return lambda row: row.percent
    if sort == "active":
        return lambda row: row.last_active.timestamp() if row.last_active else 0
    if sort == "help":
        return lambda row: len(row.help_reasons)
    for index, column in enumerate(columns):
        if column.key == sort:
            return lambda row, i=index: row.cells[i].sort_value
    return lambda row: row.name


def assignment_status_for(*, assignment, learners, today=None):
    """[(learner, cell)] for one assignment (the reminder command)."""
    today = today or timezone.localdate()
    ids = [learner.pk for learner in learners]
    rules = CellRules(assignments=[assignment], learners_query=ids, today=today)
    return [(learner, rules.cell(assignment, learner.pk)) for learner in learners]


@dataclass
class LearnerAssignment:
    """An assignment as the learner's home page and the learner page show it."""

    assignment: Assignment
    course: object
    cell: Cell
    assigned_by: str
    lessons: list


def learner_assignments(*, learner, groups=None, today=None):
    """The assignments that apply to ``learner`` (optionally only in ``groups``), unfinished and soonest due first."""
    from courses.models import LessonPage

    today = today or timezone.localdate()
    assignments = assignments_for(learner=learner).select_related("course", "assigned_by__learner_profile")
    if groups is not None:
        assignments = assignments.filter(group__in=groups)
    assignments = list(assignments)
    if not assignments:
        return []
    courses = localized_courses(a.course_key for a in assignments)
    rules = CellRules(assignments=assignments, learners_query=[learner.pk], today=today)
    lesson_keys = {key for a in assignments for key in a.lesson_keys}
    lessons = {str(key): page for key, page in localized_pages(LessonPage, lesson_keys).items()} if lesson_keys else {}
    items = [
        LearnerAssignment(
            assignment=a,
            course=courses.get(a.course_key, a.course),
            cell=rules.cell(a, learner.pk),
            assigned_by=display_name(a.assigned_by),
            lessons=[lessons[key] for key in a.lesson_keys if key in lessons],
        )
        for a in assignments
    ]
    far = today + timedelta(days=36500)
    items.sort(key=lambda item: (item.cell.finished, item.assignment.due_date or far, item.assignment.pk))
    return items


def assignments_for(*, learner):
    """The assignments that apply to ``learner``: their groups' whole-group ones and those given to them."""
    return (
        Assignment.objects.filter(group__memberships__learner=learner)
        .filter(Q(whole_group=True) | Q(learners=learner))
        .distinct()
    )


def course_assignment(*, learner, course):
    """The soonest-due trainer's assignment of ``course`` (any lessons of it) to ``learner``, or None,
    with ``trainer_name`` set for the course page."""
    assignment = (
        assignments_for(learner=learner)
        .filter(course_key=course.translation_key)
        .select_related("assigned_by__learner_profile")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
        .first()
    )
    if assignment is not None:
        assignment.trainer_name = display_name(assignment.assigned_by)
    return assignment
