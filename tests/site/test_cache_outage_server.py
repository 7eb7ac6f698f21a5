"""The site under gunicorn with production settings, after its Redis has been stopped.

One gunicorn process over its own database and a redis-server this module starts on a free
port. The fixture checks that pages come from the cache while Redis runs, then kills Redis:
every test then sees the site as visitors and editors would during a cache outage.
"""

import os
import secrets

import pytest
import requests
from bs4 import BeautifulSoup

from tests.servers import (
    RedisServer,
    cookies_set_by,
    csrf_token_in,
    free_port,
    gunicorn,
    manage,
    prepare_demo_site,
    sign_in,
    throwaway_database,
)

EDITOR = "outage-editor"

pytestmark = pytest.mark.servers


class Site:
    def __init__(self, url, env, password, log_path):
        self.url, self.env, self.password, self.log_path = url, env, password, log_path

    def shell(self, code):
        return manage(self.env, "shell", "-v0", "--no-startup", "-c", code).strip()

    def get(self, path, **kwargs):
        return requests.get(f"{self.url}{path}", allow_redirects=False, timeout=30, **kwargs)


@pytest.fixture(scope="module")
def site_without_redis(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("cache-outage")
    cache_server = RedisServer(tmp_path)
    cache_server.start()
    database_url, drop_database = throwaway_database(tmp_path, "cache_outage")
    password = secrets.token_urlsafe(16)
    port = free_port()
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("PAGE_CACHE_")},
        "DJANGO_SETTINGS_MODULE": "dlhs.settings.production",
        # The editor these tests sign in as has no second factor (two-factor sign-in is
        # tested in tests/accounts and by the moderation browser test).
        "TWO_FACTOR_REQUIRED": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": database_url,
        "REDIS_URL": cache_server.url,
        "REDIS_TIMEOUT_MS": "200",
        "REDIS_RETRY_SECONDS": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SERVE_MEDIA": "true",
        # The alumni form e-mails the office; no mail server is what another test is about.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "PYTHONUNBUFFERED": "1",
    }
    try:
        prepare_demo_site(env, EDITOR, password)
        log_path = tmp_path / "gunicorn.log"
        with gunicorn(env, port, log_path) as url:
            site = Site(url, env, password, log_path)
            # While Redis runs, pages come from it and the health check is plain "ok".
            site.get("/news/")
            assert site.get("/news/").headers["X-Page-Cache"] == "hit"
            assert site.get("/healthz").text == "ok"

            cache_server.stop()
            yield site
    finally:
        cache_server.stop()
        drop_database()


@pytest.mark.parametrize("path", ["/", "/news/", "/people/", "/news/feed/rss/", "/sitemap.xml"])
def test_pages_are_served_uncached(site_without_redis, path):
    response = site_without_redis.get(path)

    assert response.status_code == 200
    assert response.headers["X-Page-Cache"] == "miss"


def test_a_story_and_search_are_served(site_without_redis):
    story = site_without_redis.shell(
        "from news.models import NewsPage; print(NewsPage.objects.live().first().url)"
    )
    assert site_without_redis.get(story).status_code == 200
    assert site_without_redis.get("/search/", params={"q": "learning"}).status_code == 200


def test_the_alumni_form_accepts_updates_with_its_limit_open(site_without_redis):
    path = site_without_redis.shell(
        "from people.models import AlumniUpdateFormPage; "
        "print(AlumniUpdateFormPage.objects.live().get().url)"
    )
    # One more than the limit of five an hour: while nothing can be counted, none is refused.
    for number in range(6):
        form = site_without_redis.get(path)
        assert form.status_code == 200
        response = requests.post(
            f"{site_without_redis.url}{path}",
            data={**form_answers(form.text), "your_name": f"Alumna {number}"},
            cookies=cookies_set_by(form),
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 200, response.text[:500]
        assert "Thank you" in response.text


def form_answers(html):
    """A valid answer to every question of the alumni form, as a person would give."""
    form = BeautifulSoup(html, "html.parser").select_one("main form")
    answers = {"csrfmiddlewaretoken": csrf_token_in(html)}
    for select in form.find_all("select"):
        answers[select["name"]] = next(
            option["value"] for option in select.find_all("option") if option.get("value")
        )
    for field in form.find_all(["input", "textarea"]):
        name, kind = field.get("name"), field.get("type", "text")
        if not name or name in answers or kind == "hidden" or field.get("tabindex") == "-1":
            continue
        if kind == "email" or field.get("autocomplete") == "email" or "e_mail" in name:
            answers[name] = "alum@example.edu"
        else:
            answers[name] = "on" if kind == "checkbox" else "2019"
    answers.update(your_news="A new position.", link="https://example.org/")
    return answers


def test_editors_can_sign_in_and_work(site_without_redis):
    cookies = sign_in(site_without_redis.url, EDITOR, site_without_redis.password)

    dashboard = site_without_redis.get("/admin/", cookies=cookies)
    assert dashboard.status_code == 200
    assert EDITOR in dashboard.text


def test_healthz_reports_the_cache_as_degraded(site_without_redis):
    response = site_without_redis.get("/healthz")

    assert response.status_code == 200
    assert response.text == "degraded: cache unavailable"


def test_the_outage_is_logged_without_tracebacks(site_without_redis):
    site_without_redis.get("/")
    log = site_without_redis.log_path.read_text()

    assert "The cache (Redis) is unavailable" in log
    assert "Traceback" not in log
