"""Sign-in throttling: one budget of failed attempts per account and per client address.

django-axes does the counting, in the database (its AccessAttempt rows), so every worker
sees the same counts and a Redis outage cannot lift a lockout. Its authentication backend
refuses a locked account or address inside ``authenticate()``, before any password is
checked, so every login view is covered: the admin's, Wagtail's login for private pages, and
any added later. Two checks of a secret that do not call ``authenticate()`` — a page's view
password and a password-reset request — use the same counts through ``refused`` and
``count_attempt``, with an "account" of their own (the restriction, the e-mail address).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render


class AttemptHandler(AxesDatabaseHandler):
    """Axes' database handler, except for what a successful sign-in forgives.

    Axes would delete every failure from the signed-in client's address, so anyone with an
    account of their own could wipe their guesses at someone else's by signing in now and
    then. Only the signed-in account's own failures from this address are forgiven.
    """

    def reset_user_attempts(self, request, credentials=None):
        deleted, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return deleted


def page_password_account(restriction_id):
    return f"page password #{restriction_id}"


def password_reset_account(email):
    # Django matches reset addresses case-insensitively; so must the count.
    return f"password reset {email.strip().lower()}"


def refused(request, account):
    """Is this account, or the client's address, locked out now?"""
    return not AxesProxyHandler.is_allowed(request, {"username": account})


def count_attempt(request, account):
    """Count one attempt against the account and the address; True if that locks them."""
    AxesProxyHandler.user_login_failed(
        sender=count_attempt, credentials={"username": account}, request=request
    )
    return bool(request.axes_locked_out)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out attempt gets (axes' AXES_LOCKOUT_CALLABLE): 429 and when to retry."""
    if getattr(original_response, "is_lockout", False):
        return original_response  # a throttled view has answered already
    response = render(
        request,
        "dlhs/locked_out.html",
        {"minutes": max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)},
        status=429,
    )
    response["Retry-After"] = str(settings.LOGIN_LOCKOUT_SECONDS)
    response.is_lockout = True
    return response
