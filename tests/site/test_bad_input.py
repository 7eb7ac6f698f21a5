"""Hostile and malformed query strings and paths on every public address: a 4xx or a page.

A table of addresses (every public page type, the feeds, calendars, contact card, sitemap,
robots.txt, health check and search) is crossed with a table of bad query strings, and bad
paths have a table of their own (headers, methods and form posts: test_bad_requests.py).
Every answer must be below 500, must not echo a markup payload unescaped, and must not show
a traceback, settings or SQL.
"""

from urllib.parse import quote, urlencode

import pytest
from django.http import HttpResponse

from tests.site.bad_input import (
    ATTRIBUTE_BREAKOUT,
    PUBLIC_ADDRESSES,
    SCRIPT,
    assert_safe_answer,
    unsafe,
)
from tests.site.page_types import (
    LECTURESHIP,
    STORY,
)

PARAMETERS = (
    *("page", "p", "tag", "category", "year", "role", "program", "interest", "q", "type"),
    *("kind", "series", "audience"),
)
READERS = {
    "news": ("page", "tag", "category", "year"),
    "RSS feed": ("tag", "category"),
    "Atom feed": ("tag", "category"),
    "people": ("page", "role", "program", "interest", "q"),
    "search": ("page", "q", "type"),
    "sitemap": ("p",),
    "events": ("page", "kind", "series", "audience", "year"),
    "past events": ("page", "kind", "series", "audience", "year"),
}
BAD_VALUES = {
    "word": "abc",
    "negative": "-1",
    "zero": "0",
    "past the end": "9999",
    "huge number": str(10**30),
    "exponent": "1e3",
    "padded": " 2 ",
    "empty": "",
    "script": SCRIPT,
    "attribute breakout": ATTRIBUTE_BREAKOUT,
    "10,000 characters": "x" * 10_000,
    "10,000 markup characters": (SCRIPT * 400)[:10_000],
    "unicode": "Ünïcödé 日本語 ✓ 🎓",
    "right-to-left override": "\u202egpj.exe",
    "NUL": "\x00",
    "NUL inside": "ai\x00research",
    "control characters": "\x01\x1b[31m\x7f",
    "percent": "%",
    "path traversal": "../../etc/passwd",
    "SQL": "1' OR '1'='1'; DROP TABLE wagtailcore_page;--",
    "full-text operators": '"AND OR NOT * ( ) : ^ -"',
    "newline": "ai\nSet-Cookie: x=1",
}
# Query strings that cannot be written as one parameter with one value.
RAW_QUERIES = {
    "repeated page": "page=1&page=2",
    "repeated tag": "tag=ai&tag=research",
    "repeated category": "category=health-lab&category=department-news",
    "repeated year": "year=2025&year=2024",
    "repeated role": "role=faculty&role=staff",
    "repeated q": "q=learning&q=health",
    "repeated type": "type=news&type=people",
    "repeated kind": "kind=webinar&kind=seminar",
    "repeated audience": "audience=alumni&audience=public",
    "array syntax": "page[]=1&tag[]=ai&q[]=x",
    "invalid UTF-8": "q=%FF%FE%FD&tag=%C0%AF&page=%E2%82",
    "NUL names": "%00=%00&q%00=1",
    "no names": "=x&&&=",
    "percent only": "%&%%&q=%",
    "every filter past the end": "tag=ai&category=health-lab&year=2025&page=999",
}
# Every address gets each bad value in every parameter at once, and the raw query strings.
EVERY_PARAMETER_AT_ONCE = {
    **{
        f"every parameter {label}": urlencode({name: value for name in PARAMETERS})
        for label, value in BAD_VALUES.items()
    },
    **RAW_QUERIES,
}

BAD_PATHS = {
    "traversal": "/../../etc/passwd",
    "encoded traversal": "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "encoded traversal in a section": "/news/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "traversal under static": "/static/../../etc/passwd",
    "encoded traversal under static": "/static/%2e%2e/%2e%2e/dlhs/settings/base.py",
    "traversal under documents": "/documents/..%2f..%2fetc%2fpasswd",
    "traversal under media": "/media/%2e%2e/%2e%2e/etc/passwd",
    "backslash traversal": "/news/..%5c..%5cetc%5cpasswd",
    "NUL in a page path": "/news/%00/",
    "NUL after a page": f"{STORY}%00",
    "NUL in the calendar route": f"{LECTURESHIP}calendar%00/",
    "NUL under static": "/static/css/site.css%00.js",
    "overlong path": "/" + "a" * 10_000 + "/",
    "deep path": "/a" * 2_000 + "/",
    "overlong slug under news": "/news/" + "b" * 5_000 + "/",
    "unicode path": "/news/" + quote("日本語-✓") + "/",
    "invalid UTF-8 path": "/news/%FF%FE/",
    "markup in the path": "/news/" + quote(SCRIPT) + "/",
    "document with a huge id": f"/documents/{10**30}/file.pdf",
    "document with a bad id": "/documents/abc/file.pdf",
    "feed with a bad route": "/news/feed/json/",
    "vCard route of a page without one": "/about/vcard/",
    "double slashes": "//news//feed//rss//",
    "admin without login": "/admin/",
    "admin pages without login": "/admin/pages/",
    "admin page edit without login": "/admin/pages/2/edit/",
    "admin with a huge id": f"/admin/pages/{10**30}/",
}


