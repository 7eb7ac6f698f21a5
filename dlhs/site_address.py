"""The site's public address (SITE_URL) in the default Wagtail Site, and a check on it.

Wagtail builds every absolute page address (canonical links, og:url, the sitemap, JSON-LD)
from the Site record, not from the request, so a Site left at its migration default sends
visitors and crawlers to an address nobody serves. SITE_URL is the configuration; `migrate`
writes it into the default Site each time, so the record cannot drift from it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError
from django.http.request import validate_host


def site_host_and_port(url):
    parts = urlsplit(url)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def apply_site_url(using, verbosity=1, **kwargs):
    """post_migrate: point the default Site at SITE_URL (when it is set)."""
    # The real model, not the migration state's: its signals empty Wagtail's cache of site
    # roots and the page cache.
    from wagtail.models import Site

    if not settings.SITE_URL:
        return
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return
    hostname, port = site_host_and_port(settings.SITE_URL)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(using=using, update_fields=["hostname", "port"])
        if verbosity:
            print(f"  The default site's address is now {settings.SITE_URL} (SITE_URL).")


@register(Tags.security, deploy=True)
def default_site_host_is_allowed(app_configs, **kwargs):
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return []  # not migrated yet: nothing to compare
    if site is None or validate_host(site.hostname, settings.ALLOWED_HOSTS):
        return []
    return [
        Warning(
            f"The default Site's hostname {site.hostname!r} is not in ALLOWED_HOSTS, so links "
            "in e-mails, canonical links and the sitemap point at an address this site refuses.",
            hint="Set SITE_URL to the public address, run migrate, and list its host in "
            "ALLOWED_HOSTS.",
            id="dlhs.W001",
        )
    ]
