"""Security pieces shared by the whole site: client address, headers, sign-in throttling."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from wagtail.admin.views.account import LoginView


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the address the trusted proxies saw.

    With TRUSTED_PROXY_COUNT = N, the N-th address from the right of X-Forwarded-For is the
    one our own outermost proxy received the request from; anything further left is
    whatever the client chose to send and cannot be trusted.
    """
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict public policy everywhere but the Wagtail admin, which needs inline scripts."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            return PolicyParts(
                config=settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"],
                update=parts.update,
                replace=parts.replace,
                nonce=parts.nonce,
            )
        return parts


class SecurityHeadersMiddleware:
    """Turn off browser features no page uses; let the admin frame its own previews.

    It sits after XFrameOptionsMiddleware in MIDDLEWARE, so it sees the response first and
    the X-Frame-Options it sets for the admin is kept (everything else gets DENY).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


class ThrottledLoginView(LoginView):
    """Wagtail's sign-in, refusing further tries from an address after repeated failures."""

    locked_message = (
        "Too many failed sign-in attempts. For your account's safety, signing in from here is "
        "paused; try again in {minutes} minutes."
    )

    def failures_key(self):
        address = client_ip(self.request)
        return "login-failures:" + salted_hmac("login-failures", address).hexdigest()

    def is_locked(self):
        return cache.get(self.failures_key(), 0) >= settings.LOGIN_FAILURE_LIMIT

    def post(self, request, *args, **kwargs):
        if self.is_locked():
            # Refuse before the password is checked: a locked address learns nothing.
            form = self.get_form_class()(request)
            context = self.get_context_data(form=form)
            context["locked_message"] = self.locked_message.format(
                minutes=settings.LOGIN_LOCKOUT_SECONDS // 60
            )
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        key = self.failures_key()
        cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(self.failures_key())
        return super().form_valid(form)
