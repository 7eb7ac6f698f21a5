"""Owners and review dates (dlhs/page_review.py): defaults on publishing, the review form and
"Mark reviewed", the dashboard panel, and the weekly reminder through the task queue."""

import datetime

import pytest
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision

from dlhs import page_review, tasks
from dlhs.models import PageReview
from dlhs.schedule import PERIODIC_JOBS
from pages.models import StandardPage
from tests import factories

from .conftest import member_of

pytestmark = pytest.mark.django_db


def draft_page(home, title="Contact us"):
    page = StandardPage(title=title, slug=title.lower().replace(" ", "-"), live=False)
    home.add_child(instance=page)
    return page


def due(review, days_ago):
    PageReview.objects.filter(pk=review.pk).update(
        review_by=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


def test_publishing_names_the_publisher_and_a_date_twelve_months_on(home, editor, moderator):
    page = draft_page(home)
    page.save_revision(user=editor).publish(user=moderator)

    review = PageReview.objects.get(page=page)
    assert review.owner == editor
    assert review.review_by == timezone.localdate() + relativedelta(months=12)


def test_a_page_type_may_set_its_own_interval(home, editor, monkeypatch):
    monkeypatch.setattr(StandardPage, "review_interval", relativedelta(months=3), raising=False)
    page = draft_page(home)
    page.save_revision(user=editor).publish()

    assert PageReview.objects.get(page=page).review_by == timezone.localdate() + relativedelta(
        months=3
    )


def test_publishing_again_keeps_the_date_an_editor_chose(home, editor):
    page = draft_page(home)
    page.save_revision(user=editor).publish()
    chosen = timezone.localdate() + datetime.timedelta(days=40)
    PageReview.objects.filter(page=page).update(review_by=chosen)

    page.save_revision(user=editor).publish()

    assert PageReview.objects.get(page=page).review_by == chosen


def test_live_pages_without_a_review_get_one_from_their_last_publication(home):
    page = factories.StandardPageFactory(parent=home)
    published = timezone.now() - datetime.timedelta(days=400)
    Page.objects.filter(pk=page.pk).update(last_published_at=published)
    PageReview.objects.all().delete()

    page_review.start_missing_reviews()

    review = PageReview.objects.get(page=page)
    assert review.review_by == timezone.localdate(published) + relativedelta(months=12)
    assert review.is_overdue


class TestReviewForm:
    def test_mark_reviewed_sets_the_next_date_without_a_revision(self, client, home, editor):
        page = draft_page(home)
        page.save_revision(user=editor).publish()
        due(PageReview.objects.get(page=page), days_ago=10)
        revisions = Revision.objects.count()
        client.force_login(editor)

        response = client.post(reverse("page_review", args=[page.pk]), {"mark_reviewed": "1"})

        assert response.status_code == 302
        review = PageReview.objects.get(page=page)
        assert review.review_by == timezone.localdate() + relativedelta(months=12)
        assert review.last_reviewed_by == editor
        assert Revision.objects.count() == revisions
        assert PageLogEntry.objects.filter(page=page, action="dlhs.page_reviewed").count() == 1
        page.refresh_from_db()
        assert not page.has_unpublished_changes

    def test_editors_choose_the_owner_and_date(self, client, home, editor, moderator):
        page = draft_page(home)
        page.save_revision(user=editor).publish()
        client.force_login(editor)
        form_url = reverse("page_review", args=[page.pk])
        html = client.get(form_url).content.decode()
        assert "Mark reviewed" in html

        response = client.post(form_url, {"owner": moderator.pk, "review_by": "2031-05-01"})

        assert response.status_code == 302
        review = PageReview.objects.get(page=page)
        assert (review.owner, review.review_by) == (moderator, datetime.date(2031, 5, 1))

    def test_a_bad_date_is_a_form_error(self, client, home, editor):
        page = draft_page(home)
        page.save_revision(user=editor).publish()
        client.force_login(editor)

        response = client.post(
            reverse("page_review", args=[page.pk]), {"owner": "", "review_by": "next tuesday"}
        )

        assert response.status_code == 200
        assert "Enter a valid date" in response.content.decode()

    def test_the_editor_header_offers_the_form(self, client, home, editor):
        page = draft_page(home)
        client.force_login(editor)

        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

        assert reverse("page_review", args=[page.pk]) in html


def dashboard(client, user):
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content
    panel = BeautifulSoup(html, "html.parser").find(id="pages-due-for-review-section")
    return panel.get_text(" ", strip=True)


class TestDashboard:
    def test_each_owner_sees_their_pages_and_moderators_all_overdue(
        self, client, home, editor, moderator, django_user_model
    ):
        other = member_of("Editors", "other", django_user_model)
        mine = draft_page(home, "Mine overdue")
        theirs = draft_page(home, "Theirs overdue")
        later = draft_page(home, "Mine later")
        for page, owner in ((mine, editor), (theirs, other), (later, editor)):
            page.save_revision(user=owner).publish()
        due(PageReview.objects.get(page=mine), days_ago=3)
        due(PageReview.objects.get(page=theirs), days_ago=30)

        text = dashboard(client, editor)
        assert "Mine overdue" in text
        assert "Theirs overdue" not in text
        assert "Mine later" not in text
        assert "All overdue pages" not in text

        text = dashboard(client, moderator)
        overdue = text[text.index("All overdue pages") :]
        assert overdue.index("Theirs overdue") < overdue.index("Mine overdue")
        assert "Mine later" not in overdue

    def test_queries_do_not_grow_with_the_number_of_pages(self, client, home, moderator):
        def add_overdue(count):
            for _ in range(count):
                page = draft_page(home, f"Page {PageReview.objects.count()}")
                page.save_revision(user=moderator).publish()
                due(PageReview.objects.get(page=page), days_ago=5)

        def dashboard_queries():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("wagtailadmin_home")).status_code == 200
            return len(queries)

        client.force_login(moderator)
        add_overdue(2)
        dashboard_queries()  # the first view fills caches (content types, site root)
        few = dashboard_queries()
        add_overdue(5)

        assert dashboard_queries() == few


def test_weekly_reminders_reach_each_owner_through_the_queue(home, editor, moderator):
    for title, owner, days_ago in (
        ("Editor one", editor, 1),
        ("Editor two", editor, -10),
        ("Moderator one", moderator, 100),
        ("Not yet", moderator, -200),
    ):
        page = draft_page(home, title)
        page.save_revision(user=owner).publish()
        due(PageReview.objects.get(page=page), days_ago=days_ago)

    result = tasks.send_review_reminders.enqueue()

    assert result.return_value == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {editor.email, moderator.email}
    editor_mail = by_recipient[editor.email].body
    assert "Editor one: overdue since" in editor_mail
    assert "Editor two: due by" in editor_mail
    assert "Moderator one" not in editor_mail
    assert "Not yet" not in by_recipient[moderator.email].body
    assert "http://testserver/admin/pages/" in editor_mail


def test_bad_addresses_and_values_are_answered_plainly(client, home, editor):
    page = draft_page(home)
    page.save_revision(user=editor).publish()
    client.force_login(editor)

    assert client.get(reverse("page_review", args=[10**30])).status_code == 404
    response = client.post(
        reverse("page_review", args=[page.pk]), {"owner": str(10**30), "review_by": "2030-01-01"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("task_name", ["send_review_reminders", "check_links"])
def test_reminders_and_the_link_check_run_weekly(task_name):
    job = next(job for job in PERIODIC_JOBS if job.task.name == task_name)

    first = job.next_run()
    assert job.next_run(first + datetime.timedelta(seconds=1)) - first == datetime.timedelta(days=7)
