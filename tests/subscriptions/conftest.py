"""A real SMTP server on 127.0.0.1 for the whole test session, and subscription helpers."""

import email
import email.policy
import logging
import re

import pytest
from aiosmtpd.controller import Controller

from tests.factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory
from tests.servers import free_port

# aiosmtpd logs every SMTP command at INFO.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class MailServer:
    """Accepts every message except to addresses in ``refuse`` (550) or ``defer`` (450)."""

    def __init__(self):
        self.messages = []
        self.refused = []
        self.refuse, self.defer = set(), set()

    def clear(self):
        self.messages.clear()
        self.refused.clear()
        self.refuse.clear()
        self.defer.clear()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            self.refused.append(address)
            return "550 5.1.1 No such mailbox"
        if address in self.defer:
            return "450 4.2.1 Mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        for recipient in envelope.rcpt_tos:
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append((recipient, message))
        return "250 Message accepted"

    def to(self, address):
        return [message for recipient, message in self.messages if recipient == address]

    def recipients(self):
        return sorted(recipient for recipient, _ in self.messages)


@pytest.fixture(scope="session")
def mail_server():
    server = MailServer()
    controller = Controller(server, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield server, controller.port
    controller.stop()


@pytest.fixture(autouse=True)
def smtp(settings, mail_server):
    """Every test here sends through the real SMTP server, starting with an empty mailbox."""
    server, port = mail_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SUBSCRIPTIONS_FROM_EMAIL = "updates@lhs.example.edu"
    server.clear()
    return server


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message, path_part):
    """The first address in the plain-text part containing ``path_part``, as a local path."""
    for url in re.findall(r"https?://\S+", text_of(message)):
        if path_part in url:
            return re.sub(r"^https?://[^/]+", "", url)
    raise AssertionError(f"no {path_part} link in:\n{text_of(message)}")


def unsubscribe_path(message):
    first = message["List-Unsubscribe"].split(",")[0].strip()
    assert first.startswith("<http") and first.endswith(">"), first
    return re.sub(r"^https?://[^/]+", "", first[1:-1])


@pytest.fixture
def topics(db):
    from subscriptions.models import SubscriptionTopic

    return {topic.slug: topic for topic in SubscriptionTopic.objects.all()}


@pytest.fixture
def subscribe(client):
    """``subscribe(address, ["alumni-news"], "weekly")``: the form's response."""

    def post(address, topic_slugs=("alumni-news",), frequency="weekly", **extra):
        from subscriptions.models import SubscriptionTopic

        ids = [str(t.pk) for t in SubscriptionTopic.objects.filter(slug__in=topic_slugs)]
        data = {"email": address, "topics": ids, "frequency": frequency, **extra}
        return client.post("/subscribe/", data)

    return post


@pytest.fixture
def confirmed(client, subscribe, smtp):
    """``confirmed(address, topics)``: subscribes and follows the confirmation link."""

    def make(address, topic_slugs=("alumni-news",), frequency="weekly"):
        from subscriptions.models import Subscriber

        subscribe(address, topic_slugs, frequency)
        message = smtp.to(address)[-1]
        response = client.post(link_in(message, "/subscribe/confirm/"))
        assert response.status_code == 200
        return Subscriber.objects.get(email=address)

    return make


@pytest.fixture
def news(home):
    """A news section with the categories the default topics point at."""
    index = NewsIndexPageFactory(parent=home)
    department = NewsCategoryFactory(name="Department News", slug="department-news")
    health_lab = NewsCategoryFactory(name="Health Lab", slug="health-lab")

    def add(title, category=department, tags=(), **fields):
        return NewsPageFactory(
            parent=index, title=title, category=category, tags=list(tags), **fields
        )

    add.health_lab = health_lab
    return add
