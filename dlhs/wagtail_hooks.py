"""Admin customisation that belongs to the whole site: checks, dashboard, submissions access,
sign-in lockouts."""

import datetime

from axes.models import AccessAttempt
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from dlhs.accounts import views as account_views
from dlhs.editorial import can_see_form_submissions
from dlhs.lockouts import LockoutPermissionPolicy, LockoutViewSet
from dlhs.rich_text import ShownPageLinkHandler
from dlhs.task_report import (
    BackgroundTasksReport,
    SilentWorkerPanel,
    background_tasks_menu_item,
    is_moderator,
)

STALE_AFTER = datetime.timedelta(days=365)


class DepartmentContentChecker(ContentCheckerItem):
    """Wagtail's content checks plus the WCAG rules editors can break from the editor."""

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "image-redundant-alt",
        "link-in-text-block",
        "list",
        "listitem",
        "table-fake-caption",
        "th-has-data-cells",
        "video-caption",
        "frame-title-unique",
    ]


register_permission_policy(AccessAttempt, LockoutPermissionPolicy(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_lockouts():
    return LockoutViewSet()


# order=1: after Wagtail's own hook (order 0), so this handler replaces its "page" link type.
@hooks.register("register_rich_text_features", order=1)
def hide_rich_text_links_to_pages_visitors_cannot_see(features):
    features.register_link_type(ShownPageLinkHandler)


@hooks.register("construct_wagtail_userbar")
def use_department_content_checks(request, items, page):
    for index, item in enumerate(items):
        if type(item) is not DepartmentContentChecker and isinstance(item, ContentCheckerItem):
            items[index] = DepartmentContentChecker(in_editor=item.in_editor)


@hooks.register("filter_form_submissions_for_user")
def only_moderators_read_submissions(user, editable_forms):
    # Alumni updates hold personal data: Editors write pages, Moderators handle submissions.
    return editable_forms if can_see_form_submissions(user) else editable_forms.none()


class StaleContentPanel(Component):
    """Live pages nobody has published for a year: candidates for a review."""

    name = "stale_content"
    template_name = "wagtailadmin/home/stale_content.html"
    order = 260
    limit = 10

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        cutoff = timezone.now() - STALE_AFTER
        editable = PagePermissionPolicy().instances_user_has_permission_for(
            parent_context["request"].user, "change"
        )
        stale = (
            Page.objects.live()
            .filter(pk__in=editable.values("pk"), depth__gt=1, last_published_at__lt=cutoff)
            .order_by("last_published_at")
        )
        context["stale_pages"] = list(stale[: self.limit])
        context["stale_count"] = stale.count()
        context["cutoff"] = cutoff
        return context


class LatestSubmissionsPanel(Component):
    name = "latest_submissions"
    template_name = "wagtailadmin/home/latest_submissions.html"
    order = 270
    limit = 5

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        forms = get_forms_for_user(self.user)
        context["submissions"] = list(
            FormSubmission.objects.filter(page__in=forms)
            .select_related("page")
            .order_by("-submit_time")[: self.limit]
        )
        return context


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    if is_moderator(request.user) and (warning := SilentWorkerPanel.if_needed()):
        panels.append(warning)
    panels.append(StaleContentPanel())
    if can_see_form_submissions(request.user):
        panels.append(LatestSubmissionsPanel(request.user))


@hooks.register("register_admin_urls")
def background_tasks_report_urls():
    view = BackgroundTasksReport
    return [
        path("reports/background-tasks/", view.as_view(), name="background_tasks_report"),
        path(
            "reports/background-tasks/results/",
            view.as_view(results_only=True),
            name="background_tasks_report_results",
        ),
    ]


hooks.register("register_reports_menu_item", background_tasks_menu_item)


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("account/two-factor/", account_views.account_second_factor, name="two_factor_account"),
        path("two-factor/", account_views.overview, name="two_factor_overview"),
        path("two-factor/<int:user_id>/reset/", account_views.reset, name="two_factor_reset"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_account"),
        "label": "Two-factor sign-in",
        "help_text": "Your authenticator app and recovery codes.",
    }


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_settings_menu_item")
def two_factor_overview_item():
    return ModeratorMenuItem(
        "Two-factor sign-in", reverse("two_factor_overview"), icon_name="key", order=910
    )
