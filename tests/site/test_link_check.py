"""The link check (dlhs/link_check.py): external links against a local server, internal
ones against the page tree, rows for Reports → Broken links and the page editor, and links
to a page listed the moment it is unpublished."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from dlhs import link_check, tasks
from dlhs.models import BrokenLink, NavigationLink, SiteSettings
from pages.models import DEIInitiative
from tests import factories


class Handler(BaseHTTPRequestHandler):
    # How many requests the server is answering at once, and the most it ever was.
    lock = threading.Lock()
    busy = 0
    most_busy = 0

    def log_message(self, *args):
        pass

    def answer(self, with_body):
        if self.path.startswith("/slow/"):
            self.answer_slowly()
        status = {"/missing": 404, "/error": 500, "/moved": 301}.get(self.path, 200)
        if self.path == "/no-head" and self.command == "HEAD":
            status = 405
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def answer_slowly(self):
        with Handler.lock:
            Handler.busy += 1
            Handler.most_busy = max(Handler.most_busy, Handler.busy)
        time.sleep(0.05)
        with Handler.lock:
            Handler.busy -= 1

    def do_HEAD(self):
        self.answer(with_body=False)

    def do_GET(self):
        self.answer(with_body=True)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


@pytest.fixture(scope="module")
def web():
    """A server answering 200, 301, 404, 500 (and 405 to HEAD on /no-head)."""
    server = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def silent():
    """A server that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    listener.close()
    for connection in held:
        connection.close()


@pytest.fixture
def quick(settings):
    settings.LINK_CHECK_TIMEOUT_SECONDS = 1


@pytest.mark.parametrize(
    ("path", "kind", "words"),
    [
        ("/ok", None, ""),
        ("/no-head", None, ""),
        ("/moved", BrokenLink.Kind.REDIRECTED, "Redirected (301) to http://127.0.0.1"),
        ("/missing", BrokenLink.Kind.BROKEN, "answered 404 Not Found"),
        ("/error", BrokenLink.Kind.BROKEN, "answered 500 Internal Server Error"),
    ],
)
def test_answers_are_classified(web, quick, path, kind, words):
    problem = link_check.check_web_address(web + path)

    if kind is None:
        assert problem is None
    else:
        assert problem.kind == kind
        assert words in problem.problem


def test_a_server_that_never_answers_is_broken_after_the_timeout(silent, quick):
    problem = link_check.check_web_address(silent)

    assert problem.kind == BrokenLink.Kind.BROKEN
    assert "did not answer in time" in problem.problem


def test_one_request_at_a_time_per_host(web, quick, settings):
    settings.LINK_CHECK_HOSTS_AT_ONCE = 4
    Handler.most_busy = 0
    urls = [f"{web}/slow/{number}" for number in range(6)]

    problems = link_check.web_address_problems(urls)

    assert problems == {}
    # Four checkers, six addresses, one host: the host still gets one request at a time.
    assert Handler.most_busy == 1


def test_private_addresses_are_not_checked_unless_allowed(web, settings):
    settings.OUTBOUND_ALLOW_PRIVATE_NETWORKS = False

    problem = link_check.check_web_address(web + "/missing")

    assert problem.kind == BrokenLink.Kind.NOT_CHECKED
    assert "private or local network" in problem.problem


def publish_body(page, *blocks):
    page.body = list(blocks)
    page.save_revision().publish()
    return page


def rich_text(*links):
    return ("paragraph", "<p>" + " ".join(links) + "</p>")


