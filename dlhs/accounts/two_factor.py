"""Two-factor sign-in for editors: an authenticator app (TOTP) and single-use recovery codes.

django-otp keeps the devices (its TOTP and static plugins) and remembers in the session which
device verified it. This module adds the department's policy on top:

- who must have a second factor: Moderators and superusers while TWO_FACTOR_REQUIRED is on;
  anyone else may enrol, and once enrolled is always asked;
- ``SecondFactorMiddleware``: a signed-in session that has not passed its second factor gets
  nowhere but the code page (or enrolment, for those who must and have none), whichever login
  view signed it in (the admin's, Wagtail's page login, single sign-on);
- a university sign-in whose provider reports it as multi-factor (OIDC_MFA_VALUES, read from
  the signed ID token) counts as the second factor for that session; any later sign-in in the
  same session proves its own;
- "remember this browser": a signed cookie naming the device, valid for at most
  TWO_FACTOR_REMEMBER_DAYS; resetting or replacing the device makes every such cookie void;
- wrong codes count against the sign-in throttle (dlhs/throttle.py) as well as django-otp's own
  growing delay per device.
"""

import base64

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core import signing
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dlhs.editorial import MODERATORS

PASSED_AT_PROVIDER = "dlhs_second_factor_at_provider"
REMEMBER_COOKIE = "dlhs_second_factor"
REMEMBER_SALT = "dlhs.two_factor.remember"
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


def must_have_second_factor(user):
    if not settings.TWO_FACTOR_REQUIRED or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


def has_second_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_account(user):
    """The sign-in throttle's account for this user's codes (apart from their password's, whose
    budget a correct password forgives)."""
    return f"second factor {user.get_username()}"


def pending_authenticator(user):
    """The unconfirmed authenticator being enrolled, made on first need."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def manual_entry_key(device):
    """The secret as authenticator apps let one type it: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def confirm_authenticator(device):
    """Make ``device`` the user's authenticator (replacing any other); new recovery codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


def new_recovery_codes(user):
    """A fresh set of single-use recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME)
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def reset_second_factor(user):
    """Forget every device of ``user`` (a Moderator's reset): they enrol again at next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


# --- Remember this browser ------------------------------------------------------------------


def remember_browser(response, request, device):
    days = settings.TWO_FACTOR_REMEMBER_DAYS
    if not days:
        return
    value = signing.dumps(
        {"user": request.user.pk, "device": device.persistent_id}, salt=REMEMBER_SALT
    )
    response.set_cookie(
        REMEMBER_COOKIE,
        value,
        max_age=days * 24 * 3600,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def remembered_device(request):
    """The device a valid "remember this browser" cookie names for this user, or None."""
    value = request.COOKIES.get(REMEMBER_COOKIE)
    days = settings.TWO_FACTOR_REMEMBER_DAYS
    if not value or not days:
        return None
    try:
        remembered = signing.loads(value, salt=REMEMBER_SALT, max_age=days * 24 * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(remembered, dict) or remembered.get("user") != request.user.pk:
        return None
    device = Device.from_persistent_id(str(remembered.get("device", "")))
    if device is None or device.user_id != request.user.pk or not device.confirmed:
        return None
    # Recovery codes are used up one by one; only the authenticator is remembered.
    return device if isinstance(device, TOTPDevice) else None


# --- The gate -------------------------------------------------------------------------------


def passed_at_provider(request):
    """The university's provider reported this sign-in as multi-factor (OIDC_MFA_VALUES)."""
    request.session[PASSED_AT_PROVIDER] = True


@receiver(user_logged_in)
def forget_the_providers_word(sender, request, user, **kwargs):
    """Each sign-in proves its own second factor: the session keeps data across a login."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(PASSED_AT_PROVIDER, None)


def passed_second_factor(request):
    return request.user.is_verified() or request.session.get(PASSED_AT_PROVIDER, False)


def exempt_paths():
    return {
        reverse("two_factor_verify"),
        reverse("two_factor_enrol"),
        reverse("wagtailadmin_logout"),
        # What the sign-in steps' own pages load: the admin's icons (which its script inserts
        # into the page, so a redirect would insert a whole second page) and translations.
        reverse("wagtailadmin_sprite"),
        reverse("wagtailadmin_javascript_catalog"),
    }


def is_exempt(path):
    if path in exempt_paths():
        return True
    static_prefixes = [settings.STATIC_URL, settings.MEDIA_URL, "/healthz"]
    return any(prefix and path.startswith(prefix) for prefix in static_prefixes)


class SecondFactorMiddleware:
    """Lets a signed-in session in only once its second factor is verified (when it needs one).

    After django-otp's OTPMiddleware, which gives ``request.user.is_verified()``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not passed_second_factor(request)
            and not is_exempt(request.path)
        ):
            if device := remembered_device(request):
                otp_login(request, device)
            elif any(devices_for_user(user)):
                return redirect_with_next(request, "two_factor_verify")
            elif must_have_second_factor(user):
                return redirect_with_next(request, "two_factor_enrol")
        return self.get_response(request)


def redirect_with_next(request, view_name):
    next_url = request.get_full_path() if request.method == "GET" else ""
    url = reverse(view_name)
    return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)
