"""Sign-in lockouts in the Wagtail admin: Moderators see who is locked out and lift it.

The rows are django-axes' AccessAttempt records (one per account, address and browser that
failed recently; dlhs/throttle.py explains the counting). Lifting one forgets every recent
failure of its account and of its address, so both may try again at once. Nobody creates or
edits attempts by hand.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """Attempts can be seen and lifted (deleted) by those with the permission; never made."""

    def user_has_permission(self, user, action):
        return action in {"view", "delete"} and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def recent_attempts():
    """Attempts that still count: the last failure is within the lockout time."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=since)


def failures_by(field):
    return Subquery(
        recent_attempts()
        .filter(**{field: OuterRef(field)})
        .values(field)
        .annotate(total=Sum("failures_since_start"))
        .values("total")[:1]
    )


def lock_status(attempt):
    locked = [
        name
        for name, failures in (
            ("account", attempt.account_failures),
            ("address", attempt.address_failures),
        )
        if (failures or 0) >= settings.AXES_FAILURE_LIMIT
    ]
    return f"Locked: {' and '.join(locked)}" if locked else "Not locked"


class LockoutIndexView(generic.IndexView):
    def get_base_queryset(self):
        return recent_attempts().annotate(
            account_failures=failures_by("username"),
            address_failures=failures_by("ip_address"),
        )


class LiftLockoutView(generic.DeleteView):
    page_title = "Lift lockout"

    def get_page_subtitle(self):
        return f"{self.object.username} from {self.object.ip_address}"

    @property
    def confirmation_message(self):
        return (
            f"Forget the recent failed attempts of “{self.object.username}” and of the address "
            f"{self.object.ip_address}? Both may try again at once."
        )

    def get_success_message(self):
        return f"Lockout of “{self.object.username}” and {self.object.ip_address} lifted."

    def delete_action(self):
        AxesProxyHandler.reset_attempts(
            username=self.object.username,
            ip_address=self.object.ip_address,
            ip_or_username=True,
        )


class LockoutViewSet(ModelViewSet):
    """Settings → Sign-in lockouts."""

    model = AccessAttempt
    name = "lockouts"
    icon = "lock"
    menu_label = "Sign-in lockouts"
    add_to_settings_menu = True
    index_view_class = LockoutIndexView
    delete_view_class = LiftLockoutView
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = ["username"]  # required by ModelViewSet; the policy forbids editing
    ordering = ["-attempt_time"]
    list_display = [
        Column("username", label="Account (user name, page password or reset address)"),
        Column("ip_address", label="Client address"),
        Column("failures_since_start", label="Failures"),
        DateColumn("attempt_time", label="Last failure"),
        Column("status", label="Status", accessor=lock_status),
    ]
