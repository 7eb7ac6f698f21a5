"""Site-wide views that belong to no single content app."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from wagtail.admin.views.account import LoginView

from dlhs.background import worker_is_alive
from dlhs.security import RateLimit

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """200 "ok" when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database did not answer", exc_info=True)
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
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


class ThrottledLoginView(LoginView):
    """Wagtail's sign-in, refusing further tries from an address after repeated failures."""

    locked_message = (
        "Too many failed sign-in attempts. For your account's safety, signing in from here is "
        "paused; try again in {minutes} minutes."
    )

    @property
    def failures(self):
        return RateLimit(
            "login-failures", settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_LOCKOUT_SECONDS
        )

    def post(self, request, *args, **kwargs):
        if self.failures.exceeded(request):
            # Refuse before the password is checked: a locked address learns nothing.
            form = self.get_form_class()(request)
            context = self.get_context_data(form=form)
            context["locked_message"] = self.locked_message.format(
                minutes=settings.LOGIN_LOCKOUT_SECONDS // 60
            )
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        self.failures.record(self.request)
        return super().form_invalid(form)

    def form_valid(self, form):
        self.failures.reset(self.request)
        return super().form_valid(form)
