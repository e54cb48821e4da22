"""What a reader speaking xAPI 1.0.3 gets of a statement stored by an xAPI 2.0 client.

Why this module exists: statements are stored exactly as sent, whichever version sent them, but a
1.0.3 reader must refuse properties 1.0.3 does not define. Two readers speak 1.0.3 here: a client
asking the Statements resource with X-Experience-API-Version 1.0.x (xapi.views) and the forwarding
to an external LRS (xapi.forwarding, through tincan, which speaks 1.0.3).
"""

import json

from .validation import XAPI_1

VERSION_2_CONTEXT = ("contextAgents", "contextGroups")


def _speaks_version_2(statement):
    """Whether a stored statement uses anything a 1.0.3 reader cannot read."""
    if str(statement.get("version", "")).startswith("2.") or " " in str(statement.get("timestamp", "")):
        return True
    for target in (statement, statement.get("object") or {}):
        context = target.get("context") or {}
        if any(key in context for key in VERSION_2_CONTEXT) or " " in str(target.get("timestamp", "")):
            return True
    return False


def as_version_1(statement):
    """A copy of a stored statement in the shape xAPI 1.0.3 allows, for a 1.0.3 reader.

    Stored statements stay exactly as sent; a 1.0.3 client asking for one stored by a 2.0 client
    gets it without ``contextAgents`` / ``contextGroups`` (1.0.3 has no such properties and its
    readers must refuse unknown ones), with ``version`` 1.0.3 and timestamps written with "T".
    Everything else, ids included, is unchanged. Statements with nothing 2.0-only are returned as
    they are.
    """
    if not _speaks_version_2(statement):
        return statement
    statement = json.loads(json.dumps(statement))
    if str(statement.get("version", "")).startswith("2."):
        statement["version"] = XAPI_1
    for target in (statement, statement.get("object") or {}):
        if isinstance(target.get("timestamp"), str):
            target["timestamp"] = target["timestamp"].replace(" ", "T", 1)
        context = target.get("context")
        if isinstance(context, dict):
            for key in VERSION_2_CONTEXT:
                context.pop(key, None)
    return statement
