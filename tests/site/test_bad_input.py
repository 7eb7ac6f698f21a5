"""Hostile and malformed requests to every public address: a clear 4xx or a normal page.

A table of addresses (every public page type, the feeds, calendars, contact card, sitemap,
robots.txt, health check and search) is crossed with a table of bad query strings; bad paths
and bad form posts have tables of their own. Every answer must be below 500, must not echo a
markup payload unescaped, and must not show a traceback, settings or SQL.
"""

import re
from urllib.parse import quote, urlencode

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission

from people.models import AlumniUpdateFormPage
from tests.site.page_types import (
    ALUMNI_FORM,
    LECTURESHIP,
    OTHER_ROUTES,
    PAGE_TYPES,
    PROFILE,
    STORY,
)

PUBLIC_ADDRESSES = {**PAGE_TYPES, **OTHER_ROUTES, "search": "/search/"}

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = "\"'><svg onload=alert(1)>"
# Markup that would run if a payload came back unescaped; no page of the site contains it.
LIVE_MARKUP = ("<script>alert(1)", "<svg onload=")

# Every parameter a public address reads ("p" is the sitemap's page number), and who reads it.
PARAMETERS = ("page", "p", "tag", "category", "year", "role", "program", "interest", "q", "type")
READERS = {
    "news": ("page", "tag", "category", "year"),
    "RSS feed": ("tag", "category"),
    "Atom feed": ("tag", "category"),
    "people": ("page", "role", "program", "interest", "q"),
    "search": ("page", "q", "type"),
    "sitemap": ("p",),
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


@pytest.fixture
def anonymous(client):
    return client


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


BAD_HEADERS = {
    "garbage If-Modified-Since": {"HTTP_IF_MODIFIED_SINCE": "yesterday<script>"},
    "far-future If-Modified-Since": {"HTTP_IF_MODIFIED_SINCE": "Sat, 01 Jan 99999 00:00:00 GMT"},
    "garbage If-None-Match": {"HTTP_IF_NONE_MATCH": '"' + "x" * 5_000},
    "unsatisfiable Range": {"HTTP_RANGE": f"bytes={10**30}-"},
    "garbage Range": {"HTTP_RANGE": "bytes=abc-def,,,-"},
    "garbage Accept-Encoding": {"HTTP_ACCEPT_ENCODING": "br;q=x, *;q=-1, \x00"},
    "garbage Accept-Language": {"HTTP_ACCEPT_LANGUAGE": "xx-" + "y" * 5_000},
    "garbage X-Forwarded-For": {"HTTP_X_FORWARDED_FOR": f"{SCRIPT}, ::::, 999.1.1.1"},
    "garbage cookies": {"HTTP_COOKIE": "sessionid=%00garbage; csrftoken=" + "z" * 5_000},
    "markup in the Referer": {"HTTP_REFERER": f"https://evil.example/{SCRIPT}"},
}
HEADER_ADDRESSES = {
    name: PUBLIC_ADDRESSES[name]
    for name in ("home", "news", "story", "RSS feed", "series calendar", "contact card")
    + ("sitemap", "search")
} | {"static file": "/static/css/site.css"}


@pytest.mark.parametrize("address", HEADER_ADDRESSES)
def test_bad_request_headers_get_a_4xx_or_a_page(anonymous, demo_site, settings, address):
    settings.TRUSTED_PROXY_COUNT = 1
    problems = []
    for case, headers in BAD_HEADERS.items():
        problem = unsafe(anonymous.get(HEADER_ADDRESSES[address], **headers))
        if problem:
            problems.append(f"{case}: {problem}")

    assert not problems, "\n".join(problems)


def test_an_unknown_host_is_a_bad_request(anonymous, demo_site, settings):
    settings.ALLOWED_HOSTS = ["dlhs.example.edu"]

    response = anonymous.get("/", HTTP_HOST=f"evil.example{quote(SCRIPT)}")

    assert response.status_code == 400
    assert_safe_answer(response)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/search/"),
        ("put", "/search/"),
        ("delete", "/news/"),
        ("post", "/healthz"),
        ("post", "/robots.txt"),
        ("post", "/news/feed/rss/"),
        ("post", f"{PROFILE}vcard/"),
    ],
)
def test_unexpected_methods_are_refused_without_an_error(anonymous, demo_site, method, path):
    response = getattr(anonymous, method)(path, {"q": SCRIPT})

    assert_safe_answer(response)
    assert 400 <= response.status_code < 500 or response.status_code == 200


