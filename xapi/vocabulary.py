"""The verbs and activity types this LMS uses, with Chinese and English displays."""

from django.conf import settings

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "registered": (ADL + "registered", "报名了", "registered"),
    "experienced": (ADL + "experienced", "学习了", "experienced"),
    "completed": (ADL + "completed", "完成了", "completed"),
    "voided": (ADL + "voided", "作废了", "voided"),
    "progressed": (ADL + "progressed", "学习进度", "progressed"),
    "played": ("https://w3id.org/xapi/video/verbs/played", "播放了", "played"),
    "paused": ("https://w3id.org/xapi/video/verbs/paused", "暂停了", "paused"),
    "seeked": ("https://w3id.org/xapi/video/verbs/seeked", "跳转了", "seeked"),
    "answered": (ADL + "answered", "回答了", "answered"),
    "passed": (ADL + "passed", "通过了", "passed"),
    "failed": (ADL + "failed", "没有通过", "failed"),
    "attended": (ADL + "attended", "参加了", "attended"),
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "task": "http://adlnet.gov/expapi/activities/interaction",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "session": "http://adlnet.gov/expapi/activities/meeting",
    "group": "http://id.tincanapi.com/activitytype/community-site",
}
# xAPI language tags for the site's languages.
LANGUAGE_TAGS = {"zh-hans": "zh-CN", "en": "en-US"}
STATEMENT_FORMAT_VERSION = "1.0"


def base_url():
    return settings.LMS_XAPI_BASE_URL.rstrip("/")


def extension_iri(name):
    return f"{base_url()}/xapi/extensions/{name}"


def activity_iri(kind, translation_key, task_id=None):
    """Stable across languages: built from the page's translation key, not its URL or id."""
    iri = f"{base_url()}/xapi/activities/{kind}/{translation_key}"
    return f"{iri}/tasks/{task_id}" if task_id else iri


def parse_activity_iri(iri):
    """(kind, translation key, task id or None) for this site's activity IRIs, else None."""
    prefix = f"{base_url()}/xapi/activities/"
    if not iri.startswith(prefix):
        return None
    parts = iri[len(prefix) :].split("/")
    if len(parts) == 2:
        return parts[0], parts[1], None
    if len(parts) == 4 and parts[2] == "tasks":
        return parts[0], parts[1], parts[3]
    return None


def lesson_under(iri):
    """(lesson translation key, sub-path) for an activity id that sits under one of our lessons.

    Third-party content launched from a lesson (and the lesson's own media) report activity ids such
    as ``<lesson IRI>/media/0`` or ``<lesson IRI>/h5p/quiz``; they count for that lesson.
    """
    prefix = f"{base_url()}/xapi/activities/lesson/"
    if not iri.startswith(prefix):
        return None
    key, _slash, rest = iri[len(prefix) :].partition("/")
    if not key or not rest or rest.startswith("tasks/"):
        return None
    return key, rest
