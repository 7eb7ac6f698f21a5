"""Site-wide views that belong to no single content app."""

import logging
import os
import secrets
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from wagtail import views as wagtail_views
from wagtail.admin.views.account import PasswordResetView
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.models import Site

from dlhs import routing, throttle
from dlhs.background import worker_is_alive
from dlhs.cache import cached_fragment
from dlhs.csv_safety import FormulaSafeExportMixin
from dlhs.models import SiteSettings

logger = logging.getLogger(__name__)


def cache_answers():
    """True when a value written to the cache can be read back (a round trip to Redis).

    The key is this thread's own, so that concurrent checks never read each other's value.
    """
    key = f"healthz:{os.getpid()}:{threading.get_ident()}"
    token = secrets.token_hex(8)
    cache.set(key, token, timeout=30)
    return cache.get(key) == token


@never_cache
@require_safe
def healthz(request):
    """Whether this web process can serve pages.

    - 200 "ok": the database and the cache answer.
    - 200 "degraded: cache unavailable": the database answers, the cache (Redis) does not.
      The site still serves every page, uncached, so a load balancer must keep sending
      traffic here; the body tells monitoring that something needs attention.
    - 503 "database unavailable": nothing can be served.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database did not answer", exc_info=True)
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    if not cache_answers():
        return HttpResponse("degraded: cache unavailable", content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_safe
def healthz_worker(request):
    """200 when a background worker has been heard of within TASKS_WORKER_TIMEOUT_SECONDS,
    503 when none has (nothing publishes scheduled pages then). Separate from /healthz, so a
    load balancer does not take the web servers out of service when only the worker is down."""
    if settings.TASKS_BACKEND == "immediate":
        return HttpResponse("ok: tasks run in the web process", content_type="text/plain")
    try:
        alive = worker_is_alive()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    if not alive:
        return HttpResponse("no worker seen recently", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@cache_control(max_age=60 * 60, public=True)
def robots_txt(request):
    """Crawlers may index the site but not the admin or search results; here is the sitemap."""
    lines = [
        "User-agent: *",
        f"Disallow: {settings.ADMIN_URL_PREFIX}",
        "Disallow: /search/",
        "Disallow: /documents/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def share_site_and_settings(request):
    """Find the request's site and its settings in the fragment cache, not the database.

    Both change only when an editor saves them, which empties the cache like a publish. They
    are put where Wagtail's ``Site.find_for_request`` and ``SiteSettings.for_request`` look
    first, so routing, templates and metadata all use them without a query.
    """
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = cached_fragment(
            "site", lambda: Site.find_for_request(request), request.get_host(), request.get_port()
        )
    site = request._wagtail_site
    if site is None or hasattr(request, SiteSettings.get_cache_attr_name()):
        return
    site_settings = cached_fragment("site-settings", lambda: SiteSettings.for_site(site), site.pk)
    site_settings._request = request
    setattr(request, SiteSettings.get_cache_attr_name(), site_settings)


def serve_page(request, path):
    """Wagtail's view for page addresses, routed by ``dlhs.routing`` first (see there)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        share_site_and_settings(request)
        request._wagtail_route_for_request = routing.route_for_request(request, path)
    return wagtail_views.serve(request, path)


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, counting wrong passwords like failed sign-ins.

    The account is the restriction, so guessing one page's password from many addresses is
    stopped too; the address's budget is the one its sign-ins use.
    """
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    account = throttle.page_password_account(page_view_restriction_id)
    if throttle.refused(request, account):
        return throttle.lockout_response(request)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    # A right password redirects; the form shown again means a wrong one.
    if response.status_code == 200 and throttle.count_attempt(request, account):
        return throttle.lockout_response(request)
    return response


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset, where every request counts against the address and e-mail.

    A request is counted whether or not the address belongs to anyone (the answer must not
    tell), so nobody can flood an inbox or probe addresses from one place.
    """

    def post(self, request, *args, **kwargs):
        account = throttle.password_reset_account(request.POST.get("email", ""))
        if throttle.refused(request, account) or throttle.count_attempt(request, account):
            return throttle.lockout_response(request)
        return super().post(request, *args, **kwargs)


class FormulaSafeSubmissionsListView(FormulaSafeExportMixin, SubmissionsListView):
    """A form's submissions listing, whose CSV export is safe to open in a spreadsheet."""
