"""The single HTML sanitiser: every piece of HTML our templates did not write passes through here."""

import bleach

ALLOWED_TAGS = frozenset(
    {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "span"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "span": ["lang"], "p": ["lang"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def clean_html(html):
    """Return ``html`` with everything outside the allowlist removed (tags stripped, not escaped)."""
    return _cleaner.clean(str(html or ""))
