"""What editors see of owners, review dates and broken links: the dashboard panel, the
page's review form (from the page's header menu), Reports → Broken links, and the warning
in the page editor."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button
from wagtail.models import Page

from dlhs import page_review
from dlhs.models import BrokenLink, PageReview
from dlhs.task_report import is_moderator


def admin_users():
    """Who may answer for a page: active users who can sign in to the admin."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="access_admin",
                groups__permissions__content_type__app_label="wagtailadmin",
            )
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class PageReviewForm(forms.ModelForm):
    owner = OwnerChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Responsible person",
        help_text="Reminded by e-mail when the page is due for review.",
    )

    class Meta:
        model = PageReview
        fields = ["owner", "review_by"]
        widgets = {"review_by": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = admin_users()


def page_review_for(page):
    review = PageReview.objects.filter(page=page).first()
    if review is None:
        review = PageReview(
            page=page, owner_id=page.owner_id, review_by=page_review.next_review_date(page)
        )
    return review


def page_review_view(request, page_id):
    """The page's owner and review date, "Mark reviewed", and its broken links."""
    page = get_object_or_404(Page, pk=page_id).specific_deferred
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    review = page_review_for(page)
    form = PageReviewForm(instance=review)
    if request.method == "POST":
        if "mark_reviewed" in request.POST:
            if review.pk is None or review._state.adding:
                review.save()
            page_review.mark_reviewed(review, request.user)
            messages.success(
                request, f"Marked reviewed; next review by {review.review_by:%-d %B %Y}."
            )
            return redirect("page_review", page.pk)
        form = PageReviewForm(request.POST, instance=review)
        if form.is_valid():
            form.save()
            messages.success(request, "Responsible person and review date saved.")
            return redirect("page_review", page.pk)
    return TemplateResponse(
        request,
        "dlhs/page_review.html",
        {
            "page": page,
            "review": review,
            "form": form,
            "broken_links": BrokenLink.objects.on_page(page),
        },
    )


def page_review_button(page, user, view_name=None, next_url=None):
    if page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield Button(
            "Owner, review and links",
            reverse("page_review", args=[page.pk]),
            icon_name="calendar-check",
            priority=62,
        )


class ReviewDuePanel(Component):
    """The dashboard's review list: the user's own pages due (or soon due) for review and,
    for Moderators, every overdue page. It replaced "Pages not updated for 12 months"."""

    name = "pages_due_for_review"
    template_name = "wagtailadmin/home/pages_due_for_review.html"
    order = 260
    limit = 10

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        page_review.start_missing_reviews()
        today = timezone.localdate()
        own = PageReview.objects.due_by(page_review.due_soon_date(today)).owned_by(self.user)
        context = {
            "today": today,
            "own_reviews": list(own[: self.limit]),
            "own_count": own.count(),
            "is_moderator": is_moderator(self.user),
        }
        if context["is_moderator"]:
            overdue = PageReview.objects.overdue(today)
            context["overdue_reviews"] = list(overdue[: self.limit])
            context["overdue_count"] = overdue.count()
        return context


class BrokenLinkFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=BrokenLink.Kind.choices, empty_label="Any")

    class Meta:
        model = BrokenLink
        fields = ["kind"]


def source_title(link):
    return link.page.get_admin_display_title() if link.page_id else "Department settings"


def source_url(link):
    if link.page_id:
        return reverse("wagtailadmin_pages:edit", args=[link.page_id])
    return reverse("wagtailsettings:edit", args=["dlhs", "sitesettings"])


class BrokenLinksReport(ReportView):
    """Reports → Broken links: what the weekly check (and unpublished or deleted pages)
    left broken, redirected or unchecked in published content."""

    page_title = "Broken links"
    header_icon = "link"
    index_url_name = "broken_links_report"
    index_results_url_name = "broken_links_report_results"
    filterset_class = BrokenLinkFilterSet
    model = BrokenLink
    paginate_by = 50
    # Every admin user may see it; each row leads to the page or settings to fix it.
    permission_policy = None
    columns = [
        TitleColumn("page", label="Page", accessor=source_title, get_url=source_url, width="22%"),
        Column("place", label="Where"),
        Column("text", label="Link text"),
        Column("address", label="Address"),
        Column("kind", label="Status", accessor="get_kind_display"),
        Column("problem", label="What went wrong"),
        DateColumn("first_seen_at", label="Since"),
    ]
    list_export = ["page", "place", "text", "address", "kind", "problem", "first_seen_at"]

    def get_queryset(self):
        return BrokenLink.objects.for_report()


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


def broken_links_menu_item():
    return BrokenLinksMenuItem(
        "Broken links",
        reverse("broken_links_report"),
        name="broken-links",
        icon_name="link",
        order=1050,
    )
