"""Security headers, client addresses and upload validation (sign-in throttling:
test_sign_in_throttle.py)."""

import io
import json
import secrets

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document

from dlhs.models import SiteImage
from dlhs.security import client_ip
from tests.servers import environment, manage
from tests.site.page_types import OTHER_ROUTES
from tests.site.page_types import PAGE_TYPES as DEMO_PAGE_TYPES


def directives(header):
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
class TestHeaders:
    def test_public_pages_forbid_inline_script_and_framing(self, client, home):
        response = client.get("/")

        assert_safe_headers(response)
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "geolocation=()" in response["Permissions-Policy"]

    def test_no_script_tag_on_a_public_page_is_inline(self, client, home):
        html = client.get("/").content.decode()

        for tag in html.split("<script")[1:]:
            opening = tag.split(">", 1)[0]
            assert (
                "src=" in opening
                or "application/ld+json" in opening
                or ("application/json" in opening)
            ), opening

    def test_the_admin_has_its_own_policy_and_may_frame_previews(self, client):
        response = client.get(reverse("wagtailadmin_login"))

        policy = directives(response["Content-Security-Policy"])
        assert "'unsafe-inline'" in policy["script-src"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert response["X-Frame-Options"] == "SAMEORIGIN"

    def test_the_admin_loads_no_avatar_from_another_site(self, client, django_user_model):
        # Gravatar would get a hash of the editor's e-mail, and the admin policy blocks it.
        editor = django_user_model.objects.create_superuser(
            username="pat",
            email="pat@example.edu",
            password="pw",  # noqa: S106
        )
        client.force_login(editor)

        html = client.get(reverse("wagtailadmin_home")).content.decode()

        assert "wagtailadmin/images/default-user-avatar.png" in html
        assert "gravatar.com" not in html

    def test_errors_carry_the_headers_too(self, client, home):
        response = client.get("/no-such-page/")

        assert response.status_code == 404
        assert "Content-Security-Policy" in response
        assert response["X-Frame-Options"] == "DENY"


class TestClientAddress:
    def test_without_trusted_proxies_the_socket_address_counts(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")

        assert client_ip(request) == "10.0.0.2"

    def test_behind_one_proxy_the_last_forwarded_address_counts(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        request = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
        )

        assert client_ip(request) == "203.0.113.9"


def png_bytes(size, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
class TestUploads:
    @pytest.fixture
    def admin_client(self, client, django_user_model):
        user = django_user_model.objects.create_superuser(username="boss", password="pw")  # noqa: S106
        client.force_login(user)
        return client

    def upload_image(self, client, name, content):
        return client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Upload",
                "description": "A test upload",
                "file": SimpleUploadedFile(name, content),
                "collection": "1",
            },
        )

    def test_a_real_image_is_accepted(self, admin_client):
        response = self.upload_image(admin_client, "ok.png", png_bytes((40, 30)))

        assert response.status_code == 302
        assert SiteImage.objects.get(title="Upload").width == 40

    def test_a_file_that_is_not_an_image_is_a_form_error(self, admin_client):
        response = self.upload_image(admin_client, "evil.png", b"<script>alert(1)</script>")

        assert response.status_code == 200
        assert not SiteImage.objects.filter(title="Upload").exists()
        assert "Not a valid .png image" in str(response.context["form"].errors["file"])

    def test_an_image_whose_extension_lies_about_its_type_is_refused(self, admin_client):
        buffer = io.BytesIO()
        PILImage.new("RGB", (40, 30)).save(buffer, format="JPEG")

        response = self.upload_image(admin_client, "photo.png", buffer.getvalue())

        assert response.status_code == 200
        assert "file" in response.context["form"].errors
        assert not SiteImage.objects.filter(title="Upload").exists()

    def test_svg_with_script_is_not_an_accepted_type(self, admin_client):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

        response = self.upload_image(admin_client, "logo.svg", svg)

        assert response.status_code == 200
        assert "file" in response.context["form"].errors
        assert not SiteImage.objects.filter(title="Upload").exists()

    def test_a_decompression_bomb_is_refused(self, admin_client, settings):
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
        bomb = png_bytes((4000, 4000), mode="1")  # 16 megapixels in a few kilobytes

        response = self.upload_image(admin_client, "bomb.png", bomb)

        assert response.status_code == 200
        assert not SiteImage.objects.filter(title="Upload").exists()
        assert "pixels" in str(response.context["form"].errors["file"])

    def test_an_oversized_file_is_refused(self, admin_client, settings):
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024

        response = self.upload_image(admin_client, "big.png", png_bytes((600, 600)))

        assert response.status_code == 200
        assert "file" in response.context["form"].errors
        assert not SiteImage.objects.filter(title="Upload").exists()

    def test_documents_are_served_so_they_cannot_run_in_the_site_origin(self, client, settings):
        document = Document.objects.create(
            title="Page", file=SimpleUploadedFile("page.html", b"<script>alert(1)</script>")
        )

        response = client.get(document.url)

        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"


# Every public page type and every other public route, for the headers that must be on all.
PAGE_TYPES = {
    **DEMO_PAGE_TYPES,
    "news filtered": "/news/?tag=ai",
    "search": "/search/?q=learning",
    "not found": "/no-such-page/",
}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def assert_safe_headers(response):
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"], policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_every_public_page_type_gets_the_strict_policy_and_runs_no_inline_script(
    client, demo_site, subtests
):
    for name, path in PAGE_TYPES.items():
        with subtests.test(page=name):
            response = client.get(path)
            assert response.status_code == (404 if name == "not found" else 200)
            assert_safe_headers(response)

            soup = BeautifulSoup(response.content, "html.parser")
            for script in soup.find_all("script"):
                assert script.get("src") or script.get("type") in DATA_SCRIPT_TYPES, script
            for tag in soup.find_all(True):
                handlers = [attr for attr in tag.attrs if attr.lower().startswith("on")]
                assert not handlers, f"inline event handler on <{tag.name}>: {handlers}"
                for attr in ("href", "src", "action", "formaction"):
                    value = str(tag.get(attr, "")).strip().lower()
                    assert not value.startswith("javascript:"), tag