@pytest.mark.django_db
class TestWeeklyCheck:
    def test_every_kind_of_link_is_found_and_recorded(self, home, web, quick, client, moderator):
        draft = factories.StandardPageFactory(parent=home, title="Draft plan", live=False)
        page = factories.StandardPageFactory(parent=home, title="Resources")
        publish_body(
            page,
            rich_text(
                f'<a href="{web}/ok">Works</a>',
                f'<a href="{web}/missing">Gone away</a>',
                f'<a linktype="page" id="{draft.pk}">Our plan</a>',
                '<a href="mailto:dlhs@example.edu">Mail us</a>',
            ),
            (
                "call_to_action",
                {
                    "heading": "Act",
                    "text": "",
                    "link": {
                        "label": "Moved",
                        "page": None,
                        "document": None,
                        "link_url": f"{web}/moved",
                    },  # fmt: skip
                },
            ),
        )
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        NavigationLink.objects.create(settings=settings, label="Jobs", link_url=f"{web}/error")

        summary = tasks.check_links.enqueue().return_value

        rows = {row.address: row for row in BrokenLink.objects.all()}
        assert set(rows) == {f"{web}/missing", draft.url, f"{web}/moved", f"{web}/error"}
        assert rows[f"{web}/missing"].text == "Gone away"
        assert rows[f"{web}/missing"].page_id == page.pk
        assert rows[draft.url].problem.startswith("The page is not published")
        assert rows[f"{web}/moved"].kind == BrokenLink.Kind.REDIRECTED
        assert rows[f"{web}/error"].page_id is None
        assert rows[f"{web}/error"].place == link_check.SETTINGS_PLACE
        assert "3 broken, 1 redirected, 0 not checked" in summary

        client.force_login(moderator)
        report = BeautifulSoup(client.get(reverse("broken_links_report")).content, "html.parser")
        cells = [cell.get_text(" ", strip=True) for cell in report.select("tbody td")]
        assert "Gone away" in cells
        assert "The server answered 404 Not Found." in cells

    def test_inline_children_and_documents_are_checked(self, home, web, quick):
        dei = factories.DEIPageFactory(parent=factories.AboutPageFactory(parent=home))
        DEIInitiative.objects.create(
            page=dei, title="Mentoring", description="", link_url=f"{web}/missing"
        )
        kept = wagtail_factories.DocumentFactory(title="Annual report")
        lost_file = wagtail_factories.DocumentFactory(title="Old minutes")
        lost_file.file.storage.delete(lost_file.file.name)
        deleted = wagtail_factories.DocumentFactory(title="Withdrawn")
        deleted_id = deleted.pk
        deleted.delete()
        page = factories.StandardPageFactory(parent=home)
        publish_body(
            page,
            rich_text(
                *(
                    f'<a linktype="document" id="{pk}">Document {pk}</a>'
                    for pk in (kept.pk, lost_file.pk, deleted_id)
                )
            ),
        )

        link_check.check_links()

        problems = dict(BrokenLink.objects.values_list("text", "problem"))
        assert problems == {
            "Mentoring": "The server answered 404 Not Found.",
            f"Document {lost_file.pk}": "The document's file is missing.",
            f"Document {deleted_id}": "The document no longer exists.",
        }
        assert BrokenLink.objects.get(text="Mentoring").page_id == dei.pk

    def test_a_fixed_link_goes_and_a_lasting_one_keeps_its_date(self, home, web, quick):
        page = factories.StandardPageFactory(parent=home)
        publish_body(
            page, rich_text(f'<a href="{web}/missing">A</a>', f'<a href="{web}/error">B</a>')
        )
        link_check.check_links()
        first_seen = BrokenLink.objects.get(address=f"{web}/error").first_seen_at

        publish_body(page, rich_text(f'<a href="{web}/ok">A</a>', f'<a href="{web}/error">B</a>'))
        link_check.check_links()

        assert list(BrokenLink.objects.values_list("address", flat=True)) == [f"{web}/error"]
        assert BrokenLink.objects.get().first_seen_at == first_seen

    def test_the_command_prints_a_summary(self, home, web, quick, capsys):
        page = factories.StandardPageFactory(parent=home)
        publish_body(page, rich_text(f'<a href="{web}/missing">A</a>'))

        call_command("check_links")

        assert "1 broken" in capsys.readouterr().out


@pytest.mark.django_db
class TestUnpublishedTargets:
    def test_links_to_a_page_are_listed_as_soon_as_it_is_unpublished(self, home, client, editor):
        target = factories.StandardPageFactory(parent=home, title="Open day")
        address = target.url
        linking = publish_body(
            factories.StandardPageFactory(parent=home, title="Admissions"),
            rich_text(f'<a linktype="page" id="{target.pk}">Come to the open day</a>'),
        )
        assert not BrokenLink.objects.exists()

        target.get_latest_revision_as_object().save_revision().publish()
        target.refresh_from_db()
        target.unpublish()

        row = BrokenLink.objects.get()
        assert (row.page_id, row.address) == (linking.pk, address)
        assert "unpublished" in row.problem

        client.force_login(editor)
        editor_html = client.get(reverse("wagtailadmin_pages:edit", args=[linking.pk]))
        notice = BeautifulSoup(editor_html.content, "html.parser").find(id="page-upkeep-notice")
        assert notice is not None and address in notice.get_text()

        target.save_revision().publish()
        assert not BrokenLink.objects.exists()

    def test_links_to_a_deleted_page_are_listed(self, home, django_capture_on_commit_callbacks):
        target = factories.StandardPageFactory(parent=home, title="Old event")
        linking = publish_body(
            factories.StandardPageFactory(parent=home, title="Events"),
            rich_text(f'<a linktype="page" id="{target.pk}">The old event</a>'),
        )

        with django_capture_on_commit_callbacks(execute=True):
            target.delete()

        row = BrokenLink.objects.get()
        assert row.page_id == linking.pk
        assert row.problem == "The page was deleted."