def test_a_post_to_search_without_a_csrf_token_is_refused(demo_site):
    response = Client(enforce_csrf_checks=True).post("/search/", {"q": SCRIPT})

    assert response.status_code in (403, 405)
    assert_safe_answer(response)


class TestAlumniFormPosts:
    """The "Share your news" form: bad posts are form errors or refusals, never stored."""

    @pytest.fixture
    def field_names(self, demo_site):
        page = AlumniUpdateFormPage.objects.get()
        return [name for name in page.get_form(page=page, user=None).fields]

    def assert_nothing_saved(self):
        assert FormSubmission.objects.count() == 0
        assert mail.outbox == []

    def test_without_a_csrf_token_it_is_forbidden(self, demo_site, field_names):
        client = Client(enforce_csrf_checks=True)
        client.get(ALUMNI_FORM)  # sets the CSRF cookie, but no token goes in the post

        response = client.post(ALUMNI_FORM, {name: "x" for name in field_names})

        assert response.status_code == 403
        assert_safe_answer(response)
        self.assert_nothing_saved()

    @pytest.mark.parametrize(
        ("case", "value"),
        [
            ("script", SCRIPT),
            ("attribute breakout", ATTRIBUTE_BREAKOUT),
            ("NUL", "\x00"),
            ("NUL inside", "Elif\x00Abbott"),
            ("10,000 characters", "x" * 10_000),
            ("huge number", str(10**30)),
            ("negative", "-1"),
            ("unicode", "Ünïcödé 日本語 ✓ 🎓"),
            ("SQL", "1' OR '1'='1'; DROP TABLE wagtailcore_page;--"),
            ("javascript link", "javascript:alert(1)"),
            ("empty", ""),
        ],
    )
    def test_garbage_in_every_field_is_a_form_error(
        self, anonymous, demo_site, field_names, case, value
    ):
        response = anonymous.post(ALUMNI_FORM, {name: value for name in field_names})

        assert response.status_code == 200
        assert response.context["form"].errors
        assert_safe_answer(response)
        self.assert_nothing_saved()

    def test_repeated_and_unknown_fields_are_a_form_error(self, anonymous, demo_site, field_names):
        data = [(name, value) for name in field_names for value in ("a", SCRIPT)]
        data += [("unknown_field", SCRIPT), ("graduation_year[]", "2019")]
        body = urlencode(data)

        response = anonymous.post(
            ALUMNI_FORM, body, content_type="application/x-www-form-urlencoded"
        )

        assert response.status_code == 200
        assert response.context["form"].errors
        assert_safe_answer(response)
        self.assert_nothing_saved()

    def test_a_body_that_is_not_a_form_is_a_form_error(self, anonymous, demo_site):
        response = anonymous.post(
            ALUMNI_FORM, {"your_name": SCRIPT}, content_type="application/json"
        )

        assert response.status_code == 200
        assert response.context["form"].errors
        assert_safe_answer(response)
        self.assert_nothing_saved()

    def test_too_many_fields_is_a_bad_request(self, anonymous, demo_site, settings):
        body = "&".join(
            f"f{number}=x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)
        )

        response = anonymous.post(
            ALUMNI_FORM, body, content_type="application/x-www-form-urlencoded"
        )

        assert response.status_code == 400
        assert_safe_answer(response)
        self.assert_nothing_saved()

    def test_a_body_over_the_upload_limit_is_a_bad_request(self, anonymous, demo_site, settings):
        body = "your_name=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

        response = anonymous.post(
            ALUMNI_FORM, body, content_type="application/x-www-form-urlencoded"
        )

        assert response.status_code == 400
        assert_safe_answer(response)
        self.assert_nothing_saved()

    def test_invalid_utf8_is_a_form_error_or_a_bad_request(self, anonymous, demo_site):
        response = anonymous.post(
            ALUMNI_FORM,
            b"your_name=%FF%FE&graduation_year=%C0%AF",
            content_type="application/x-www-form-urlencoded",
        )

        assert response.status_code in (200, 400)
        assert_safe_answer(response)
        self.assert_nothing_saved()