def test_every_other_public_route_gets_the_safe_headers(client, demo_site, subtests):
    for name, path in OTHER_ROUTES.items():
        with subtests.test(route=name):
            response = client.get(path)
            assert response.status_code == 200
            assert_safe_headers(response)


# Run in a fresh process with production settings: no test settings can leak in. No
# database is needed: the responses come from views and middleware that do not query it.
PRODUCTION_RESPONSES = """
import json
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import Client, RequestFactory, override_settings

client = Client()
secure = client.get("/robots.txt", secure=True)
plain = client.get("/robots.txt")
factory = RequestFactory()

request = factory.get("/", secure=True)
get_token(request)
csrf = CsrfViewMiddleware(lambda r: HttpResponse()).process_response(request, HttpResponse())

# The cookie attributes come from the production settings; only the store is swapped for
# one that needs no database.
with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies"):
    request = factory.get("/", secure=True)
    def signed_in(request):
        request.session["seen"] = True
        return HttpResponse()
    session = SessionMiddleware(signed_in)(request)

def cookie(morsel):
    return {key: morsel[key] for key in ("secure", "httponly", "samesite")}

print(json.dumps({
    "debug": settings.DEBUG,
    "secure_headers": dict(secure.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "csrf_cookie": cookie(csrf.cookies[settings.CSRF_COOKIE_NAME]),
    "session_cookie": cookie(session.cookies[settings.SESSION_COOKIE_NAME]),
}))
"""


def test_production_sends_hsts_redirects_to_https_and_sets_safe_cookies():
    env = environment(
        {
            "DJANGO_SETTINGS_MODULE": "dlhs.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": "sqlite://:memory:",
        },
        without=["SECURE_SSL_REDIRECT", "REDIS_URL"],
    )
    output = manage(env, "shell", "--verbosity=0", "-c", PRODUCTION_RESPONSES, timeout=120)
    seen = json.loads(output.strip().splitlines()[-1])

    assert seen["debug"] is False
    headers = seen["secure_headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "'unsafe-inline'" not in directives(headers["Content-Security-Policy"])["script-src"]
    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://testserver/robots.txt"
    for name in ("csrf_cookie", "session_cookie"):
        assert seen[name]["secure"] is True, name
        assert seen[name]["samesite"] == "Lax", name
    assert seen["session_cookie"]["httponly"] is True
