"""Document resources of the embedded LRS (xAPI 1.0.3 and 2.0 Communication 2.3-2.7).

State, Activity Profile and Agent Profile documents, plus the read-only Activities and Agents
resources. Authentication, version checks and error responses are shared with xapi.views.
"""

import hashlib
import json
import uuid

from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _

from .models import ActivityDefinition, Document
from .records import agent_key, learner_agent
from .validation import XAPI_2, StatementError, is_iri, is_uuid, load_json, parse_timestamp, validate_agent
from .views import XAPI_VERSION, LrsError, _body, _require, check_parameters, lrs_resource

JSON = "application/json"


# --------------------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------------------


def _activity_id(params):
    value = params.get("activityId")
    if value is None:
        raise LrsError(400, _("The %(name)s parameter is required.") % {"name": "activityId"})
    if not is_iri(value):
        raise LrsError(400, _("The %(name)s parameter must be an IRI.") % {"name": "activityId"})
    return value


def _agent(params, *, allow_group=True):
    value = params.get("agent")
    if value is None:
        raise LrsError(400, _("The %(name)s parameter is required.") % {"name": "agent"})
    try:
        agent = validate_agent(load_json(value), "agent", allow_group=allow_group)
    except StatementError as error:
        raise LrsError(
            400, _("The agent parameter is not a valid Agent: %(error)s") % {"error": error.message}
        ) from error
    except ValueError as error:
        raise LrsError(400, _("The agent parameter is not valid JSON: %(error)s") % {"error": error}) from error
    return agent


def _registration(params):
    value = params.get("registration")
    if value is None:
        return None
    if not is_uuid(value):
        raise LrsError(400, _("The %(name)s parameter must be a UUID.") % {"name": "registration"})
    return uuid.UUID(value)


def _since(params):
    if "since" not in params:
        return None
    try:
        return parse_timestamp(params["since"], "since")
    except StatementError as error:
        raise LrsError(400, error.message) from error


def _check_parameters(request, identity, id_param):
    """The resource's identifying parameters, its document id, and ``since`` for a list of ids."""
    listing = request.method in ("GET", "HEAD") and id_param not in request.GET
    check_parameters(request.GET, (*identity, id_param, *(("since",) if listing else ())))


def _own_agent(caller, agent):
    """A signed-in learner may only touch documents about themselves."""
    if caller.learner is not None and agent_key(agent) != agent_key(
        learner_agent(caller.learner).as_version(XAPI_VERSION)
    ):
        raise LrsError(403, _("You can only access your own documents."))


# --------------------------------------------------------------------------------------------------
# Storage and HTTP rules shared by the three document resources
# --------------------------------------------------------------------------------------------------


def _etags(header):
    return {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",") if tag.strip()}


# What a PUT without If-Match or If-None-Match gets (Communication 3.1): refused only when it would
# overwrite a document (State under xAPI 2.0), or refused always (409 overwriting, 400 creating: the
# Activity and Agent Profile resources, as the ADL reference LRS does).
PUT_NEEDS_PRECONDITION_TO_OVERWRITE = "overwrite"
PUT_NEEDS_PRECONDITION = "always"


def _check_preconditions(request, document, *, put_rule=None):
    """If-Match / If-None-Match (Communication 3.1): 412 when they fail; ``put_rule`` for a PUT without them."""
    if_match = request.headers.get("If-Match")
    if_none_match = request.headers.get("If-None-Match")
    if if_match is not None:
        tags = _etags(if_match)
        if document is None or ("*" not in tags and document.etag not in tags):
            raise LrsError(412, _("The document has changed: its ETag does not match If-Match."))
    if if_none_match is not None:
        tags = _etags(if_none_match)
        if document is not None and ("*" in tags or document.etag in tags):
            raise LrsError(412, _("The document already exists (If-None-Match)."))
    if put_rule is None or if_match is not None or if_none_match is not None:
        return
    if document is not None:
        raise LrsError(
            409, _("The document already exists; send If-Match with its ETag (or If-None-Match: *) to change it.")
        )
    if put_rule == PUT_NEEDS_PRECONDITION:
        raise LrsError(
            400,
            _("Send If-None-Match: * to create this document (or If-Match with its ETag to change it)."),
        )


def _content_type(request):
    return request.headers.get("Content-Type") or "application/octet-stream"


def _is_json(content_type):
    return content_type.split(";")[0].strip().lower() == JSON


def _json_object(content, what):
    try:
        value = load_json(content)
    except StatementError as error:  # a repeated key, or nested too deep
        raise LrsError(400, error.message) from error
    except ValueError:  # includes UnicodeDecodeError
        value = None
    if not isinstance(value, dict):
        raise LrsError(400, _("The %(what)s is not a JSON object, so the documents cannot be merged.") % {"what": what})
    return value


def _save(document, identity, content, content_type):
    if document is None:
        document = Document(**identity)
    document.content = content
    document.content_type = content_type
    document.etag = hashlib.sha1(content).hexdigest()  # noqa: S324 - an ETag, not a security hash
    document.updated = timezone.now()
    document.save()
    return document


def _write(request, identity, *, put_rule):
    content = _body(request)
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(**identity).first()
        _check_preconditions(request, document, put_rule=put_rule if request.method == "PUT" else None)
        content_type = _content_type(request)
        if request.method == "POST" and document is not None:
            if not (_is_json(content_type) and _is_json(document.content_type)):
                raise LrsError(
                    400, _("POST can only merge JSON documents; both must have Content-Type application/json.")
                )
            merged = _json_object(document.content, _("stored document"))
            merged.update(_json_object(content, _("request body")))
            content, content_type = json.dumps(merged, ensure_ascii=False).encode(), JSON
        elif request.method == "POST" and _is_json(content_type):
            _json_object(content, _("request body"))
        _save(document, identity, content, content_type)
    return HttpResponse(status=204)


