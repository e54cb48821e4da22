"""The embedded Learning Record Store at /xapi/ (xAPI 1.0.3): About and Statements resources.

Thin views: parsing and HTTP rules live here; validation in xapi.validation, storage and the
progress projection in xapi.services.
"""

import base64
import json
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .models import LrsClient, Statement
from .records import agent_key, learner_agent
from .services import StatementConflict, StatementRejected, store_statements
from .validation import StatementError, parse_timestamp, reject_duplicate_keys, validate_agent, validate_statements

XAPI_VERSION = "1.0.3"
DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class LrsError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def _response(response):
    response["X-Experience-API-Version"] = XAPI_VERSION
    return response


def _error(status, message):
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Basic realm="xAPI"'
    return _response(response)


class Caller:
    """Who is calling: an LRS client (Basic auth) or a signed-in learner (session)."""

    def __init__(self, *, client=None, learner=None):
        self.client = client
        self.learner = learner

    def allows(self, scope):
        if self.client is not None:
            return self.client.allows(scope)
        # Documents are further limited to the learner's own agent in xapi.documents.
        return scope in ("statements/write", "statements/read/mine", "state", "state/read", "profile", "profile/read")

    @property
    def authority(self):
        if self.client is not None:
            return self.client.authority
        return learner_agent(self.learner).as_version(XAPI_VERSION)


