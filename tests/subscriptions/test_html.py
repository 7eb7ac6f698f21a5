"""The digest and the subscription pages pass the Nu HTML Checker (one Java run)."""

import pytest
from django.core.management import call_command

from tests.site.test_html_validity import run_checker
from tests.subscriptions.conftest import html_of, link_in

pytestmark = pytest.mark.django_db


def test_the_digest_and_the_pages_are_valid_html(client, news, confirmed, smtp, tmp_path):
    from tests.factories import SiteImageFactory

    confirmed("alumna@example.edu", ["alumni-news", "department-news"])
    confirmation = smtp.to("alumna@example.edu")[0]
    news("Alumna wins award", tags=["alumni"], hero_image=SiteImageFactory())
    news("Faculty & staff <news>")
    call_command("send_digests", "--force", stdout=open("/dev/null", "w"))
    digest = smtp.to("alumna@example.edu")[-1]
    assert "Alumna wins award" in html_of(digest)
    assert "<img" in html_of(digest) and 'alt="' in html_of(digest)

    documents = [
        ("digest e-mail", html_of(digest)),
        ("confirmation e-mail", html_of(confirmation)),
        ("sign-up form", client.get("/subscribe/").content.decode()),
        ("sign-up form with errors", client.post("/subscribe/", {"email": "x"}).content.decode()),
        ("check your inbox", client.get("/subscribe/check-your-inbox/").content.decode()),
        ("confirm", client.get(link_in(confirmation, "/subscribe/confirm/")).content.decode()),
        ("manage", client.get(link_in(digest, "/subscribe/manage/")).content.decode()),
        ("unsubscribe", client.get(link_in(digest, "/subscribe/unsubscribe/")).content.decode()),
        ("unsubscribed", client.post(link_in(digest, "/subscribe/unsubscribe/")).content.decode()),
        ("bad link", client.get("/subscribe/confirm/nonsense/").content.decode()),
    ]
    results = run_checker(documents, tmp_path)

    errors = [
        f"{name}: line {message.get('lastLine')}: {message['message']}"
        for name, messages in results.items()
        for message in messages
        if message["type"] == "error"
    ]
    assert len(results) == len(documents)
    assert not errors, "\n".join(errors)