def _single(document):
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["ETag"] = f'"{document.etag}"'
    response["Last-Modified"] = http_date(document.updated.timestamp())
    return response


def _document_resource(request, caller, *, scope, identity, id_param, list_filter, delete_all=False, concurrency):
    """GET / PUT / POST / DELETE for one resource; ``identity`` lacks the document id."""
    document_id = request.GET.get(id_param)
    if request.method in ("PUT", "POST") and document_id is None:
        raise LrsError(400, _("The %(name)s parameter is required.") % {"name": id_param})
    if request.method in ("GET", "HEAD"):
        _require(caller, f"{scope}/read")
        if document_id is not None:
            document = Document.objects.filter(**identity, document_id=document_id).first()
            if document is None:
                raise LrsError(404, _("No such document."))
            return _single(document)
        rows = Document.objects.filter(**list_filter)
        since = _since(request.GET)
        if since is not None:
            rows = rows.filter(updated__gt=since)
        found = dict(rows.values_list("document_id", "updated"))
        response = JsonResponse(sorted(found), safe=False)
        if found:
            # Communication 2.2.s6.b2: when the most recently modified of them changed.
            response["Last-Modified"] = http_date(max(found.values()).timestamp())
        return response
    if request.method in ("PUT", "POST"):
        _require(caller, scope)
        return _write(request, {**identity, "document_id": document_id}, put_rule=concurrency)
    if request.method == "DELETE":
        _require(caller, scope)
        with transaction.atomic():
            if document_id is None:
                if not delete_all:
                    raise LrsError(400, _("The %(name)s parameter is required.") % {"name": id_param})
                Document.objects.filter(**list_filter).delete()
            else:
                document = Document.objects.select_for_update().filter(**identity, document_id=document_id).first()
                _check_preconditions(request, document)
                if document is not None:
                    document.delete()
        return HttpResponse(status=204)
    raise LrsError(405, _("Method %(method)s is not allowed here.") % {"method": request.method})


# --------------------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------------------


@lrs_resource(methods=("GET", "PUT", "POST", "DELETE"))
def state(request, caller):
    params = request.GET
    _check_parameters(request, ("activityId", "agent", "registration"), "stateId")
    activity_id = _activity_id(params)
    agent = _agent(params)
    registration = _registration(params)
    _own_agent(caller, agent)
    identity = {
        "kind": Document.Kind.STATE,
        "activity_id": activity_id,
        "agent_key": agent_key(agent),
        "registration": registration,
    }
    # Without a registration, listing and deleting cover every registration (Communication 2.4).
    list_filter = identity if registration is not None else {k: v for k, v in identity.items() if k != "registration"}
    return _document_resource(
        request,
        caller,
        scope="state",
        identity=identity,
        id_param="stateId",
        list_filter=list_filter,
        delete_all=True,
        # xAPI 2.0 Communication 3.1: State joins the profiles; a new state document needs no header.
        concurrency=PUT_NEEDS_PRECONDITION_TO_OVERWRITE if request.xapi_version == XAPI_2 else None,
    )


@lrs_resource(methods=("GET", "PUT", "POST", "DELETE"))
def activity_profile(request, caller):
    _check_parameters(request, ("activityId",), "profileId")
    activity_id = _activity_id(request.GET)
    if caller.learner is not None and request.method not in ("GET", "HEAD"):
        raise LrsError(403, _("You can only access your own documents."))
    return _profile_resource(request, caller, Document.Kind.ACTIVITY_PROFILE, activity_id=activity_id)


@lrs_resource(methods=("GET", "PUT", "POST", "DELETE"))
def agent_profile(request, caller):
    _check_parameters(request, ("agent",), "profileId")
    agent = _agent(request.GET)
    _own_agent(caller, agent)
    return _profile_resource(request, caller, Document.Kind.AGENT_PROFILE, agent_identity=agent_key(agent))


def _profile_resource(request, caller, kind, *, activity_id="", agent_identity=""):
    """Activity and Agent Profiles differ only in what identifies the document."""
    identity = {"kind": kind, "activity_id": activity_id, "agent_key": agent_identity, "registration": None}
    return _document_resource(
        request,
        caller,
        scope="profile",
        identity=identity,
        id_param="profileId",
        list_filter=identity,
        concurrency=PUT_NEEDS_PRECONDITION,
    )


@lrs_resource(methods=("GET",))
def activities(request, caller):
    """The Activity with the definitions of every statement that mentions it, merged (Communication 2.5).

    Where an activity appears (object, context activities, SubStatement) does not matter; see
    xapi.definitions for how definitions merge.
    """
    check_parameters(request.GET, ("activityId",))
    activity_id = _activity_id(request.GET)
    if caller.learner is None:
        _require(caller, "statements/read")
    activity = {"objectType": "Activity", "id": activity_id}
    definition = ActivityDefinition.objects.filter(activity_id=activity_id).values_list("definition", flat=True).first()
    if definition:
        activity["definition"] = definition
    return JsonResponse(activity)


@lrs_resource(methods=("GET",))
def agents(request, caller):
    """The Person object combining what is known of an Agent (Communication 2.6)."""
    check_parameters(request.GET, ("agent",))
    agent = _agent(request.GET, allow_group=False)
    _own_agent(caller, agent)
    if caller.learner is None:
        _require(caller, "statements/read")
    person = {"objectType": "Person"}
    for key in ("name", "mbox", "mbox_sha1sum", "openid", "account"):
        if key in agent:
            person[key] = [agent[key]]
    return JsonResponse(person)
