"""Stories imported from feeds: a local HTTP server serves the fixture feeds, and imports run
through the real task path (the immediate backend in tests)."""

import io
import re
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from wagtail.models import WorkflowState

from dlhs.schedule import PERIODIC_JOBS
from news.imports import NEEDS_ALT_TEXT_TAG, clean_body
from news.models import ImportedFeedItem, NewsPage, StorySource, StorySourceRun
from news.tasks import fetch_due_story_sources, import_story_source
from tests.servers import http_server_in_thread

pytestmark = pytest.mark.django_db

FEEDS = Path(__file__).parent / "feeds"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(buffer, "PNG")
    return buffer.getvalue()


class FeedServer(BaseHTTPRequestHandler):
    """Serves the fixture feeds, and the ways a feed's server can misbehave."""

    routes = {
        "/health-lab.rss": ("application/rss+xml", (FEEDS / "health_lab.rss").read_bytes()),
        "/med-school.atom": ("application/atom+xml", (FEEDS / "med_school.atom").read_bytes()),
        "/hostile.rss": ("application/rss+xml", (FEEDS / "hostile.rss").read_bytes()),
        "/broken.rss": (
            "application/rss+xml",
            b"<rss version='2.0'><channel><item><title>Whole</title><guid>w-1</guid></item>"
            b"<item><title>Cut off</ti",
        ),
        "/not-a-feed": ("text/html", b"<!doctype html><title>A web page</title><p>Hello"),
        "/pictures/data.png": ("image/png", png_bytes()),
    }
    redirects = {"/moved.atom": "/med-school.atom", "/loop": "/loop"}
    requests = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.requests.append((self.path, dict(self.headers)))
        if self.path in self.redirects:
            self.send_response(302)
            self.send_header("Location", self.redirects[self.path])
            self.end_headers()
        elif self.path == "/error":
            self.send_error(500)
        elif self.path == "/huge.rss":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(b"<rss><channel>" + b"<item><title>x</title></item>" * 20_000)
        elif self.path in self.routes:
            etag = f'"{len(self.routes[self.path][1])}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            content_type, body = self.routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def feed_server():
    with http_server_in_thread(FeedServer) as url:
        yield url


@pytest.fixture
def source(feed_server, news_index, health_lab):
    def make(path, **fields):
        fields.setdefault("name", "Health Lab")
        fields.setdefault("category", health_lab)
        return StorySource.objects.create(feed_url=feed_server + path, **fields)

    return make


def fetch(source):
    """One run through the task queue; the task's result and the run it recorded."""
    result = import_story_source.enqueue(source.pk)
    source.refresh_from_db()
    return result, source.runs.first()


def imported(source):
    return NewsPage.objects.filter(imported_from__source=source).order_by("date", "title")


class TestImportingAFeed:
    def test_rss_items_become_drafts_in_moderation(self, source):
        health_lab = source("/health-lab.rss", tags="research, Health Lab")
        result, run = fetch(health_lab)

        assert result.status == "SUCCESSFUL"
        assert (run.outcome, run.new_count, run.known_count, run.failed_count) == (
            StorySourceRun.Outcome.IMPORTED, 3, 0, 0
        )  # fmt: skip
        stories = {story.title: story for story in imported(health_lab)}
        assert set(stories) == {
            "Data & the learning health system: what’s next",
            "A story without a date",
            "Zebra crossings and road safety",
        }
        story = stories["Data & the learning health system: what’s next"]
        assert not story.live and story.has_unpublished_changes
        assert WorkflowState.objects.filter(
            base_content_type__model="page", object_id=str(story.pk), status="in_progress"
        ).exists()
        assert story.date == date(2025, 10, 6)
        assert story.teaser == "Researchers at Michigan look at data & care."
        assert story.category.slug == "health-lab"
        assert sorted(tag.name for tag in story.tags.all()) == ["Health Lab", "research"]
        assert story.source_name == "Health Lab"
        assert story.source_url == health_lab.feed_url.replace(
            "/health-lab.rss", "/health-lab/data-and-lhs"
        )
        links = re.findall(r'href="([^"]+)"', story.body.raw_data[0]["value"])
        assert links == [
            health_lab.feed_url.replace("/health-lab.rss", "/health-lab/report.pdf"),
            "https://example.org/x",
        ]
        assert story.hero_image.description == "A chart of patient data on a laptop screen"
        assert story.hero_image.width == 60
        assert stories["A story without a date"].date == timezone.localdate()

    def test_requests_are_conditional_and_say_who_asks(self, source, settings):
        health_lab = source("/health-lab.rss")
        FeedServer.requests.clear()
        fetch(health_lab)
        assert health_lab.etag
        _, second = fetch(health_lab)

        assert second.outcome == StorySourceRun.Outcome.NOT_MODIFIED
        feed_requests = [headers for path, headers in FeedServer.requests if path.endswith("rss")]
        assert feed_requests[-1]["If-None-Match"] == health_lab.etag
        assert feed_requests[-1]["User-Agent"] == settings.OUTBOUND_USER_AGENT

    def test_a_second_run_creates_nothing_and_deleted_stories_stay_deleted(self, source):
        health_lab = source("/health-lab.rss")
        fetch(health_lab)
        first = imported(health_lab).first()
        first.title = "An editor's better title"
        first.save_revision()
        imported(health_lab).get(title="Zebra crossings and road safety").delete()

        StorySource.objects.filter(pk=health_lab.pk).update(etag="")  # a full answer, not 304
        _, run = fetch(health_lab)

        assert (run.new_count, run.known_count) == (0, 3)
        assert imported(health_lab).count() == 2
        assert ImportedFeedItem.objects.filter(source=health_lab).count() == 3

    def test_keywords_choose_items(self, source):
        health_lab = source("/health-lab.rss", keywords="learning health, data")
        _, run = fetch(health_lab)
        assert (run.new_count, run.unmatched_count) == (1, 2)

    def test_atom_through_a_redirect_published_at_once(self, source, health_lab):
        med_school = source("/moved.atom", name="Medical School News", publish_immediately=True)
        _, run = fetch(med_school)

        assert run.new_count == 2
        stories = list(imported(med_school))
        assert all(story.live for story in stories)
        assert stories[1].title == "Helen K. Morgan appointed chair-elect"
        assert stories[1].source_url == "https://medicine.example.edu/news/morgan"
        assert stories[0].teaser == "Full five-year accreditation."

    @pytest.mark.parametrize(
        ("path", "reason"),
        [
            ("/not-a-feed", "Not an RSS or Atom feed"),
            ("/error", "HTTP 500"),
            ("/nowhere.rss", "HTTP 404"),
            ("/loop", "redirect"),
            ("/huge.rss", "byte limit"),
        ],
    )
    def test_a_bad_run_says_why_and_changes_nothing(self, source, settings, path, reason):
        settings.OUTBOUND_MAX_BYTES = 100_000
        health_lab = source("/health-lab.rss")
        fetch(health_lab)
        before = {story.pk: story.latest_revision_id for story in imported(health_lab)}
        health_lab.feed_url = health_lab.feed_url.replace("/health-lab.rss", path)
        health_lab.save()

        result, run = fetch(health_lab)

        assert result.status == "FAILED"
        assert reason.lower() in result.errors[0].traceback.lower()
        assert run.outcome == StorySourceRun.Outcome.FAILED
        assert reason.lower() in run.messages.lower()
        assert run.summary().startswith("failed: ")
        after = {story.pk: story.latest_revision_id for story in imported(health_lab)}
        assert after == before

    def test_invalid_xml_is_read_leniently_and_said(self, source):
        _, run = fetch(source("/broken.rss"))
        assert run.outcome == StorySourceRun.Outcome.IMPORTED
        assert "not well-formed xml" in run.messages.lower()
        assert run.new_count == 1
        assert NewsPage.objects.get().title == "Whole"

    def test_private_addresses_are_refused_unless_allowed(self, source, settings):
        settings.OUTBOUND_ALLOW_PRIVATE_NETWORKS = False
        _, run = fetch(source("/health-lab.rss"))
        assert run.outcome == StorySourceRun.Outcome.FAILED
        assert NewsPage.objects.count() == 0


