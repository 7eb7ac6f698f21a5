"""What an answer to hostile or malformed input must never be: shared by the bad-input gates."""

import re

from tests.site.page_types import OTHER_ROUTES, PAGE_TYPES

PUBLIC_ADDRESSES = {**PAGE_TYPES, **OTHER_ROUTES, "search": "/search/"}

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = "\"'><svg onload=alert(1)>"
# Markup that would run if a payload came back unescaped; no page of the site contains it.
LIVE_MARKUP = ("<script>alert(1)", "<svg onload=")

# Every parameter a public address reads ("p" is the sitemap's page number), and who reads it.


# What a response must never contain: a traceback, Django's debug page, settings or SQL.
LEAKS = re.compile(
    r"Traceback \(most recent call last\)"
    r"|File \"/"
    r"|site-packages"
    r"|SECRET_KEY|DATABASES|DJANGO_SETTINGS_MODULE"
    r"|Exception Value|Request Method:|technical_500"
    r"|\bSELECT\b[^<]{0,200}\bFROM\b"
    r"|(?:Operational|Programming|Integrity|Data)Error"
)


def unsafe(response):
    """What is wrong with an answer to bad input, or None: a 5xx, live markup, a leak."""
    if response.status_code >= 500:
        return f"status {response.status_code}"
    if response.streaming:  # static files, documents
        # The test client closes the response once this is read; closing it again here
        # would fire request_finished and close the test's database connection.
        body = b"".join(response.streaming_content).decode("utf-8", "replace")
    else:
        body = response.content.decode("utf-8", "replace")
    for markup in LIVE_MARKUP:
        if markup in body:
            return f"{markup!r} came back unescaped"
    leak = LEAKS.search(body)
    if leak:
        return f"the response shows {leak.group()!r}"
    return None


def assert_safe_answer(response):
    problem = unsafe(response)
    assert problem is None, problem
