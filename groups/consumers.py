"""Statements the groups app reacts to: the LMS's own answers and failed final tests may mean a learner
needs help, and their trainers are told once (``services.check_for_help``)."""

from xapi.models import Statement
from xapi.vocabulary import VERBS

WATCHED_VERBS = {VERBS["answered"][0], VERBS["failed"][0]}


def after_store(row):
    # Only what the LMS scored itself: a device or an LRS client cannot raise an alert.
    if row.source != Statement.Source.LMS or row.verb_id not in WATCHED_VERBS or row.learner_id is None:
        return
    if row.verb_id == VERBS["answered"][0] and (row.data.get("result") or {}).get("success") is not False:
        return  # a right answer flags nobody
    from .services import check_for_help

    check_for_help(learner_id=row.learner_id)