class TestSanitising:
    HOSTILE = (FEEDS / "hostile.rss").read_text()
    SCRIPT_BEARING = re.compile(
        r"<\s*(script|style|iframe|frame|frameset|object|embed|svg|math|form|input|button|base"
        r"|meta|link|img)\b|\son\w+\s*=|\sstyle\s*=|(href|src)\s*=\s*[\"']?\s*"
        r"(javascript|vbscript|data):",
        re.IGNORECASE,
    )

    def test_the_sanitiser_alone_removes_every_script_bearing_construct(self):
        raw = self.HOSTILE.split("<![CDATA[")[1].split("]]>")[0]
        assert self.SCRIPT_BEARING.search(raw)  # the fixture is hostile
        cleaned = clean_body(raw, "https://hostile.example/story")
        assert not self.SCRIPT_BEARING.search(cleaned), cleaned
        assert "steal()" not in cleaned
        assert "<b>bold</b>" in cleaned

    def test_an_imported_hostile_item_is_clean(self, source):
        hostile = source("/hostile.rss", name="Hostile", publish_immediately=True)
        _, run = fetch(hostile)
        story = imported(hostile).get()

        assert run.new_count == 1
        assert story.title == "alert(1)Harmless title" or "<" not in story.title
        assert not self.SCRIPT_BEARING.search(story.body.raw_data[0]["value"])
        assert "<" not in story.teaser

    def test_a_picture_without_alt_text_keeps_the_story_from_being_published(self, source):
        from dlhs.models import AccessibilityCheckTask

        hostile = source("/hostile.rss", name="Hostile", publish_immediately=True)
        fetch(hostile)
        story = imported(hostile).get()

        assert not story.live  # publish at once, but the picture has no alt text
        assert "needs alt text" in hostile.runs.get().messages
        assert story.hero_image.description == ""
        assert NEEDS_ALT_TEXT_TAG in story.hero_image.tags.names()
        # In moderation, held by the accessibility check until the picture is described.
        state = WorkflowState.objects.get(object_id=str(story.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert isinstance(state.current_task_state.task.specific, AccessibilityCheckTask)
        assert not story.hero_image_ok_to_publish()
        story.hero_image.description = "A web page"
        story.hero_image.save()
        assert story.hero_image_ok_to_publish()


class TestScheduling:
    def test_the_hourly_job_fetches_active_sources_that_are_due(self, source):
        due = source("/health-lab.rss")
        paused = source("/med-school.atom", name="Paused", active=False)
        recent = source("/hostile.rss", name="Recent", fetched_at=timezone.now())

        assert any(job.task == fetch_due_story_sources for job in PERIODIC_JOBS)
        fetch_due_story_sources.enqueue()

        assert due.runs.count() == 1
        assert paused.runs.count() == recent.runs.count() == 0

    def test_the_command_prints_one_line_per_source(self, source, capsys):
        health_lab = source("/health-lab.rss")
        source("/med-school.atom", name="Paused", active=False)
        call_command("import_stories")
        assert capsys.readouterr().out.splitlines() == [
            f"Health Lab (#{health_lab.pk}): 3 new, 0 skipped as known, "
            "0 skipped as not matching, 0 failed"
        ]
