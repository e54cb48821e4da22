"""The embedded Learning Record Store at /xapi/ (xAPI 1.0.3 and 2.0.0): the HTTP rules every resource
shares, and the About and Statements resources.

Each request is answered in the version it asks for with X-Experience-API-Version: ``1.0``/``1.0.x``
get xAPI 1.0.3, ``2.0.0`` gets xAPI 2.0.0 (IEEE 9274.1.1-2023); the response header says which.
Statements are stored as sent; a 1.0.3 reader gets 2.0-only statements in the 1.0.3 shape
(xapi.versions). docs/xapi-conformance.md lists the 2.0 rules and their tests.

Thin views: parsing and HTTP rules live here; validation in xapi.validation, attachment transport in
xapi.attachments, the alternate request syntax in xapi.alternate, storage and the progress
projection in xapi.services. The document resources are in xapi.documents.
"""

import base64
import functools
import json
import re
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone, translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import get_usage

from . import alternate
from .attachments import (
    AttachmentError,
    check_signatures,
    match_attachments,
    multipart_body,
    read_statement_request,
    stored_contents,
)
from .models import LrsClient, Statement, StatementActivity, StatementAgent
from .records import agent_key, learner_agent
from .services import StatementConflict, StatementForbidden, StatementRejected, store_statements
from .validation import (
    XAPI_1,
    XAPI_2,
    StatementError,
    is_iri,
    is_uuid,
    load_json,
    parse_timestamp,
    validate_agent,
    validate_statements,
)
from .versions import as_version_1

XAPI_VERSION = XAPI_1  # the version of a request that has not said which it speaks
# The About resource lists every version this LRS answers (Communication 2.8).
SUPPORTED_VERSIONS = ["1.0.0", "1.0.1", "1.0.2", "1.0.3", XAPI_2]
_VERSION_HEADER_RE = re.compile(r"1\.0(?:\.\d+)?")
# xAPI 2.0 (Communication 3.3): the header is the full semantic version; "2.0" alone is not one.
_VERSION_2_HEADERS = (XAPI_2,)
MAX_LIMIT = 500

GET_PARAMETERS = (
    "statementId",
    "voidedStatementId",
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
    "cursor",  # our own "more" links
)
SINGLE_STATEMENT_COMPANIONS = {"format", "attachments"}
IFI_PROPERTIES = ("mbox", "mbox_sha1sum", "openid", "account")
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")


