"""Pages sit below the apps that know about learners; those apps add to a page's context through hooks.

Page models (``courses``, ``assessments``) must not import the apps above them (progress, groups,
attempts): the layer table in docs/architecture.md forbids it. Instead a page's ``get_context`` ends
with ``add_page_context``, which runs every function registered with Wagtail's hook ``PAGE_CONTEXT_HOOK``
(in an app's ``wagtail_hooks.py``, ``order=`` to run before others). Each function receives the page,
the request and the context, and adds what its app knows for that kind of page.
"""

from wagtail import hooks

PAGE_CONTEXT_HOOK = "lms_page_context"


def add_page_context(*, page, request, context):
    for add in hooks.get_hooks(PAGE_CONTEXT_HOOK):
        add(page=page, request=request, context=context)
    return context
