"""Bad request headers, unexpected methods and hostile form posts: a clear 4xx or a page.

The same rules as test_bad_input.py: below 500, no markup echoed unescaped, no leak.
"""

from urllib.parse import quote, urlencode

import pytest
from django.core import mail
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission

from people.models import AlumniUpdateFormPage
from tests.site.bad_input import (
    ATTRIBUTE_BREAKOUT,
    PUBLIC_ADDRESSES,
    SCRIPT,
    assert_safe_answer,
    unsafe,
)
from tests.site.page_types import (
    ALUMNI_FORM,
    PROFILE,
)

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