class LrsError(Exception):
    def __init__(self, status, message, *, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _response(response, version=XAPI_VERSION):
    response["X-Experience-API-Version"] = version
    return response


def _error(status, message, version=XAPI_VERSION):
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Basic realm="xAPI"'
    return _response(response, version)


def request_version(request):
    """The version a request is answered in: 2.0.0 when it asks for it, else 1.0.3.

    A request without a usable header is answered as 1.0.3 (and refused, where the header is
    required): the 1.0.3 and 2.0 conformance suites disagree on that header, and 1.0.3 clients
    came first.
    """
    return XAPI_2 if (request.headers.get("X-Experience-API-Version") or "").strip() in _VERSION_2_HEADERS else XAPI_1


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
    def source(self):
        return Statement.Source.CLIENT if self.client is not None else Statement.Source.LEARNER

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
        # While a key or an address has too many recent failures, the secret is not even looked at.
        wait = _auth_failure_wait(request, key)
        if wait:
            raise LrsError(
                429,
                _("Too many wrong LRS client secrets; try again in %(seconds)s seconds.") % {"seconds": wait},
                headers={"Retry-After": str(wait)},
            )
        client = LrsClient.objects.filter(key=key, is_active=True).first()
        if client is None or not client.check_secret(secret):
            _auth_failure_wait(request, key, increment=True)
            raise LrsError(401, _("Unknown LRS client key or wrong secret."))
        return Caller(client=client)
    if request.user.is_authenticated:
        if CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None:
            raise LrsError(403, _("Missing or wrong CSRF token for a signed-in request."))
        return Caller(learner=request.user)
    raise LrsError(401, _("Authentication is required: HTTP Basic with LRS client credentials, or sign in."))


def _auth_failure_wait(request, key, *, increment=False):
    """Seconds to wait while the client key or the caller's address has used up its wrong secrets, else 0.

    Counted in the default cache by django-ratelimit: LMS_XAPI_AUTH_FAILURES_PER_KEY and
    LMS_XAPI_AUTH_FAILURES_PER_ADDRESS are rates such as "10/m". Only failures are counted (with
    ``increment=True``), so a tool with the right secret is never slowed down by its own traffic.
    A failure also leaves a marker for the key and the address; while neither has one, the counters
    are not read at all, so a well-behaved tool costs one cache read per request (the database cache
    answers each cache call with a query).
    """
    # The marker's address is the socket's; the counting itself uses django-ratelimit's (proxy-aware) one.
    markers = [f"xapi.auth.failed.key:{key}", f"xapi.auth.failed.address:{request.META.get('REMOTE_ADDR', '')}"]
    if not increment and not cache.get_many(markers):
        return 0
    limits = (
        ("xapi.auth.key", lambda group, request: key, settings.LMS_XAPI_AUTH_FAILURES_PER_KEY),
        ("xapi.auth.address", "ip", settings.LMS_XAPI_AUTH_FAILURES_PER_ADDRESS),
    )
    wait = 0
    longest = 0
    for group, counted_by, rate in limits:
        usage = get_usage(request, group=group, key=counted_by, rate=rate, increment=increment)
        if usage is None:
            continue
        longest = max(longest, usage["time_left"])
        # ">=": the limit is the number of failures allowed; the next attempt waits.
        if usage["count"] >= usage["limit"]:
            wait = max(wait, usage["time_left"], 1)
    if increment:
        cache.set_many(dict.fromkeys(markers, True), timeout=max(longest, 1) + 5)
    return wait


def _check_version(request):
    version = request.headers.get("X-Experience-API-Version")
    if not version:
        raise LrsError(400, _("The X-Experience-API-Version header is required."))
    if not (_VERSION_HEADER_RE.fullmatch(version.strip()) or version.strip() in _VERSION_2_HEADERS):
        raise LrsError(400, _("xAPI version %(version)s is not supported; use 1.0.3 or 2.0.0.") % {"version": version})


def _body(request):
    """The raw request body, refused with 413 above LMS_XAPI_MAX_BODY_BYTES."""
    limit = getattr(settings, "LMS_XAPI_MAX_BODY_BYTES", 1_000_000)
    if int(request.headers.get("Content-Length") or 0) > limit or len(request.body) > limit:
        raise LrsError(413, _("The request body is larger than %(limit)s bytes.") % {"limit": limit})
    return request.body


def _require(caller, scope):
    if not caller.allows(scope):
        raise LrsError(403, _("These credentials do not allow %(scope)s.") % {"scope": scope})


def check_parameters(params, allowed):
    """Communication 3.2.s3.b7-b8: unknown parameters, or known ones in the wrong case, are a 400."""
    for name in params:
        if name not in allowed:
            expected = next((known for known in allowed if known.lower() == name.lower()), None)
            if expected is not None:
                raise LrsError(
                    400,
                    _("Unknown parameter %(name)s; parameter names are case-sensitive, did you mean %(expected)s?")
                    % {"name": name, "expected": expected},
                )
            raise LrsError(
                400,
                _("Unknown parameter %(name)s; allowed here: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(allowed) or "-"},
            )
        if len(params.getlist(name)) > 1:
            raise LrsError(400, _("The parameter %(name)s is given more than once.") % {"name": name})


def lrs_resource(*, methods, authenticate=True, version_required=True, consistent_through=False):
    """Wrap an LRS resource view in the rules every resource shares.

    The alternate request syntax is unwrapped first (and refused if the request then speaks xAPI 2.0,
    which removed it); then unknown methods get 405, a missing or unsupported
    X-Experience-API-Version 400, missing or wrong credentials 401/403. Every response, errors
    included, carries X-Experience-API-Version with the version it is answered in (and
    X-Experience-API-Consistent-Through for the Statements resource); a HEAD response is the GET
    response without its body. The handler is called as ``handler(request, caller)``
    (``handler(request)`` without authentication); ``request.xapi_version`` says the version.
    """
    allowed = (*methods, "HEAD") if "GET" in methods else tuple(methods)

    def decorate(handler):
        @csrf_exempt
        @functools.wraps(handler)
        def view(request):
            # Unprefixed URLs are Chinese by default; API clients choose with Accept-Language.
            with translation.override(translation.get_language_from_request(request)):
                version = request_version(request)
                try:
                    if alternate.is_alternate(request):
                        request = alternate.unwrap(request, _body(request))
                        version = request_version(request) if version == XAPI_1 else version
                        if version == XAPI_2:
                            # IEEE 9274.1.1 has no alternate request syntax (Communication 1.3 of 1.0.3).
                            raise LrsError(
                                400, _("xAPI 2.0 has no alternate request syntax (?method=); send the request itself.")
                            )
                    request.xapi_version = version
                    if request.method not in allowed:
                        raise LrsError(405, _("Method %(method)s is not allowed here.") % {"method": request.method})
                    if version_required:
                        _check_version(request)
                    response = handler(request, _authenticate(request)) if authenticate else handler(request)
                except alternate.AlternateSyntaxError as error:
                    response = _error(400, error.message, version)
                except LrsError as error:
                    response = _error(error.status, error.message, version)
                    for name, value in error.headers.items():
                        response[name] = value
                    if error.status == 405:
                        response["Allow"] = ", ".join(allowed)
            if consistent_through:
                response["X-Experience-API-Consistent-Through"] = timezone.now().isoformat()
            if request.method == "HEAD" and not response.streaming:
                length = len(response.content)
                response.content = b""
                response["Content-Length"] = str(length)
            return _response(response, version)

        return view

    return decorate


@csrf_exempt
def not_found(request, path=""):
    """Anything else under /xapi/: a 404 that still says which xAPI version answered."""
    return _error(404, _("There is no xAPI resource at %(path)s.") % {"path": request.path}, request_version(request))


# --------------------------------------------------------------------------------------------------
# About
# --------------------------------------------------------------------------------------------------


@lrs_resource(methods=("GET",), authenticate=False, version_required=False)
def about(request):
    check_parameters(request.GET, ())
    return JsonResponse({"version": SUPPORTED_VERSIONS, "extensions": {}})


# --------------------------------------------------------------------------------------------------
# Statements: writing
# --------------------------------------------------------------------------------------------------


@lrs_resource(methods=("GET", "PUT", "POST"), consistent_through=True)
def statements(request, caller):
    if request.method == "PUT":
        return _put(request, caller)
    if request.method == "POST":
        return _post(request, caller)
    return _get(request, caller)


def _parse_json(document):
    try:
        return load_json(document)
    except StatementError as error:
        raise LrsError(400, error.message) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise LrsError(400, _("The request body is not valid JSON: %(error)s") % {"error": error}) from error


def _read_statements(request):
    """(payload, received attachment contents, whether it was multipart) from a PUT or POST."""
    body = _body(request)
    content_type = (request.content_type or "").lower()
    if content_type == "multipart/mixed":
        try:
            document, received = read_statement_request(body, request.META.get("CONTENT_TYPE"))
        except AttachmentError as error:
            raise LrsError(400, error.message) from error
        return _parse_json(document), received, True
    if content_type not in ("application/json", ""):
        raise LrsError(
            400,
            _("Statements must be sent as application/json or multipart/mixed, not %(type)s.") % {"type": content_type},
        )
    return _parse_json(body), {}, False


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


def _context_activities_as_lists(statement):
    """Data 2.4.6.2: the LRS returns every contextActivities value as an array, so store it as one."""
    for target in (statement, statement.get("object") or {}):
        activities = (target.get("context") or {}).get("contextActivities")
        if isinstance(activities, dict):
            for key, value in activities.items():
                if isinstance(value, dict):
                    activities[key] = [value]


def _store(caller, payload, received, *, multipart, version):
    """Validate and store; returns the ids of the statements in request order.

    Statements are stored as sent; one without a version gets the version of the request
    (Data 2.4.10: the LRS sets it).
    """
    if caller.learner is not None:
        for statement in payload if isinstance(payload, list) else [payload]:
            if isinstance(statement, dict):
                statement.setdefault("actor", learner_agent(caller.learner).as_version(XAPI_VERSION))
    try:
        statements = _own_actor(caller, validate_statements(payload, version=version))
        contents = match_attachments(statements, received, multipart=multipart)
        check_signatures(statements, contents)
        for statement in statements:
            statement["id"] = str(uuid.UUID(statement["id"])) if "id" in statement else str(uuid.uuid4())
            _context_activities_as_lists(statement)
            statement.setdefault("version", version)
        store_statements(
            statements=statements,
            authority=caller.authority,
            source=caller.source,
            may_void_any=caller.allows("statements/void"),
            attachments=contents or None,
        )
    except (StatementError, AttachmentError) as error:
        raise LrsError(400, error.message) from error
    except StatementConflict as error:
        raise LrsError(409, _("Statement %(id)s is already stored with different content.") % {"id": error}) from error
    except StatementForbidden as error:
        raise LrsError(403, str(error)) from error
    except StatementRejected as error:
        raise LrsError(400, str(error)) from error
    return [statement["id"] for statement in statements]


def _put(request, caller):
    check_parameters(request.GET, ("statementId",))
    _require(caller, "statements/write")
    statement_id = request.GET.get("statementId")
    if not is_uuid(statement_id):
        raise LrsError(400, _("PUT needs a statementId parameter that is a UUID."))
    statement_id = str(uuid.UUID(statement_id))
    body, received, multipart = _read_statements(request)
    if not isinstance(body, dict):
        raise LrsError(400, _("PUT takes one statement object."))
    if "id" in body and str(body["id"]).lower() != statement_id:
        raise LrsError(400, _("The statement's id does not match the statementId parameter."))
    body["id"] = statement_id
    _store(caller, body, received, multipart=multipart, version=request.xapi_version)
    return HttpResponse(status=204)


def _post(request, caller):
    check_parameters(request.GET, ())
    _require(caller, "statements/write")
    payload, received, multipart = _read_statements(request)
    ids = _store(caller, payload, received, multipart=multipart, version=request.xapi_version)
    return JsonResponse(ids, safe=False)


# --------------------------------------------------------------------------------------------------
# Statements: reading
# --------------------------------------------------------------------------------------------------


def _visible(caller):
    rows = Statement.objects.all()
    if caller.learner is not None:
        return rows.filter(learner=caller.learner)
    if caller.allows("statements/read"):
        return rows
    if caller.allows("statements/read/mine"):
        return rows.filter(data__authority__account__name=f"client:{caller.client.key}")
    raise LrsError(403, _("These credentials do not allow reading statements."))


def _boolean(params, name):
    value = params.get(name, "false")
    if value not in ("true", "false"):
        raise LrsError(400, _("The %(name)s parameter must be true or false.") % {"name": name})
    return value == "true"


def _get(request, caller):
    params = request.GET
    check_parameters(params, GET_PARAMETERS)
    fmt = params.get("format", "exact")
    if fmt not in ("exact", "ids", "canonical"):
        raise LrsError(400, _("format must be exact, ids or canonical."))
    with_attachments = _boolean(params, "attachments")
    languages = _accepted_languages(request.headers.get("Accept-Language", ""))
    rows = _visible(caller)
    if "statementId" in params and "voidedStatementId" in params:
        raise LrsError(400, _("statementId and voidedStatementId cannot be used together."))
    single = next((name for name in ("statementId", "voidedStatementId") if name in params), None)
    if single is not None:
        others = sorted(set(params) - {single} - SINGLE_STATEMENT_COMPANIONS)
        if others:
            raise LrsError(
                400,
                _("%(name)s can only be combined with format and attachments, not %(others)s.")
                % {"name": single, "others": ", ".join(others)},
            )
        if not is_uuid(params[single]):
            raise LrsError(400, _("%(name)s must be a UUID.") % {"name": single})
        row = rows.filter(statement_id=uuid.UUID(params[single]), voided=single == "voidedStatementId").first()
        if row is None:
            raise LrsError(404, _("No such statement."))
        document = _formatted(row.data, fmt, languages, request.xapi_version)
        response = _statements_response(document, [row.data], with_attachments)
        response["Last-Modified"] = http_date(row.stored.timestamp())
        return response

    rows = _filtered(rows.filter(voided=False), params)
    limit = _limit(params)
    ascending = _boolean(params, "ascending")
    after = _cursor(params)
    if after is not None:
        rows = rows.filter(id__gt=after) if ascending else rows.filter(id__lt=after)
    page = list(rows.order_by("id" if ascending else "-id")[: limit + 1])
    more = ""
    if len(page) > limit:
        page = page[:limit]
        query = {k: v for k, v in params.items() if k != "cursor"}
        query["cursor"] = signing.dumps(page[-1].pk, salt="xapi-more")
        more = f"{request.path}?{urlencode(query)}"
    result = {
        "statements": [_formatted(row.data, fmt, languages, request.xapi_version) for row in page],
        "more": more,
    }
    response = _statements_response(result, [row.data for row in page], with_attachments)
    if page:
        # When the most recently stored of the statements returned was stored (Communication 2.1.3).
        response["Last-Modified"] = http_date(max(row.stored for row in page).timestamp())
    return response


def _statements_response(document, statements, with_attachments):
    """JSON, or with attachments=true multipart/mixed with each referenced attachment (Data 2.4.11)."""
    if not with_attachments:
        return JsonResponse(document, safe=False)
    encoded = json.dumps(document, ensure_ascii=False).encode("utf-8")
    body, content_type = multipart_body(encoded, stored_contents(statements, skip_missing=True))
    return HttpResponse(body, content_type=content_type)


def _filter_condition(params):
    """The filters a statement, or a statement it targets, must meet: all but since/until/limit."""
    condition = Q()
    try:
        if "agent" in params:
            agent = validate_agent(load_json(params["agent"]), "agent")
            agents = StatementAgent.objects.filter(agent_key=agent_key(agent))
            if not _boolean(params, "related_agents"):
                agents = agents.filter(is_actor_or_object=True)
            condition &= Q(pk__in=agents.values("statement_id"))
        else:
            _boolean(params, "related_agents")
    except StatementError as error:
        message = _("The agent parameter is not a valid Agent: %(error)s") % {"error": error.message}
        raise LrsError(400, message) from error
    except ValueError as error:
        raise LrsError(400, _("The agent parameter is not valid JSON: %(error)s") % {"error": error}) from error
    if "verb" in params:
        condition &= Q(verb_id=_iri(params, "verb"))
    related_activities = _boolean(params, "related_activities")
    if "activity" in params:
        activity = _iri(params, "activity")
        if related_activities:
            condition &= Q(pk__in=StatementActivity.objects.filter(activity_id=activity).values("statement_id"))
        else:
            condition &= Q(activity_id=activity)
    if "registration" in params:
        if not is_uuid(params["registration"]):
            raise LrsError(400, _("The %(name)s parameter must be a UUID.") % {"name": "registration"})
        condition &= Q(registration=uuid.UUID(params["registration"]))
    return condition


def _iri(params, name):
    if not is_iri(params[name]):
        raise LrsError(400, _("The %(name)s parameter must be an IRI.") % {"name": name})
    return params[name]


def _filtered(rows, params):
    condition = _filter_condition(params)
    try:
        if "since" in params:
            rows = rows.filter(stored__gt=parse_timestamp(params["since"], "since"))
        if "until" in params:
            rows = rows.filter(stored__lte=parse_timestamp(params["until"], "until"))
    except StatementError as error:
        raise LrsError(400, error.message) from error
    if not condition:
        return rows
    targeting = _targeting(condition)
    return rows.filter(condition | Q(pk__in=targeting)) if targeting else rows.filter(condition)


def _targeting(condition):
    """Statements whose StatementRef object targets a statement meeting ``condition`` (Communication 2.1.3.s3).

    The rule is recursive (a targets b targets c). StatementRef statements are few next to
    activity statements (they are the ones whose indexed ``activity_id`` is empty), so their
    targets are read in one query and the chains followed here.
    """
    refs = {}
    for pk, statement_id, target in Statement.objects.filter(
        activity_id="", data__object__objectType="StatementRef"
    ).values_list("pk", "statement_id", "data__object__id"):
        if is_uuid(target):
            refs[pk] = (statement_id, uuid.UUID(target))
    if not refs:
        return set()
    targets = {target for _id, target in refs.values()}
    matched = set(Statement.objects.filter(condition, statement_id__in=targets).values_list("statement_id", flat=True))
    found = set()
    grew = True
    while grew:
        grew = False
        for pk, (statement_id, target) in refs.items():
            if pk not in found and target in matched:
                found.add(pk)
                matched.add(statement_id)
                grew = True
    return found


def _limit(params):
    try:
        limit = int(params.get("limit", 0))
    except ValueError as error:
        raise LrsError(400, _("limit must be a whole number.")) from error
    if limit < 0:
        raise LrsError(400, _("limit must not be negative."))
    return MAX_LIMIT if limit == 0 else min(limit, MAX_LIMIT)


def _cursor(params):
    if "cursor" not in params:
        return None
    try:
        return int(signing.loads(params["cursor"], salt="xapi-more"))
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise LrsError(400, _("The 'more' link is not valid.")) from error


# --------------------------------------------------------------------------------------------------
# Formats: exact, ids, canonical (Communication 2.1.3)
# --------------------------------------------------------------------------------------------------


def _formatted(data, fmt, languages, version=XAPI_VERSION):
    if version == XAPI_1:
        data = as_version_1(data)
    if fmt == "exact":
        return data
    data = json.loads(json.dumps(data))  # a deep copy; stored statements stay as received
    if fmt == "ids":
        _ids_statement(data)
    else:
        _canonical_statement(data, languages)
    return data


def _ids_agent(agent):
    """An Agent or Group by its identifier only; an anonymous Group by its members' identifiers."""
    reduced = {key: agent[key] for key in ("objectType", *IFI_PROPERTIES) if key in agent}
    if not any(key in agent for key in IFI_PROPERTIES) and "member" in agent:
        reduced["member"] = [_ids_agent(member) for member in agent["member"]]
    return reduced


def _ids_activity(activity):
    """Communication 2.1.3 (format=ids): an Activity is its id alone, wherever it appears."""
    return {"id": activity["id"]}


def _context_activities(statement):
    activities = (statement.get("context") or {}).get("contextActivities") or {}
    for key, value in activities.items():
        yield activities, key, value


def _ids_statement(statement):
    statement["actor"] = _ids_agent(statement["actor"])
    statement["verb"] = {"id": statement["verb"]["id"]}
    obj = statement["object"]
    object_type = obj.get("objectType", "Activity")
    if object_type == "Activity":
        statement["object"] = _ids_activity(obj)
    elif object_type in ("Agent", "Group"):
        statement["object"] = _ids_agent(obj)
    elif object_type == "SubStatement":
        _ids_statement(obj)
    context = statement.get("context") or {}
    for key in ("instructor", "team"):
        if key in context:
            context[key] = _ids_agent(context[key])
    for key, inner in (("contextAgents", "agent"), ("contextGroups", "group")):
        for entry in context.get(key) or []:
            entry[inner] = _ids_agent(entry[inner])
    for activities, key, value in _context_activities(statement):
        activities[key] = [_ids_activity(a) for a in value] if isinstance(value, list) else _ids_activity(value)
    if "authority" in statement:
        statement["authority"] = _ids_agent(statement["authority"])


def _accepted_languages(header):
    """Accept-Language ranges, most preferred first (RFC 2616 14.4); ranges with q=0 are left out."""
    ranges = []
    for position, item in enumerate(header.split(",")):
        tag, _sep, parameters = item.strip().partition(";")
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", parameters)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranges.append((-quality, position, tag.strip().lower()))
    return [tag for _q, _position, tag in sorted(ranges)]


def _one_language(language_map, languages):
    """The single best entry of a language map for the caller's Accept-Language (Communication 2.1.3.s4)."""
    if not isinstance(language_map, dict) or len(language_map) <= 1:
        return language_map
    keys = {key.lower(): key for key in language_map}
    for wanted in languages:
        if wanted == "*":
            break
        for candidate in (wanted, wanted.split("-")[0]):
            if candidate in keys:
                return {keys[candidate]: language_map[keys[candidate]]}
            prefixed = next((key for lower, key in keys.items() if lower.startswith(candidate + "-")), None)
            if prefixed is not None:
                return {prefixed: language_map[prefixed]}
    first = next(iter(language_map))
    return {first: language_map[first]}


def _canonical_activity(activity, languages):
    definition = activity.get("definition") or {}
    for key in ("name", "description"):
        if key in definition:
            definition[key] = _one_language(definition[key], languages)
    for key in COMPONENT_LISTS:
        for component in definition.get(key) or []:
            if "description" in component:
                component["description"] = _one_language(component["description"], languages)


def _canonical_statement(statement, languages):
    if "display" in statement["verb"]:
        statement["verb"]["display"] = _one_language(statement["verb"]["display"], languages)
    obj = statement["object"]
    object_type = obj.get("objectType", "Activity")
    if object_type == "Activity":
        _canonical_activity(obj, languages)
    elif object_type == "SubStatement":
        _canonical_statement(obj, languages)
    for _activities, _key, value in _context_activities(statement):
        for activity in value if isinstance(value, list) else [value]:
            _canonical_activity(activity, languages)