def problems_with(client, path, queries):
    """ "case: problem" for every query string in ``queries`` that gets an unsafe answer."""
    problems = []
    for case, query in queries.items():
        try:
            problem = unsafe(client.get(f"{path}?{query}"))
        except Exception as error:  # the test client re-raises a view's exception
            problem = f"raised {error!r}"[:300]
        if problem:
            problems.append(f"{case}: {problem}")
    return problems


def test_the_gate_notices_what_it_looks_for():
    assert unsafe(HttpResponse("ok")) is None
    assert unsafe(HttpResponse("&lt;script&gt;alert(1)&lt;/script&gt;")) is None
    assert unsafe(HttpResponse(status=502)) == "status 502"
    assert "unescaped" in unsafe(HttpResponse(f"<p>{ATTRIBUTE_BREAKOUT}</p>"))
    assert "Traceback" in unsafe(HttpResponse("Traceback (most recent call last):"))
    assert "SELECT" in unsafe(HttpResponse('SELECT "id" FROM "wagtailcore_page"'))
    assert "DATABASES" in unsafe(HttpResponse("DATABASES = {...}"))


def test_every_address_of_the_table_is_a_normal_page(anonymous, demo_site):
    """Without bad input each address works, so the other tests do test real pages."""
    for name, path in PUBLIC_ADDRESSES.items():
        assert anonymous.get(path).status_code == 200, name


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_bad_values_in_every_parameter_at_once(anonymous, demo_site, address):
    problems = problems_with(anonymous, PUBLIC_ADDRESSES[address], EVERY_PARAMETER_AT_ONCE)

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("address", "parameter"),
    [(address, parameter) for address, parameters in READERS.items() for parameter in parameters],
)
def test_bad_values_in_each_parameter_an_address_reads(anonymous, demo_site, address, parameter):
    queries = {label: urlencode({parameter: value}) for label, value in BAD_VALUES.items()}

    problems = problems_with(anonymous, PUBLIC_ADDRESSES[address], queries)

    assert not problems, "\n".join(problems)


def test_bad_values_are_refused_where_they_are_read(anonymous, demo_site):
    """Not just "no 5xx": a filter or page that cannot exist is a 404, a repeated one a 400."""
    assert anonymous.get("/news/?page=abc").status_code == 404
    assert anonymous.get(f"/news/?page={10**30}").status_code == 404
    assert anonymous.get("/news/?tag=" + quote(SCRIPT)).status_code == 404
    assert anonymous.get("/news/?year=-1").status_code == 404
    assert anonymous.get("/news/?year=0000").status_code == 404
    assert anonymous.get("/news/feed/rss/?year=0000&tag=ai").status_code == 200  # feeds: no year
    assert anonymous.get("/news/?tag=ai&tag=research").status_code == 400
    assert anonymous.get("/people/?role=%00").status_code == 404
    assert anonymous.get("/people/?page=0").status_code == 404
    assert anonymous.get("/search/?q=learning&page=9999").status_code == 404
    assert anonymous.get("/sitemap.xml?p=abc").status_code == 404
    response = anonymous.get("/search/?" + urlencode({"q": SCRIPT}))
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


@pytest.mark.parametrize("case", BAD_PATHS)
def test_bad_paths_get_a_4xx_or_a_page(anonymous, demo_site, case):
    response = anonymous.get(BAD_PATHS[case])

    assert_safe_answer(response)
    if case.startswith("admin"):
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code in (301, 302, 400, 404), response.status_code


def test_traversal_never_reaches_files_outside_the_site(anonymous, demo_site):
    for case, path in BAD_PATHS.items():
        body = anonymous.get(path).content
        assert b"root:x:0:0" not in body, case
        assert b"SECRET_KEY" not in body, case
