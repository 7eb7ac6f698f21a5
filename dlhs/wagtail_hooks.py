"""Admin customisation that belongs to the whole site: checks, dashboard, submissions access,
sign-in lockouts, page reviews and broken links."""

from axes.models import AccessAttempt
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from dlhs import accessibility
from dlhs.accounts import views as account_views
from dlhs.cache import bump_generation
from dlhs.editorial import can_see_form_submissions
from dlhs.lockouts import LockoutPermissionPolicy, LockoutViewSet
from dlhs.page_review import PAGE_REVIEWED
from dlhs.review_admin import (
    BrokenLinksReport,
    ReviewDuePanel,
    broken_links_menu_item,
    page_review_button,
    page_review_view,
)
from dlhs.rich_text import ShownPageLinkHandler
from dlhs.task_report import (
    BackgroundTasksReport,
    SilentWorkerPanel,
    background_tasks_menu_item,
    is_moderator,
)


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
    panels.append(ReviewDuePanel(request.user))
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


@hooks.register("before_edit_page")
def list_accessibility_problems_in_editor(request, page):
    """In moderation, the editor of a page says what the accessibility check still finds."""
    if request.method == "GET" and (found := accessibility.problems_in_moderation(page)):
        messages.warning(request, accessibility.problems_message(found))


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def list_accessibility_problems_on_submission(request, page):
    """Submitting (or "Check and approve" in the editor) says at once what stops the page."""
    acted = "action-submit" in request.POST or "action-workflow-action" in request.POST
    if acted and (found := accessibility.problems_in_moderation(page)):
        messages.warning(request, accessibility.problems_message(found))


@hooks.register("before_publish_page")
def hold_a_page_with_accessibility_problems(request, page):
    """Publishing from the editor passes the workflow's check; the draft is kept either way."""
    if found := accessibility.problems_before_publishing(page):
        if page.live and page.live_revision_id is None:
            # A new page: Wagtail's create view adds it as live just before publishing it.
            Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
            bump_generation()  # a listing cached in that moment must not keep it
        messages.error(request, accessibility.problems_message(found, accessibility.NOT_PUBLISHED))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def hold_bulk_publishing_with_accessibility_problems(request, action_type, objects, action):
    """Publishing from a page listing passes the same check, on the revisions that would go live."""
    if action_type != "publish":
        return None
    pages = [page for page in objects if isinstance(page, Page)]
    if action.get_execution_context().get("include_descendants"):
        # Wagtail then publishes the drafts below each page too (those not live yet).
        pages += [
            descendant
            for page in pages
            for descendant in page.get_descendants().not_live().specific()
        ]
    held = []
    for page in pages:
        revision = page.get_latest_revision()
        if accessibility.problems_before_publishing(revision.as_object() if revision else page):
            held.append(page.get_admin_display_title())
    if not held:
        return None
    messages.error(
        request,
        format_html(
            "Nothing was published: the accessibility check finds problems in {}. Open each "
            "page to see what to fix.",
            ", ".join(f"“{title}”" for title in held),
        ),
    )
    return redirect(action.next_url)


@hooks.register("register_admin_urls")
def page_review_and_broken_links_urls():
    report = BrokenLinksReport
    return [
        path("pages/<int:page_id>/review/", page_review_view, name="page_review"),
        path("reports/broken-links/", report.as_view(), name="broken_links_report"),
        path(
            "reports/broken-links/results/",
            report.as_view(results_only=True),
            name="broken_links_report_results",
        ),
    ]


hooks.register("register_reports_menu_item", broken_links_menu_item)


@hooks.register("register_log_actions")
def register_page_reviewed_action(actions):
    actions.register_action(PAGE_REVIEWED, "Mark reviewed", "Marked reviewed")


hooks.register("register_page_header_buttons", page_review_button)


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
