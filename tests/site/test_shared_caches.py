"""The embedded default's shared page cache and Varnish in front, with real processes.

One demo site (production settings, no Redis) is served by two gunicorn processes, A and B,
that share the cache folder (CACHE_DIRECTORY), as the worker processes of one machine do; a
Varnish with the project's VCL (deploy/varnish/) stands in front of A, and the app purges it
(FRONTEND_CACHE_URL). An editor changes content through A: B's next answer is fresh, and so
is Varnish's.
"""

import secrets
from contextlib import ExitStack

import pytest
import requests

from tests.servers import (
    VarnishServer,
    environment,
    free_port,
    gunicorn,
    manage,
    post_admin_form,
    prepare_demo_site,
    sign_in,
    throwaway_database,
)

EDITOR = "shared-cache-editor"

pytestmark = pytest.mark.servers


class Site:
    def __init__(self, env, a, b, proxy, password):
        self.env, self.a, self.b, self.proxy, self.password = env, a, b, proxy, password

    def shell(self, code):
        return manage(self.env, "shell", "-v0", "--no-startup", "-c", code).strip()

    def rename_a_category(self, new_name):
        """Rename a category with live stories through A's admin; its slug."""
        found = self.shell(
            "from wagtail.admin.admin_url_finder import AdminURLFinder; "
            "from news.models import NewsCategory; "
            "category = NewsCategory.objects.filter(stories__live=True).order_by('pk').first(); "
            "print(category.slug, AdminURLFinder().get_edit_url(category))"
        )
        slug, edit_path = found.split()
        cookies = sign_in(self.a, EDITOR, self.password)
        post_admin_form(
            self.a, edit_path, cookies, {"name": new_name, "slug": slug, "description": ""}
        )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shared-caches")
    database_url, drop_database = throwaway_database(folder, "shared_caches")
    password = secrets.token_urlsafe(16)
    app_ports = free_port(), free_port()
    proxy = VarnishServer(f"http://127.0.0.1:{app_ports[0]}")
    env = environment(
        {
            "DJANGO_SETTINGS_MODULE": "dlhs.settings.production",
            # The editor these tests sign in as has no second factor (two-factor sign-in is
            # tested in tests/accounts and by the moderation browser test).
            "TWO_FACTOR_REQUIRED": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "CACHE_DIRECTORY": str(folder / "cache"),
            "FRONTEND_CACHE_URL": proxy.url,
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            "SERVE_MEDIA": "true",
            "PYTHONUNBUFFERED": "1",
        },
        without=["REDIS_URL", "PAGE_CACHE_", "MEDIA_S3_", "AWS_", "WAGTAILADMIN_BASE_URL"],
    )
    prepare_demo_site(env, EDITOR, password, timeout=300)
    try:
        with ExitStack() as servers:
            a, b = (
                servers.enter_context(gunicorn(env, port, folder / f"gunicorn-{name}.log"))
                for name, port in zip("ab", app_ports, strict=True)
            )
            proxy.start()
            servers.callback(proxy.stop)
            yield Site(env, a, b, proxy.url, password)
    finally:
        drop_database()


def anonymous_get(url):
    return requests.get(url, allow_redirects=False, timeout=60)


def test_a_change_made_through_one_worker_is_fresh_through_the_other(site):
    listing = f"{site.b}/news/"
    anonymous_get(listing)
    cached = anonymous_get(listing)
    assert cached.headers["X-Page-Cache"] == "hit"
    assert "Renamed through A" not in cached.text

    site.rename_a_category("Renamed through A")

    fresh = anonymous_get(listing)
    assert fresh.headers["X-Page-Cache"] == "miss"
    assert "Renamed through A" in fresh.text


def test_varnish_serves_hits_and_the_fresh_page_after_a_change(site):
    listing = f"{site.proxy}/news/"
    anonymous_get(listing)
    cached = anonymous_get(listing)
    assert cached.status_code == 200
    assert cached.headers["X-Cache"] == "hit"
    assert int(cached.headers["Age"]) >= 0
    assert "Renamed behind Varnish" not in cached.text
    # Tracking parameters are not part of the cache key: the same entry answers.
    tracked = anonymous_get(f"{listing}?utm_source=newsletter&fbclid=abc&gclid=1")
    assert tracked.headers["X-Cache"] == "hit"
    assert tracked.headers["X-Varnish"].split()[-1] == cached.headers["X-Varnish"].split()[-1]

    site.rename_a_category("Renamed behind Varnish")

    fresh = anonymous_get(listing)
    assert fresh.headers["X-Cache"] == "miss"
    assert "Renamed behind Varnish" in fresh.text
    # Signed-in editors always reach the app.
    cookies = sign_in(site.a, EDITOR, site.password)
    editor = requests.get(listing, cookies=cookies, allow_redirects=False, timeout=60)
    assert editor.headers["X-Cache"] == "miss"
