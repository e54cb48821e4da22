"""The xAPI alternate request syntax (Communication 1.3), turned into an ordinary request.

Why this module exists: browsers that cannot send custom headers or methods POST a form to
``<resource>?method=PUT`` whose fields carry the headers, the query parameters and the content.
Every LRS resource must accept this. Rather than teaching each view, the shared resource wrapper in
``xapi.views`` calls :func:`unwrap`, which builds the request the client meant to send; the views
never know the difference.
"""

import io
from urllib.parse import parse_qsl, urlencode

from django.core.handlers.wsgi import WSGIRequest
from django.utils.translation import gettext as _

METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE")
# Form fields that stand for request headers (Communication 1.3.s3.b6), as WSGI environ keys.
HEADER_FIELDS = {
    "authorization": "HTTP_AUTHORIZATION",
    "x-experience-api-version": "HTTP_X_EXPERIENCE_API_VERSION",
    "content-type": "CONTENT_TYPE",
    "content-length": None,  # recomputed from the content
    "if-match": "HTTP_IF_MATCH",
    "if-none-match": "HTTP_IF_NONE_MATCH",
}
# What the middleware attached to the outer request that the inner one needs too.
CARRIED_ATTRIBUTES = ("user", "session", "_dont_enforce_csrf_checks")


class AlternateSyntaxError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def is_alternate(request):
    return "method" in request.GET


def unwrap(request, body):
    """The request that a ``?method=`` form POST stands for; ``body`` is the (size-checked) raw body.

    Returns ``request`` unchanged when it does not use the alternate syntax. Raises
    :class:`AlternateSyntaxError` for anything that breaks Communication 1.3.
    """
    if not is_alternate(request):
        return request
    if request.method != "POST":
        raise AlternateSyntaxError(_("The alternate request syntax (?method=...) must be sent with POST."))
    if list(request.GET) != ["method"] or len(request.GET.getlist("method")) != 1:
        raise AlternateSyntaxError(
            _(
                "With the alternate request syntax, 'method' must be the only query parameter; "
                "send the others as form fields."
            )
        )
    method = request.GET["method"]
    if method not in METHODS:
        raise AlternateSyntaxError(
            _("The method %(method)s is not one of %(methods)s.") % {"method": method, "methods": ", ".join(METHODS)}
        )
    if body and (request.content_type or "").lower() != "application/x-www-form-urlencoded":
        raise AlternateSyntaxError(
            _("An alternate syntax request must have Content-Type application/x-www-form-urlencoded.")
        )
    try:
        text = body.decode("utf-8")
        fields = parse_qsl(text, keep_blank_values=True, strict_parsing=True) if text else []
    except (UnicodeDecodeError, ValueError) as error:
        raise AlternateSyntaxError(_("The form body is not valid URL-encoded UTF-8 text.")) from error
    names = [name for name, _value in fields]
    if len(set(names)) != len(names):
        raise AlternateSyntaxError(_("A form field is given more than once."))

    environ = dict(request.META)
    environ.pop("CONTENT_TYPE", None)
    content = b""
    params = []
    for name, value in fields:
        if name == "content":
            content = value.encode("utf-8")
        elif name.lower() in HEADER_FIELDS:
            key = HEADER_FIELDS[name.lower()]
            if key is not None:
                environ[key] = value
        else:
            params.append((name, value))
    environ.update(
        REQUEST_METHOD=method,
        QUERY_STRING=urlencode(params),
        CONTENT_LENGTH=str(len(content)),
    )
    environ["wsgi.input"] = io.BytesIO(content)
    inner = WSGIRequest(environ)
    for name in CARRIED_ATTRIBUTES:
        if hasattr(request, name):
            setattr(inner, name, getattr(request, name))
    return inner
