"""Every public page type's HTML passes the Nu HTML Checker (vnu.jar) with no errors.

The checker comes from npm (``vnu-jar``, pinned in package-lock.json; ``make test`` runs
``npm ci`` first) and runs on the machine's Java. All documents go to one Java process, so
the whole module costs one JVM start. Warnings are allowed and reported, errors fail.
"""

import json
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from dlhs import throttle
from events.models import EventPage
from news.models import NewsPage
from people.models import AlumniUpdateFormPage, PersonPage
from tests.site.page_types import ALUMNI_FORM

PROJECT_DIR = Path(__file__).resolve().parents[2]
VNU_JAR = PROJECT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class HtmlCheckerWarning(UserWarning):
    """A warning (not an error) from the Nu HTML Checker, shown in pytest's summary."""


def checker_command():
    """``java -jar vnu.jar``; fails the test (never skips it) when either is missing."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is needed to run the Nu HTML Checker and was not found on PATH "
            "(Debian: apt-get install default-jre-headless).",
            pytrace=False,
        )
    if not VNU_JAR.is_file():
        pytest.fail(
            f"The Nu HTML Checker is missing ({VNU_JAR.relative_to(PROJECT_DIR)}). "
            "Run `make node-deps` (npm ci) in the project folder.",
            pytrace=False,
        )
    return [java, "-Xss8m", "-jar", str(VNU_JAR)]


def valid_alumni_update(form_page):
    """POST data that the "Share your news" form accepts, whatever its field names."""
    form = form_page.get_form(page=form_page, user=None)
    data = {}
    for name, field in form.fields.items():
        if name == form.honeypot_name:
            continue
        if getattr(field, "choices", None):
            data[name] = next(value for value, _ in field.choices if value)
        elif field.__class__.__name__ == "IntegerField":
            data[name] = "2019"
        elif field.__class__.__name__ == "URLField":
            data[name] = "https://example.edu/news"
        elif field.__class__.__name__ == "EmailField":
            data[name] = "alum@example.edu"
        elif field.__class__.__name__ == "BooleanField":
            data[name] = "on"
        else:
            data[name] = "A new position"
    return data


def collect_documents(client, monkeypatch):
    """(name, html) of every public page type, as the test client receives it."""
    lectures = EventPage.objects.live().filter(series__slug="hiss-lectureship")
    past_lecture, upcoming_lecture = lectures.order_by("starts_at")[:2]
    external_story = NewsPage.objects.live().get(slug__startswith="adults-dont-trust")
    own_story = NewsPage.objects.live().filter(source_url="").order_by("-date").first()
    profile = PersonPage.objects.get(slug="helen-k-morgan")
    pages = {
        "home": "/",
        "about": "/about/",
        "history": "/about/history/",
        "lectureship": "/about/hiss-lectureship/",
        "past lecture": past_lecture.url,
        "upcoming lecture": upcoming_lecture.url,
        "strategic plan": "/about/strategic-plan/",
        "DEI": "/about/dei/",
        "alumni": "/about/alumni/",
        "alumni form": ALUMNI_FORM,
        "news list": "/news/",
        "news by tag": "/news/?tag=ai",
        "news by category": "/news/?category=health-lab",
        "news by tag and year": "/news/?tag=ai&year=2025",
        "news, no story matches": "/news/?tag=ai&category=department-news",
        "news, page 2": "/news/?page=2",
        "story first published elsewhere": external_story.url,
        "story": own_story.url,
        "people list": "/people/",
        "people by role": "/people/?role=faculty",
        "people by program and name": "/people/?program=hils-phd&q=lynch",
        "people by research interest": "/people/?interest=health-equity",
        "people, page 2": "/people/?page=2",
        "profile": profile.url,
        "search form": "/search/",
        "search results": "/search/?q=learning",
        "search results of one kind": "/search/?q=learning&type=news",
        "search without results": "/search/?q=zzyzx",
    }
    documents = []
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, f"{name}: {path} answered {response.status_code}"
        documents.append((name, response.content.decode()))

    response = client.post(ALUMNI_FORM, {"your_name": "", "graduation_year": "1492"})
    assert response.status_code == 200
    assert response.context["form"].errors, "the form with errors should show them"
    documents.append(("alumni form with errors", response.content.decode()))

    form_page = AlumniUpdateFormPage.objects.get()
    response = client.post(ALUMNI_FORM, valid_alumni_update(form_page))
    assert response.status_code == 200
    assert "form" not in response.context, response.context["form"].errors
    documents.append(("alumni form, thank you", response.content.decode()))

    monkeypatch.setattr(AlumniUpdateFormPage.rate_limit, "exceeded", lambda request: True)
    response = client.post(ALUMNI_FORM, valid_alumni_update(form_page))
    assert response.status_code == 429
    documents.append(("alumni form, too many updates", response.content.decode()))

    monkeypatch.setattr(throttle, "refused", lambda request, account: True)
    response = client.post("/admin/password_reset/", {"email": "someone@example.edu"})
    assert response.status_code == 429
    documents.append(("too many attempts", response.content.decode()))

    response = client.get("/no-such-page/")
    assert response.status_code == 404
    documents.append(("404", response.content.decode()))
    documents.append(("500", render_to_string("500.html")))
    documents.append(("400", render_to_string("400.html")))
    return documents


def run_checker(documents, folder):
    """The checker's messages for each document, by name: {name: [message, ...]}."""
    paths = {}
    for number, (name, html) in enumerate(documents):
        path = folder / f"{number:02d}.html"
        path.write_text(html, encoding="utf-8")
        paths[str(path.resolve())] = name
    result = subprocess.run(
        [
            *checker_command(),
            "--also-check-css",
            "--format",
            "json",
            "--stdout",
            *map(str, sorted(folder.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The Nu HTML Checker did not answer in JSON:\n{result.stdout}{result.stderr}")
    by_document = {name: [] for name in paths.values()}
    for message in messages:
        # The checker names files "file:/tmp/…", not "file:///tmp/…".
        name = paths.get(message.get("url", "").removeprefix("file:"))
        if name is None:  # a message about the run itself, not a document
            pytest.fail(f"The Nu HTML Checker failed: {message}")
        by_document[name].append(message)
    return by_document


def describe(message):
    where = f"line {message.get('lastLine', '?')}"
    extract = message.get("extract", "").strip().replace("\n", " ")
    return f"{where}: {message['message']} [{extract[:120]}]"


def test_every_public_page_type_is_valid_html(client, demo_site, tmp_path, monkeypatch):
    documents = collect_documents(client, monkeypatch)

    results = run_checker(documents, tmp_path)

    assert len(results) == len(documents)
    errors, notes = [], []
    for name, messages in results.items():
        for message in messages:
            line = f"{name}: {describe(message)}"
            if message["type"] == "error" or message.get("subType") == "fatal":
                errors.append(line)
            else:
                notes.append(line)
    for note in notes:
        warnings.warn(note, HtmlCheckerWarning, stacklevel=1)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)


def test_the_checker_reports_invalid_html(tmp_path):
    """The gate itself: a document with known errors is reported as having them."""
    broken = (
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><p><div id="a"></div><span id="a"></span></body></html>'
    )

    results = run_checker([("broken", broken)], tmp_path)

    messages = [m["message"] for m in results["broken"] if m["type"] == "error"]
    assert any("Duplicate ID" in message for message in messages), messages
