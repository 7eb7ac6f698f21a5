"""Staff pages: counts for Editors, addresses and announcements for Moderators only."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from dlhs import editorial
from subscriptions.models import Mailing, Subscriber
from tests.subscriptions.conftest import html_of, text_of, unsubscribe_path

pytestmark = pytest.mark.django_db


def member(group_name, username, django_user_model):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.edu", password="pw"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    return member(editorial.EDITORS, "editor", django_user_model)


@pytest.fixture
def moderator(django_user_model):
    return member(editorial.MODERATORS, "moderator", django_user_model)


@pytest.fixture
def subscribers(confirmed, news, smtp):
    confirmed("alumna@example.edu", ["alumni-news"])
    confirmed("=1+2@example.edu", ["alumni-news", "department-news"])
    confirmed("staff@example.edu", ["department-news"])
    news("Alumna wins award", tags=["alumni"])
    smtp.clear()


def test_editors_see_counts_per_topic_but_no_addresses(editor, subscribers):
    response = editor.get("/admin/email-updates/")

    assert response.status_code == 200
    counts = {topic.slug: topic.subscriber_count for topic in response.context["topics"]}
    assert counts == {"alumni-news": 2, "department-news": 2, "events": 0}
    assert "alumna@example.edu" not in response.content.decode()
    for path in ["subscribers/", "subscribers.csv", "announcement/"]:
        refused = editor.get(f"/admin/email-updates/{path}")
        # Wagtail answers PermissionDenied with a redirect to the dashboard and a message.
        assert (refused.status_code, refused.get("Location")) == (302, "/admin/"), path


def test_editors_can_manage_topics(editor):
    assert editor.get("/admin/snippets/subscriptions/subscriptiontopic/").status_code == 200
    assert editor.get("/admin/snippets/subscriptions/subscriptiontopic/add/").status_code == 200


def test_moderators_see_and_export_addresses_safe_from_formulas(moderator, subscribers):
    assert (
        "alumna@example.edu" in moderator.get("/admin/email-updates/subscribers/").content.decode()
    )

    response = moderator.get("/admin/email-updates/subscribers.csv")

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted(row["email"] for row in rows) == [
        "'=1+2@example.edu", "alumna@example.edu", "staff@example.edu"
    ]  # fmt: skip
    assert set(rows[0]) == {
        "email", "topics", "frequency", "confirmed_at", "last_digest_at", "refused_at"
    }  # fmt: skip


def test_the_preview_shows_the_next_digest(editor, subscribers):
    response = editor.get("/admin/email-updates/preview/")

    assert response.status_code == 200
    assert "Alumna wins award" in response.content.decode()


def test_a_test_digest_goes_to_the_staff_member_only(editor, subscribers, smtp):
    response = editor.post("/admin/email-updates/test/")

    assert response.status_code == 302
    assert smtp.recipients() == ["editor@example.edu"]
    assert "Alumna wins award" in text_of(smtp.to("editor@example.edu")[0])
    assert Mailing.objects.get().kind == Mailing.Kind.TEST
    assert Subscriber.objects.filter(last_digest_at__isnull=False).count() == 0


def test_an_announcement_is_previewed_then_sent_to_its_topic_only(moderator, subscribers, smtp):
    data = {
        "topic": Subscriber.objects.get(email="staff@example.edu").topics.get().pk,
        "subject": "Open house on Friday",
        "body": "Come and see us.\n\nhttps://lhs.example.edu/open-house/",
    }

    preview = moderator.post("/admin/email-updates/announcement/", data)
    assert preview.status_code == 200
    assert preview.context["recipients"] == 2
    assert smtp.messages == []  # nothing before the confirmation step

    sent = moderator.post("/admin/email-updates/announcement/", {**data, "confirmed": "yes"})

    assert sent.status_code == 302
    assert smtp.recipients() == ["=1+2@example.edu", "staff@example.edu"]
    message = smtp.to("staff@example.edu")[0]
    assert message["Subject"] == "Open house on Friday"
    assert "Come and see us." in html_of(message)
    assert unsubscribe_path(message).startswith("/subscribe/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mailing = Mailing.objects.get(kind=Mailing.Kind.ANNOUNCEMENT)
    assert (mailing.recipients, mailing.sent) == (2, 2)
    log = moderator.get("/admin/email-updates/")
    assert "Open house on Friday" in log.content.decode()


def test_an_announcement_subject_must_be_one_line(moderator, subscribers, smtp):
    data = {"topic": "1", "subject": "Two\nlines", "body": "Text", "confirmed": "yes"}

    response = moderator.post("/admin/email-updates/announcement/", data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert smtp.messages == []
