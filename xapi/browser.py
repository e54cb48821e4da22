"""What the browser recorder (static/xapi/recorder.js) needs to know about the page it runs on."""

import json

from .vocabulary import LANGUAGE_TAGS, VERBS, activity_iri


def xapi_page_context(lesson, course, progress):
    """Activity ids, registration and verbs for a lesson page, as a JSON string for a data attribute."""
    enrolment = progress.enrolment
    return json.dumps(
        {
            "endpoint": "/xapi/statements",
            "lesson": activity_iri("lesson", lesson.translation_key),
            "course": activity_iri("course", course.translation_key),
            "registration": str(enrolment.registration) if enrolment else None,
            "language": LANGUAGE_TAGS.get(lesson.locale.language_code, lesson.locale.language_code),
            "verbs": {
                name: {"id": iri, "display": {"zh-CN": zh, "en-US": en}} for name, (iri, zh, en) in VERBS.items()
            },
        },
        ensure_ascii=False,
    )
