"""SITE_URL, the one public address: `migrate` writes it into the default Site, and every
absolute address the site hands out (canonical, og:url, sitemap, JSON-LD, password-reset
e-mails) uses it, whatever host the request came in on. Read in fresh processes, as a
deployment reads its environment.
"""

import json
import secrets
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from tests.servers import environment, manage, run_manage, throwaway_database

PUBLIC = "https://lhs.example.edu"

# Served on the internal address the proxy forwards to, as on the day of the security test.
AS_SERVED = """
import json
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from wagtail.models import Site

site = Site.objects.get(is_default_site=True)
client = Client(HTTP_HOST="127.0.0.1:8000")
get_user_model().objects.create_user("staff", "staff@example.edu", "a long password")
with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
    client.post("/admin/password_reset/", {"email": "staff@example.edu"})
print(json.dumps({
    "site": [site.hostname, site.port, site.root_url],
    "admin_base_url": settings.WAGTAILADMIN_BASE_URL,
    "home": client.get("/").content.decode(),
    "sitemap": client.get("/sitemap.xml").content.decode(),
    "reset_mail": mail.outbox[0].body,
}))
"""


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A database migrated with SITE_URL set, and the environment that migrated it."""
    url, drop = throwaway_database(tmp_path_factory.mktemp("site-url"), "siteurl")
    env = environment(
        {
            "DJANGO_SETTINGS_MODULE": "dlhs.settings.dev",
            "DATABASE_URL": url,
            "SITE_URL": PUBLIC,
            "ALLOWED_HOSTS": "lhs.example.edu,127.0.0.1",
        },
        without=["REDIS_URL", "WAGTAILADMIN_BASE_URL", "SECRET_KEY", "PAGE_CACHE_SECONDS"],
    )
    env["MIGRATE_OUTPUT"] = manage(env, "migrate", "--noinput")
    yield env
    drop()


@pytest.fixture(scope="module")
def served(migrated):
    output = manage(migrated, "shell", "--verbosity=0", "-c", AS_SERVED, timeout=300)
    return json.loads(output.strip().splitlines()[-1])


def test_migrate_points_the_default_site_and_the_admin_at_site_url(migrated, served):
    assert f"{PUBLIC} (SITE_URL)" in migrated["MIGRATE_OUTPUT"]
    assert served["site"] == ["lhs.example.edu", 443, PUBLIC]
    assert served["admin_base_url"] == PUBLIC


def test_canonical_og_url_and_json_ld_use_the_public_address(served):
    soup = BeautifulSoup(served["home"], "html.parser")

    assert soup.find("link", rel="canonical")["href"] == f"{PUBLIC}/"
    assert soup.find("meta", property="og:url")["content"] == f"{PUBLIC}/"
    addresses = []
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        for item in data if isinstance(data, list) else [data]:
            addresses += [item[key] for key in ("url", "@id") if key in item]
    assert addresses
    assert all(address.startswith(PUBLIC) for address in addresses), addresses


def test_the_sitemap_uses_the_public_address(served):
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [
        loc.text for loc in ET.fromstring(served["sitemap"]).findall("sm:url/sm:loc", namespace)
    ]

    assert locations
    assert all(location.startswith(f"{PUBLIC}/") for location in locations), locations


def test_the_password_reset_mail_links_to_the_public_address(served):
    assert f"{PUBLIC}/admin/password_reset/confirm/" in served["reset_mail"]
    assert "127.0.0.1" not in served["reset_mail"]


def deploy_check(env, allowed_hosts):
    return run_manage(
        {
            **env,
            "DJANGO_SETTINGS_MODULE": "dlhs.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": allowed_hosts,
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        timeout=120,
    )


def test_check_deploy_warns_when_the_sites_host_is_not_allowed(migrated):
    result = deploy_check(migrated, "other.example.edu")

    assert result.returncode != 0
    assert "dlhs.W001" in result.stderr
    assert "'lhs.example.edu' is not in ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_when_it_is(migrated):
    result = deploy_check(migrated, ".example.edu")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_site_url_is_reported_by_name():
    env = environment({"SITE_URL": "lhs.example.edu/news"}, without=["DJANGO_SETTINGS_MODULE"])

    result = run_manage(env, "check", timeout=120)

    assert result.returncode != 0
    assert "SITE_URL must be an address like https://lhs.example.edu" in result.stderr
