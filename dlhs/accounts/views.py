"""The pages of two-factor sign-in: the code page, enrolment, recovery codes, and Moderators'
overview with its reset."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from dlhs import throttle
from dlhs.accounts import two_factor
from dlhs.accounts.forms import EnrolmentForm, SecondFactorForm
from dlhs.editorial import EDITORS, MODERATORS, NEWS_EDITORS
from dlhs.task_report import is_moderator


def next_url(request):
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("wagtailadmin_home")


@never_cache
@login_required
def verify(request):
    """Ask for the code from the authenticator app, or a recovery code."""
    user = request.user
    if two_factor.passed_second_factor(request) or not any(devices_for_user(user)):
        return redirect(next_url(request))
    account = two_factor.second_factor_account(user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if throttle.refused(request, account):
            return throttle.lockout_response(request)
        device = match_token(user, form.cleaned_data["code"])
        if device is None:
            if throttle.count_attempt(request, account):
                return throttle.lockout_response(request)
            form.add_error("code", "That code is not right, or it has been used already.")
        else:
            otp_login(request, device)
            response = redirect(next_url(request))
            if isinstance(device, StaticDevice):
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You signed in with a recovery code; {left} left. Make a new set under "
                    "Account → Two-factor sign-in if you are running out.",
                )
            elif form.cleaned_data.get("remember"):
                two_factor.remember_browser(response, request, device)
            return response
    return render(
        request, "dlhs/accounts/verify.html", {"form": form, "next": request.GET.get("next", "")}
    )


@never_cache
@login_required
def enrol(request):
    """Set up an authenticator app: a QR code to scan, then one code to prove it works.

    Anyone with a working second factor must pass it first, so a stolen password alone can
    never replace the authenticator.
    """
    user = request.user
    if two_factor.has_second_factor(user) and not user.is_verified():
        return redirect(reverse("two_factor_verify"))
    device = two_factor.pending_authenticator(user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account = two_factor.second_factor_account(user)
        if throttle.refused(request, account):
            return throttle.lockout_response(request)
        if device.verify_token(form.cleaned_data["code"]):
            codes = two_factor.confirm_authenticator(device)
            otp_login(request, device)
            return render(
                request,
                "dlhs/accounts/recovery_codes.html",
                {"codes": codes, "next": next_url(request), "enrolled": True},
            )
        if throttle.count_attempt(request, account):
            return throttle.lockout_response(request)
        form.add_error("code", "That code is not right. Check the app shows this account.")
    qr_code = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", omitsize=False
    )
    return render(
        request,
        "dlhs/accounts/enrol.html",
        {
            "form": form,
            "qr_code": qr_code,
            "manual_key": two_factor.manual_entry_key(device),
            "required": two_factor.must_have_second_factor(user),
            "next": request.GET.get("next", ""),
        },
    )


@never_cache
@login_required
def account_second_factor(request):
    """Account → Two-factor sign-in: status, new recovery codes, enrolling a new app."""
    user = request.user
    if request.method == "POST":
        codes = two_factor.new_recovery_codes(user)
        return render(
            request,
            "dlhs/accounts/recovery_codes.html",
            {"codes": codes, "next": reverse("two_factor_account"), "enrolled": False},
        )
    return render(
        request,
        "dlhs/accounts/account.html",
        {
            "enrolled": two_factor.has_second_factor(user),
            "required": two_factor.must_have_second_factor(user),
            "codes_left": two_factor.recovery_codes_left(user),
        },
    )


def editorial_accounts():
    """Everyone who can reach the admin through a group or as a superuser, with their status."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True) | Q(groups__name__in=[EDITORS, MODERATORS, NEWS_EDITORS])
        )
        .distinct()
        .annotate(
            has_authenticator=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
        .order_by("username")
    )


def may_reset(moderator, colleague):
    # Only a superuser may reset a superuser's second factor.
    return is_moderator(moderator) and (moderator.is_superuser or not colleague.is_superuser)


def overview(request):
    """Settings → Two-factor sign-in: who has a second factor; Moderators reset a colleague's."""
    if not is_moderator(request.user):
        raise PermissionDenied
    accounts = list(editorial_accounts())
    for account in accounts:
        account.may_reset = may_reset(request.user, account) and account.pk != request.user.pk
    return render(
        request,
        "dlhs/accounts/overview.html",
        {"accounts": accounts, "required": settings.TWO_FACTOR_REQUIRED},
    )


@require_POST
def reset(request, user_id):
    colleague = get_object_or_404(get_user_model(), pk=user_id)
    if not may_reset(request.user, colleague) or colleague.pk == request.user.pk:
        raise PermissionDenied
    two_factor.reset_second_factor(colleague)
    messages.success(
        request,
        f"The second factor of {colleague.get_username()} is reset: they set up an "
        "authenticator app again at their next sign-in.",
    )
    return redirect("two_factor_overview")
