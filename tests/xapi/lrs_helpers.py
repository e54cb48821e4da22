"""Small helpers shared by the LRS HTTP tests: clients with credentials, statements, multipart bodies."""

import base64
import hashlib
import json
import uuid
from urllib.parse import urlencode

from django.test import Client

from xapi.models import LrsClient

VERSION = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3", "HTTP_ACCEPT_LANGUAGE": "en"}
ALL_SCOPES = ["all"]
AGENT = {"objectType": "Agent", "mbox": "mailto:sample.agent@example.com", "name": "Sample Agent"}
ACTIVITY = "http://www.example.com/tincan/activities/multipart"


def credentials(scopes=ALL_SCOPES):
    """(key, secret, Authorization header value) of a new LRS client."""
    client = LrsClient(name="Conformance", scopes=scopes)
    secret = client.set_new_secret()
    client.save()
    return client.key, secret, "Basic " + base64.b64encode(f"{client.key}:{secret}".encode()).decode()


def make_client(scopes=ALL_SCOPES, **defaults):
    _key, _secret, auth = credentials(scopes)
    return Client(HTTP_AUTHORIZATION=auth, **{**VERSION, **defaults})


def statement(**overrides):
    data = {
        "actor": dict(AGENT),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {
            "id": ACTIVITY,
            "objectType": "Activity",
            "definition": {"name": {"en-US": "Multi Part Activity"}},
        },
    }
    data.update(overrides)
    return data


def attachment(content, content_type="text/plain", **overrides):
    data = {
        "usageType": "http://example.com/attachment-usage/test",
        "display": {"en-US": "A test attachment"},
        "contentType": content_type,
        "length": len(content),
        "sha2": hashlib.sha256(content).hexdigest(),
    }
    data.update(overrides)
    return data


def multipart(document, parts, *, boundary="abcABC0123'()+_,-./:=?", newline=b"\r\n", first_type="application/json"):
    """A multipart/mixed body: ``document`` (JSON-able) first, then ``parts`` as (headers dict, bytes)."""
    nl = newline
    chunks = [b"--" + boundary.encode() + nl, f"Content-Type:{first_type}".encode() + nl + nl]
    chunks.append(json.dumps(document).encode())
    for headers, content in parts:
        chunks.append(nl + b"--" + boundary.encode() + nl)
        for name, value in headers.items():
            chunks.append(f"{name}:{value}".encode() + nl)
        chunks.append(nl + content)
    chunks.append(nl + b"--" + boundary.encode() + b"--" + nl)
    return b"".join(chunks), f'multipart/mixed; boundary="{boundary}"'


def attachment_part(content, content_type="text/plain", sha2=None):
    return (
        {
            "Content-Type": content_type,
            "Content-Transfer-Encoding": "binary",
            "X-Experience-API-Hash": sha2 or hashlib.sha256(content).hexdigest(),
        },
        content,
    )


def post_statements(client, body, content_type="application/json", **extra):
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.generic("POST", "/xapi/statements", data, content_type=content_type, **extra)


def url(path, **params):
    for name, value in params.items():
        if isinstance(value, dict | list):
            params[name] = json.dumps(value)
        elif isinstance(value, bool):
            params[name] = "true" if value else "false"
    return f"{path}?{urlencode(params)}" if params else path


def new_id():
    return str(uuid.uuid4())
