"""Security pieces shared by the whole site: client address, headers, sign-in throttling."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


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


class RateLimit:
    """At most ``limit`` events per visitor address per ``window`` seconds.

    Counts live in Django's cache (Redis in production, so every worker shares them); the
    address is hashed so no visitor's IP is kept in the cache.

    A limit fails open: while the cache is unavailable nothing is counted and nothing is
    refused (the cache backend logs the outage). Every limit here guards cost, not secrets
    (the alumni form keeps its honeypot, search its length limits), so refusing everyone
    during an outage would be worse than letting a few more requests through.
    """

    def __init__(self, scope, limit, window):
        self.scope, self.limit, self.window = scope, limit, window

    def key(self, request):
        digest = salted_hmac(f"rate-limit:{self.scope}", client_ip(request)).hexdigest()[:32]
        return f"rate-limit:{self.scope}:{digest}"

    def exceeded(self, request):
        return cache.get(self.key(request), 0) >= self.limit

    def record(self, request):
        key = self.key(request)
        cache.add(key, 0, self.window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, self.window)

    def reset(self, request):
        cache.delete(self.key(request))


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
