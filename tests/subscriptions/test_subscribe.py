"""Signing up: double opt-in over real SMTP, no enumeration, honeypot, rate limits, bad input."""

import time

import pytest
from django.core import signing

from subscriptions import views
from subscriptions.models import Subscriber
from tests.subscriptions.conftest import html_of, link_in, text_of, unsubscribe_path

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_topics_and_preselects_one_from_the_address(client, topics):
    response = client.get("/subscribe/?topic=alumni-news&topic=no-such-topic")

    assert response.status_code == 200
    form = response.context["form"]
    assert {topic.slug for topic in form.fields["topics"].queryset} >= {
        "alumni-news", "department-news", "events"
    }  # fmt: skip
    assert [topic.slug for topic in form.initial["topics"]] == ["alumni-news"]
    assert response["Cache-Control"].count("no-store")


def test_a_confirmation_arrives_by_smtp_and_only_its_link_subscribes(
    client, subscribe, smtp, topics
):
    response = subscribe("Ada@Example.edu", ["alumni-news", "department-news"], "monthly")

    assert response.status_code == 302
    assert response["Location"] == "/subscribe/check-your-inbox/"
    assert not Subscriber.objects.exists()  # nothing is kept before confirmation
    [message] = smtp.to("ada@example.edu")
    assert message["Subject"] == "Please confirm your e-mail updates"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_path(message).startswith("/subscribe/unsubscribe/")
    assert "Alumni news" in text_of(message) and "Department news" in html_of(message)

    confirm = link_in(message, "/subscribe/confirm/")
    page = client.get(confirm)  # a mail scanner following the link changes nothing
    assert page.status_code == 200
    assert not Subscriber.objects.exists()
    assert client.post(confirm).status_code == 200

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ada@example.edu"
    assert subscriber.frequency == "monthly"
    assert {topic.slug for topic in subscriber.topics.all()} == {"alumni-news", "department-news"}


def test_new_and_subscribed_addresses_get_identical_answers(client, subscribe, confirmed, smtp):
    confirmed("known@example.edu")

    for_known = subscribe("known@example.edu")
    for_new = subscribe("new@example.edu")

    assert for_known.status_code == for_new.status_code == 302
    assert for_known["Location"] == for_new["Location"]
    assert for_known.content == for_new.content
    page_known = client.get(for_known["Location"]).content
    assert page_known == client.get(for_new["Location"]).content


def test_the_honeypot_sends_nothing_but_answers_the_same(subscribe, smtp, topics):
    response = subscribe("bot@example.edu", **{"your-website": "https://spam.example"})

    assert response.status_code == 302
    assert response["Location"] == "/subscribe/check-your-inbox/"
    assert smtp.messages == []


def test_one_address_gets_few_confirmations_whoever_asks(subscribe, smtp, topics):
    responses = [subscribe("target@example.edu") for _ in range(5)]

    assert {response.status_code for response in responses} == {302}
    assert len(smtp.to("target@example.edu")) == views.ADDRESS_LIMIT.limit


def test_one_client_is_refused_after_its_limit(subscribe, smtp, topics):
    for number in range(views.CLIENT_LIMIT.limit):
        assert subscribe(f"person{number}@example.edu").status_code == 302

    response = subscribe("one-more@example.edu")

    assert response.status_code == 429
    assert response["Retry-After"] == str(views.CLIENT_LIMIT.window)
    assert not smtp.to("one-more@example.edu")


@pytest.mark.parametrize(
    "data",
    [
        {"email": "not an address", "topics": ["1"], "frequency": "weekly"},
        {"email": "a@example.edu", "topics": ["abc"], "frequency": "weekly"},
        {"email": "a@example.edu", "topics": ["999999"], "frequency": "weekly"},
        {"email": "a@example.edu", "frequency": "weekly"},
        {"email": "a@example.edu", "topics": ["1"], "frequency": "daily"},
        {"email": "x" * 300 + "@example.edu", "topics": ["1"], "frequency": "weekly"},
        {"email": "nul\x00@example.edu", "topics": ["1"], "frequency": "weekly"},
    ],
)
def test_bad_input_is_a_form_error(client, smtp, topics, data):
    response = client.post("/subscribe/", data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert smtp.messages == []


@pytest.mark.parametrize("path", ["confirm", "manage", "unsubscribe"])
def test_a_damaged_link_is_a_clear_400(client, path):
    response = client.get(f"/subscribe/{path}/not-a-token/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_a_confirmation_link_expires(client, subscribe, smtp, settings, monkeypatch, topics):
    subscribe("late@example.edu")
    confirm = link_in(smtp.to("late@example.edu")[0], "/subscribe/confirm/")
    later = time.time() + (settings.SUBSCRIPTIONS_CONFIRMATION_DAYS + 1) * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)

    assert client.post(confirm).status_code == 400
    assert not Subscriber.objects.exists()


def test_the_manage_link_changes_topics_and_frequency(client, confirmed, smtp, topics):
    subscriber = confirmed("ada@example.edu")
    manage = link_in(smtp.to("ada@example.edu")[0], "/subscribe/manage/")

    page = client.get(manage)
    assert page.status_code == 200
    response = client.post(manage, {"topics": [str(topics["events"].pk)], "frequency": "monthly"})

    assert response.status_code == 200
    assert response.context["saved"]
    subscriber.refresh_from_db()
    assert subscriber.frequency == "monthly"
    assert [topic.slug for topic in subscriber.topics.all()] == ["events"]


def test_the_unsubscribe_button_deletes_everything(client, confirmed, smtp):
    confirmed("ada@example.edu")
    unsubscribe = link_in(smtp.to("ada@example.edu")[0], "/subscribe/unsubscribe/")

    assert client.get(unsubscribe).status_code == 200
    assert Subscriber.objects.exists()  # a GET only shows the button
    assert client.post(unsubscribe).status_code == 200
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "query",
    ["topic=%3Cscript%3Ealert(1)%3C/script%3E", "topic=" + "x" * 5000, "topic=&topic=%00"],
)
def test_hostile_query_strings_get_the_plain_form(client, topics, query):
    response = client.get(f"/subscribe/?{query}")

    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    assert response.context["form"].initial["topics"] == []


def test_wrong_methods_are_refused(client):
    assert client.put("/subscribe/").status_code == 405
    assert client.delete("/subscribe/unsubscribe/x/").status_code == 405