def _authenticate(request):
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            key, _sep, secret = base64.b64decode(header[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError) as error:
            raise LrsError(401, _("The Authorization header is not valid HTTP Basic.")) from error
        client = LrsClient.objects.filter(key=key, is_active=True).first()
        if client is None or not client.check_secret(secret):
            raise LrsError(401, _("Unknown LRS client key or wrong secret."))
        return Caller(client=client)
    if request.user.is_authenticated:
        if CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None:
            raise LrsError(403, _("Missing or wrong CSRF token for a signed-in request."))
        return Caller(learner=request.user)
    raise LrsError(401, _("Authentication is required: HTTP Basic with LRS client credentials, or sign in."))


def _check_version(request):
    version = request.headers.get("X-Experience-API-Version")
    if not version:
        raise LrsError(400, _("The X-Experience-API-Version header is required."))
    if not version.startswith("1.0"):
        raise LrsError(400, _("xAPI version %(version)s is not supported; use 1.0.3.") % {"version": version})


def _body(request):
    """The raw request body, refused with 413 above LMS_XAPI_MAX_BODY_BYTES."""
    limit = getattr(settings, "LMS_XAPI_MAX_BODY_BYTES", 1_000_000)
    if int(request.headers.get("Content-Length") or 0) > limit or len(request.body) > limit:
        raise LrsError(413, _("The request body is larger than %(limit)s bytes.") % {"limit": limit})
    return request.body


def _json_body(request):
    _body(request)
    content_type = request.content_type or ""
    if content_type.startswith("multipart/"):
        raise LrsError(400, _("Statements with attachments (multipart/mixed) are not supported yet."))
    try:
        return json.loads(request.body.decode("utf-8"), object_pairs_hook=reject_duplicate_keys)
    except StatementError as error:
        raise LrsError(400, error.message) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise LrsError(400, _("The request body is not valid JSON: %(error)s") % {"error": error}) from error


def _require(caller, scope):
    if not caller.allows(scope):
        raise LrsError(403, _("These credentials do not allow %(scope)s.") % {"scope": scope})


def _own_actor(caller, statements):
    """A signed-in learner may only record statements about themselves; a missing actor is theirs."""
    if caller.learner is None:
        return statements
    mine = learner_agent(caller.learner).as_version(XAPI_VERSION)
    for statement in statements:
        actor = statement.get("actor")
        if actor is not None and agent_key(actor) != agent_key(mine):
            raise LrsError(403, _("You can only record your own learning."))
        statement["actor"] = mine
    return statements


def _store(caller, payload):
    """Validate and store; returns the ids of the statements in request order."""
    if caller.learner is not None:
        for statement in payload if isinstance(payload, list) else [payload]:
            if isinstance(statement, dict):
                statement.setdefault("actor", learner_agent(caller.learner).as_version(XAPI_VERSION))
    try:
        statements = _own_actor(caller, validate_statements(payload))
        for statement in statements:
            statement["id"] = str(uuid.UUID(statement["id"])) if "id" in statement else str(uuid.uuid4())
        store_statements(statements=statements, authority=caller.authority)
    except StatementError as error:
        raise LrsError(400, error.message) from error
    except StatementConflict as error:
        raise LrsError(409, _("Statement %(id)s is already stored with different content.") % {"id": error}) from error
    except StatementRejected as error:
        raise LrsError(400, str(error)) from error
    return [statement["id"] for statement in statements]


def about(request):
    return _response(JsonResponse({"version": [XAPI_VERSION], "extensions": {}}))


@csrf_exempt
def statements(request):
    # Unprefixed URLs are Chinese by default; API clients choose with Accept-Language.
    with translation.override(translation.get_language_from_request(request)):
        return _statements(request)


def _statements(request):
    try:
        if request.method == "POST" and "method" in request.GET:
            raise LrsError(400, _("The alternate request syntax is not supported yet."))
        _check_version(request)
        caller = _authenticate(request)
        if request.method == "PUT":
            return _put(request, caller)
        if request.method == "POST":
            return _post(request, caller)
        if request.method in ("GET", "HEAD"):
            return _get(request, caller)
        raise LrsError(405, _("Method %(method)s is not allowed here.") % {"method": request.method})
    except LrsError as error:
        return _error(error.status, error.message)


def _put(request, caller):
    _require(caller, "statements/write")
    statement_id = request.GET.get("statementId")
    try:
        statement_id = str(uuid.UUID(statement_id or ""))
    except ValueError as error:
        raise LrsError(400, _("PUT needs a statementId parameter that is a UUID.")) from error
    body = _json_body(request)
    if not isinstance(body, dict):
        raise LrsError(400, _("PUT takes one statement object."))
    if "id" in body and str(body["id"]).lower() != statement_id:
        raise LrsError(400, _("The statement's id does not match the statementId parameter."))
    body["id"] = statement_id
    _store(caller, body)
    return _response(HttpResponse(status=204))


def _post(request, caller):
    _require(caller, "statements/write")
    return _response(JsonResponse(_store(caller, _json_body(request)), safe=False))


def _visible(caller):
    rows = Statement.objects.all()
    if caller.learner is not None:
        return rows.filter(learner=caller.learner)
    if caller.allows("statements/read"):
        return rows
    if caller.allows("statements/read/mine"):
        return rows.filter(data__authority__account__name=f"client:{caller.client.key}")
    raise LrsError(403, _("These credentials do not allow reading statements."))


def _formatted(data, fmt):
    if fmt != "ids":
        return data
    data = json.loads(json.dumps(data))
    data["verb"].pop("display", None)
    if isinstance(data.get("object"), dict):
        data["object"].pop("definition", None)
    return data


def _get(request, caller):
    rows = _visible(caller)
    params = request.GET
    fmt = params.get("format", "exact")
    if fmt not in ("exact", "ids", "canonical"):
        raise LrsError(400, _("format must be exact, ids or canonical."))
    now = timezone.now()
    single = params.get("statementId") or params.get("voidedStatementId")
    if single:
        if len(set(params) & {"agent", "verb", "activity", "registration", "since", "until", "limit", "ascending"}):
            raise LrsError(400, _("statementId cannot be combined with other filters."))
        voided = "voidedStatementId" in params
        try:
            row = rows.filter(statement_id=uuid.UUID(single), voided=voided).first()
        except ValueError as error:
            raise LrsError(400, _("statementId must be a UUID.")) from error
        if row is None:
            raise LrsError(404, _("No such statement."))
        response = JsonResponse(_formatted(row.data, fmt))
        response["Last-Modified"] = row.stored.strftime("%a, %d %b %Y %H:%M:%S GMT")
        response["X-Experience-API-Consistent-Through"] = now.isoformat()
        return _response(response)
    rows = _filtered(rows.filter(voided=False), params)
    limit = _limit(params)
    offset = _cursor(params)
    ascending = params.get("ascending", "false").lower() == "true"
    ordered = rows.order_by("id" if ascending else "-id")
    page = list(ordered[offset : offset + limit + 1])
    more = ""
    if len(page) > limit:
        page = page[:limit]
        query = {k: v for k, v in params.items() if k != "cursor"}
        query["cursor"] = signing.dumps(offset + limit, salt="xapi-more")
        more = f"{request.path}?{urlencode(query)}"
    response = JsonResponse({"statements": [_formatted(row.data, fmt) for row in page], "more": more})
    response["X-Experience-API-Consistent-Through"] = now.isoformat()
    return _response(response)


def _filtered(rows, params):
    try:
        if "agent" in params:
            rows = rows.filter(actor_key=agent_key(validate_agent(json.loads(params["agent"]), "agent")))
        if "verb" in params:
            rows = rows.filter(verb_id=params["verb"])
        if "activity" in params:
            rows = rows.filter(activity_id=params["activity"])
        if "registration" in params:
            rows = rows.filter(registration=uuid.UUID(params["registration"]))
        if "since" in params:
            rows = rows.filter(stored__gt=parse_timestamp(params["since"], "since"))
        if "until" in params:
            rows = rows.filter(stored__lte=parse_timestamp(params["until"], "until"))
    except StatementError as error:
        raise LrsError(400, error.message) from error
    except ValueError as error:
        raise LrsError(400, _("A filter parameter is not valid: %(error)s") % {"error": error}) from error
    return rows


def _limit(params):
    try:
        limit = int(params.get("limit", DEFAULT_LIMIT))
    except ValueError as error:
        raise LrsError(400, _("limit must be a whole number.")) from error
    if limit < 0:
        raise LrsError(400, _("limit must not be negative."))
    return MAX_LIMIT if limit == 0 else min(limit, MAX_LIMIT)


def _cursor(params):
    if "cursor" not in params:
        return 0
    try:
        return int(signing.loads(params["cursor"], salt="xapi-more"))
    except (signing.BadSignature, ValueError) as error:
        raise LrsError(400, _("The 'more' link is not valid.")) from error
