"""Digest rounds over real SMTP: topics, nothing new, refusals, one-click unsubscribe."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from dlhs.models import SiteSettings
from subscriptions import tasks
from subscriptions.models import Mailing, Subscriber
from tests.subscriptions.conftest import html_of, text_of, unsubscribe_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def department(site):
    settings = SiteSettings.for_site(site)
    settings.address = "1161J NIB, 300 N. Ingalls St.\nAnn Arbor, MI 48109"
    settings.save()
    return settings


def digests(smtp):
    return [(to, m) for to, m in smtp.messages if "news from" in m["Subject"]]


def test_each_subscriber_gets_the_new_stories_of_their_topics(
    news, confirmed, subscribe, smtp, department
):
    confirmed("alumna@example.edu", ["alumni-news"])
    confirmed("staff@example.edu", ["department-news"], "monthly")
    subscribe("unconfirmed@example.edu", ["alumni-news", "department-news"])
    news("Alumna wins award", category=news.health_lab, tags=["alumni"])
    news("New faculty join", tags=["faculty"])
    smtp.clear()

    call_command("send_digests", "--force", stdout=open("/dev/null", "w"))

    assert smtp.recipients() == ["alumna@example.edu", "staff@example.edu"]
    [alumna] = smtp.to("alumna@example.edu")
    assert "Alumna wins award" in text_of(alumna)
    assert "New faculty join" not in text_of(alumna)
    [staff] = smtp.to("staff@example.edu")
    assert "New faculty join" in html_of(staff) and "Alumna wins award" not in html_of(staff)
    assert staff["Subject"] == "Monthly news from the Department of Learning Health Sciences"
    html = html_of(alumna)
    assert '<html lang="en">' in html
    assert 'role="presentation"' in html
    assert re.search(r"<h1[^>]*>", html) and re.search(r"<h2[^>]*>News and stories</h2>", html)
    assert "Ann Arbor, MI 48109" in html and "Ann Arbor, MI 48109" in text_of(alumna)
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith("http://testserver/") for link in links), links
    assert alumna["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Manage my subscription" in html and "Unsubscribe" in html


def test_nothing_is_sent_when_nothing_is_new(news, confirmed, smtp):
    confirmed("alumna@example.edu", ["alumni-news"])
    news("Alumna wins award", tags=["alumni"])
    tasks.send_digest_round.enqueue(force=True)
    assert len(digests(smtp)) == 1
    smtp.clear()

    tasks.send_digest_round.enqueue(force=True)

    assert digests(smtp) == []
    assert Mailing.objects.filter(kind="digest").first().nothing_new == 1
    news("Second award", tags=["alumni"])
    tasks.send_digest_round.enqueue(force=True)
    [(_, message)] = digests(smtp)
    assert "Second award" in text_of(message) and "Alumna wins award" not in text_of(message)


def test_a_digest_is_due_only_after_its_period(news, confirmed, smtp):
    subscriber = confirmed("weekly@example.edu", ["alumni-news"])
    news("Alumna wins award", tags=["alumni"])
    assert not Subscriber.objects.due_for_digest().exists()

    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmed_at=subscriber.confirmed_at - Subscriber.WEEK
    )
    assert list(Subscriber.objects.due_for_digest()) == [subscriber]


def test_one_click_unsubscribe_needs_only_the_rfc_8058_body(news, confirmed, smtp):
    confirmed("leaver@example.edu", ["alumni-news"])
    confirmed("stayer@example.edu", ["alumni-news"])
    news("Alumna wins award", tags=["alumni"])
    tasks.send_digest_round.enqueue(force=True)
    [message] = [m for to, m in digests(smtp) if to == "leaver@example.edu"]
    mail_program = Client(enforce_csrf_checks=True)  # no cookie, no token, no session

    response = mail_program.post(
        unsubscribe_path(message),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["stayer@example.edu"]
    smtp.clear()
    news("Second award", tags=["alumni"])
    tasks.send_digest_round.enqueue(force=True)
    assert smtp.recipients() == ["stayer@example.edu"]
    assert mail_program.post(unsubscribe_path(message)).status_code == 200  # twice is fine


def test_a_permanent_refusal_marks_the_address_and_it_is_not_tried_again(news, confirmed, smtp):
    confirmed("gone@example.edu", ["alumni-news"])
    confirmed("here@example.edu", ["alumni-news"])
    news("Alumna wins award", tags=["alumni"])
    smtp.clear()
    smtp.refuse.add("gone@example.edu")

    tasks.send_digest_round.enqueue(force=True)

    assert smtp.refused == ["gone@example.edu"]
    assert Subscriber.objects.get(email="gone@example.edu").refused_at is not None
    assert Subscriber.objects.get(email="here@example.edu").refused_at is None
    assert Mailing.objects.get(kind="digest").refused == 1
    news("Second award", tags=["alumni"])
    tasks.send_digest_round.enqueue(force=True)
    assert smtp.refused == ["gone@example.edu"]  # not tried a second time
    assert [to for to, _ in digests(smtp)] == ["here@example.edu", "here@example.edu"]


def test_a_deferral_is_retried_without_sending_twice(news, confirmed, smtp, settings):
    confirmed("busy@example.edu", ["alumni-news"])
    confirmed("free@example.edu", ["alumni-news"])
    news("Alumna wins award", tags=["alumni"])
    smtp.clear()
    smtp.defer.add("busy@example.edu")
    mailing = tasks.start_digest_round(force=True, send_batch=lambda *args: None)
    ids = list(Subscriber.objects.order_by("pk").values_list("pk", flat=True))

    with pytest.raises(tasks.DeliveryDeferred):
        tasks.deliver_digests(ids, mailing.pk, mailing.started_at.isoformat())
    smtp.defer.clear()
    tasks.deliver_digests(ids, mailing.pk, mailing.started_at.isoformat())  # the retry

    assert sorted(to for to, _ in digests(smtp)) == ["busy@example.edu", "free@example.edu"]
    assert Subscriber.objects.get(email="busy@example.edu").refused_at is None


def test_a_batch_reads_the_same_number_of_rows_for_few_and_many(
    news, confirmed, smtp, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    news("Alumna wins award", tags=["alumni"], hero_image=None)
    reads = []
    for count in (1, 2, 6):  # the first warms caches (site root paths, content types)
        Subscriber.objects.all().delete()
        for number in range(count):
            confirmed(f"reader{count}-{number}@example.edu", ["alumni-news", "department-news"])
        mailing = tasks.start_digest_round(force=True, send_batch=lambda *args: None)
        ids = list(Subscriber.objects.values_list("pk", flat=True))
        with CaptureQueriesContext(connection) as queries:
            tasks.deliver_digests(ids, mailing.pk, mailing.started_at.isoformat())
        reads.append(sum(1 for q in queries if q["sql"].lstrip().upper().startswith("SELECT")))

    assert reads[1] == reads[2], reads


def test_the_scheduler_runs_a_round_every_day():
    from dlhs.schedule import PERIODIC_JOBS

    [job] = [job for job in PERIODIC_JOBS if job.task is tasks.send_digest_round]
    assert job.cron == "0 7 * * *"


def test_a_further_section_adds_its_part_to_the_digest(news, confirmed, smtp, topics):
    """How the events section plugs in: a DigestSection in DIGEST_SECTIONS."""
    from subscriptions.digest import DigestItem, DigestSection, StorySection

    subscriber = confirmed("both@example.edu", ["alumni-news", "events"])
    news("Alumna wins award", tags=["alumni"])

    class LectureSection(DigestSection):
        heading = "Events"
        topic_kinds = frozenset({"events"})

        def collect(self, topics, since, until):
            mine = frozenset(topic.pk for topic in self.topics_of_mine(topics))
            url = "http://testserver/events/lecture/"
            return [DigestItem("Annual lecture", url, "A talk.", "June 1, 2026", until, mine)]

    from subscriptions.digest import DigestBatch

    until = subscriber.confirmed_at + Subscriber.WEEK
    batch = DigestBatch(list(subscriber.topics.all()), subscriber.news_since, until,
                        sections=[StorySection(), LectureSection()])  # fmt: skip
    digest = batch.digest_for(
        {topic.pk for topic in subscriber.topics.all()}, subscriber.news_since
    )
    assert [part.heading for part in digest] == ["News and stories", "Events"]
    assert [item.title for item in digest[1].items] == ["Annual lecture"]
    alumni_only = batch.digest_for({topics["alumni-news"].pk}, subscriber.news_since)
    assert [part.heading for part in alumni_only] == ["News and stories"]


def test_events_announced_since_the_last_digest_by_topic_or_series(
    home, confirmed, smtp, department
):
    import datetime

    from subscriptions.models import SubscriptionTopic
    from tests.factories import EventIndexPageFactory, EventPageFactory, EventSeriesFactory

    collaboratory = EventSeriesFactory(name="LHS Collaboratory", slug="lhs-collaboratory")
    SubscriptionTopic.objects.create(
        name="LHS Collaboratory sessions",
        slug="collaboratory",
        kind=SubscriptionTopic.Kind.EVENT_SERIES,
        reference="lhs-collaboratory",
    )
    confirmed("everything@example.edu", ["events"])
    confirmed("series@example.edu", ["collaboratory"])
    calendar = EventIndexPageFactory(parent=home)
    EventPageFactory(parent=calendar, title="Collaboratory: data sharing", series=collaboratory)
    EventPageFactory(parent=calendar, title="Thesis defence: a sample")
    EventPageFactory(
        parent=calendar,
        title="Already over",
        start_date=datetime.date.today() - datetime.timedelta(days=3),
    )
    smtp.clear()

    call_command("send_digests", "--force", stdout=open("/dev/null", "w"))

    [everything] = smtp.to("everything@example.edu")
    text = text_of(everything)
    assert "Collaboratory: data sharing" in text and "Thesis defence: a sample" in text
    assert "Already over" not in text
    assert re.search(r"<h2[^>]*>Events</h2>", html_of(everything))
    [series] = smtp.to("series@example.edu")
    assert "Collaboratory: data sharing" in text_of(series)
    assert "Thesis defence" not in text_of(series)
