"""Moderation in a real browser: an Editor writes a story, a Moderator approves or sends it back.

Everything happens through the Wagtail admin as people use it (sign-in form, choosers, the
image upload, Draftail, the dashboard's workflow actions) against the shared gunicorn server,
and what the anonymous visitor gets is checked straight afterwards: the page cache must not
hide a story that has just been published. No Content-Security-Policy violation may be
logged by Chromium on the way.
"""

import json
import re
import secrets
import time
import zlib

import feedparser
import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.accounts.totp import totp

STORY_TITLE = "Learning health systems course opens to all staff"
SENT_BACK_TITLE = "Draft notes on the data-sharing agreement"
APPROVAL_COMMENT = "Approved: a clear teaser, and the picture suits it."
CHANGES_COMMENT = "Please name the partner hospitals before this goes out."


@pytest.fixture(scope="module")
def editorial(site_server):
    """An Editor and a Moderator (the data migration made their groups) and the news section.

    The server requires a second factor of Moderators (TWO_FACTOR_REQUIRED): the Moderator has
    an authenticator app, whose codes the test computes from its secret.
    """
    people = {
        "editor": {"username": "ed.itor", "group": "Editors", "name": ("Edie", "Tor")},
        "moderator": {"username": "mo.derator", "group": "Moderators", "name": ("Mo", "Derat")},
    }
    for person in people.values():
        person["password"] = secrets.token_urlsafe(16)
    found = site_server.shell(
        f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from news.models import NewsIndexPage

for person in {list(people.values())!r}:
    user = get_user_model().objects.create_user(
        person["username"],
        email=person["username"] + "@example.edu",
        password=person["password"],
        first_name=person["name"][0],
        last_name=person["name"][1],
    )
    user.groups.add(Group.objects.get(name=person["group"]))
    if person["group"] == "Moderators":
        moderator_key = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True).key
print(json.dumps({{"news_index": NewsIndexPage.objects.get().pk, "key": moderator_key}}))
"""
    )
    found = json.loads(found.strip().splitlines()[-1])
    people["moderator"]["totp_key"] = found.pop("key")
    return {**people, **found}


@pytest.fixture
def browser_problems():
    """Watch pages for signs that the admin breaks in Chromium.

    Chromium logs a console error for everything the Content-Security-Policy blocks; an
    uncaught script error means a widget (chooser, Draftail, dropdown) stopped working.
    """
    problems = []

    def watch(page):
        def on_console(message):
            if message.type == "error" and "Content Security Policy" in message.text:
                problems.append(f"{page.url}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
        return page

    yield watch
    assert problems == []


def sign_in(page, person):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(person["username"])
    page.get_by_label("Password").fill(person["password"])
    page.get_by_role("button", name="Sign in").click()
    if "totp_key" in person:
        expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
        page.get_by_label("Code").fill(fresh_code(person))
        page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def fresh_code(person):
    """The app's code now; a code works once, so after a sign-in in the same 30 seconds, the
    next one (as a person would wait for the app to show a new code)."""
    code = totp(person["totp_key"])
    while code == person.get("last_code"):
        time.sleep(1)
        code = totp(person["totp_key"])
    person["last_code"] = code
    return code


def sign_out(page, person):
    page.get_by_role("button", name=person["name"][0], exact=True).click()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))


def wait_until_autosaved(page):
    """Wait until Wagtail 8's autosave has stored everything in the editor form.

    The editor saves drafts in the background while one types. Choosing an action while an
    autosave is still on its way would send two saves of the same page at once, so, as a
    person who pauses before clicking would, wait until Wagtail's own bookkeeping says the
    form holds nothing unsaved.
    """
    page.wait_for_function(
        """() => {
            const form = document.querySelector("#page-edit-form");
            const unsaved = window.wagtail.app.getControllerForElementAndIdentifier(
                form, "w-unsaved"
            );
            const indicator = document.querySelector("[data-w-autosave-state-value]");
            return (
                unsaved.initialFormData !== undefined &&
                unsaved.initialFormData === unsaved.formData &&
                indicator?.dataset.wAutosaveStateValue !== "saving"
            );
        }"""
    )


def write_rich_text(page, field, text):
    """Type into a Draftail editor the way a person does, then let it store what was typed.

    Draftail copies its content into the form's hidden input a moment after typing stops (its
    `stateSaveInterval`, 250 ms); an action taken sooner would submit the field empty.
    """
    field.get_by_role("textbox").click()
    page.keyboard.type(text)
    stored = field.locator("input[type=hidden][name$='-value']")
    expect(stored).to_have_value(re.compile(re.escape(text)))


def small_picture(path, seed):
    # A colour of its own per story, so Wagtail does not offer an earlier upload as a duplicate.
    colour = zlib.crc32(seed.encode()).to_bytes(4, "big")[:3]
    Image.new("RGB", (120, 80), tuple(colour)).save(path)
    return path


def open_new_story_form(page, news_index):
    page.goto(f"/admin/pages/{news_index}/")
    page.get_by_role("link", name="Add child page").click()
    expect(page.get_by_role("heading", name="New: News story")).to_be_visible()


def submit_for_moderation(page):
    wait_until_autosaved(page)
    page.get_by_role("button", name="More actions").click()
    actions = page.get_by_role("navigation", name="Actions (footer)")
    expect(actions.get_by_role("button", name="Submit to Moderator approval")).to_be_visible()
    # Editors cannot publish: the footer offers no publishing action at all.
    expect(actions.get_by_role("button", name=re.compile("publish", re.IGNORECASE))).to_have_count(
        0
    )
    actions.get_by_role("button", name="Submit to Moderator approval").click()
    expect(page.get_by_role("status")).to_contain_text("submitted for moderation")


def act_on_review(page, title, action, comment):
    """From the Moderator's dashboard: Approve with comment, or Request changes."""
    review = page.get_by_role("region", name="Awaiting your review")
    row = review.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name=action, exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name=action)).to_be_visible()
    dialog.get_by_label("Comment").fill(comment)
    dialog.get_by_role("button", name=action).click()
    # The dashboard reloads once the action is done; the task has left the list.
    expect(review.get_by_role("link", name=title, exact=True)).to_have_count(0)


def feed_titles(page):
    response = page.request.get("/news/feed/rss/")
    assert response.status == 200
    return [entry.title for entry in feedparser.parse(response.text()).entries]


def test_an_editor_submits_a_story_and_a_moderator_approves_it(
    site_server, editorial, new_page, browser_problems, tmp_path
):
    visitor = browser_problems(new_page())
    # Warm the page cache: the listing is now served from it.
    visitor.goto("/news/")
    response = visitor.goto("/news/")
    assert response.headers.get("x-page-cache") == "hit"
    expect(visitor.get_by_role("link", name=STORY_TITLE)).to_have_count(0)
    assert STORY_TITLE not in feed_titles(visitor)

    admin = browser_problems(new_page())
    sign_in(admin, editorial["editor"])
    open_new_story_form(admin, editorial["news_index"])
    admin.get_by_placeholder("Page title*").fill(STORY_TITLE)
    admin.get_by_role("button", name="Choose news category").click()
    admin.get_by_role("dialog").get_by_role("link", name="Department News").click()
    tags = admin.locator("[data-contentpath='tags']").get_by_role("textbox")
    tags.fill("Continuing education")
    tags.press("Enter")
    admin.get_by_role("textbox", name=re.compile("^Teaser")).fill(
        "A six-week course on learning health systems, open to every member of staff."
    )

    admin.get_by_role("button", name="Choose an image").click()
    chooser = admin.get_by_role("dialog")
    chooser.get_by_role("tab", name="Upload").click()
    picture = small_picture(tmp_path / "course.png", STORY_TITLE)
    chooser.get_by_label("File").set_input_files(picture)
    chooser.get_by_label("Title").fill("Course banner")
    chooser.get_by_label("Alt text").fill("Staff around a table, planning a course.")
    chooser.get_by_role("button", name="Upload").click()
    expect(chooser).to_be_hidden()
    expect(admin.locator("[data-contentpath='hero_image']")).to_contain_text("Course banner")

    admin.get_by_role("button", name="Insert a block").click()
    admin.get_by_role("option", name="Text", exact=True).click()
    write_rich_text(
        admin, admin.locator("[data-contentpath='body']"), "Sessions run on Thursdays from January."
    )
    submit_for_moderation(admin)
    sign_out(admin, editorial["editor"])

    visitor.goto("/news/")
    expect(visitor.get_by_role("link", name=STORY_TITLE)).to_have_count(0)

    sign_in(admin, editorial["moderator"])
    act_on_review(admin, STORY_TITLE, "Approve with comment", APPROVAL_COMMENT)
    sign_out(admin, editorial["moderator"])

    # Publishing empties the page cache: the visitor gets the story on the very next visit.
    response = visitor.goto("/news/")
    assert response.headers.get("x-page-cache") == "miss"
    visitor.get_by_role("link", name=STORY_TITLE).first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(STORY_TITLE)
    expect(visitor.get_by_alt_text("Staff around a table, planning a course.")).to_be_visible()
    expect(visitor.get_by_role("link", name="Continuing education")).to_be_visible()
    expect(visitor.get_by_text("Sessions run on Thursdays from January.")).to_be_visible()
    assert STORY_TITLE in feed_titles(visitor)


def test_a_moderator_requests_changes_and_the_editor_reads_why(
    site_server, editorial, new_page, browser_problems
):
    admin = browser_problems(new_page())
    sign_in(admin, editorial["editor"])
    open_new_story_form(admin, editorial["news_index"])
    admin.get_by_placeholder("Page title*").fill(SENT_BACK_TITLE)
    admin.get_by_role("textbox", name=re.compile("^Teaser")).fill(
        "What the department's data-sharing agreement will cover."
    )
    submit_for_moderation(admin)
    sign_out(admin, editorial["editor"])

    sign_in(admin, editorial["moderator"])
    act_on_review(admin, SENT_BACK_TITLE, "Request changes", CHANGES_COMMENT)
    sign_out(admin, editorial["moderator"])

    sign_in(admin, editorial["editor"])
    in_workflow = admin.get_by_role("region", name="Your pages and snippets in a workflow")
    row = in_workflow.get_by_role("row").filter(has_text=SENT_BACK_TITLE)
    expect(row).to_contain_text("Changes requested at Moderator approval")
    row.get_by_role("link", name=SENT_BACK_TITLE).click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(
        f"Editing News story: {SENT_BACK_TITLE}"
    )
    admin.get_by_role("button", name="Toggle status").click()
    admin.get_by_role("button", name="View details").click()
    details = admin.get_by_role("dialog", name="Moderator approval")
    expect(details).to_contain_text("Changes requested by Mo Derat")
    expect(details).to_contain_text(CHANGES_COMMENT)

    visitor = browser_problems(new_page())
    visitor.goto("/news/")
    expect(visitor.get_by_role("link", name=SENT_BACK_TITLE)).to_have_count(0)
    assert SENT_BACK_TITLE not in feed_titles(visitor)
    assert visitor.goto("/news/draft-notes-on-the-data-sharing-agreement/").status == 404


GATED_TITLE = "Poster session on learning health systems"


def run_review_action(page, title, action):
    """From the Moderator's dashboard: an action that needs no comment."""
    review = page.get_by_role("region", name="Awaiting your review")
    row = review.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))
    row.get_by_role("button", name="Actions").click()
    with page.expect_navigation():
        row.get_by_role("button", name=action, exact=True).click()


def test_the_accessibility_check_holds_a_story_until_its_image_has_alt_text(
    site_server, editorial, new_page, browser_problems
):
    # An image without alt text, as one imported from elsewhere might be.
    found = site_server.shell(
        """
from tests.factories import SiteImageFactory
print(SiteImageFactory(title="Imported poster", description="").pk)
"""
    )
    image_id = int(found.strip().splitlines()[-1])
    problem = "the image “Imported poster” has no alt text"

    admin = browser_problems(new_page())
    sign_in(admin, editorial["editor"])
    open_new_story_form(admin, editorial["news_index"])
    admin.get_by_placeholder("Page title*").fill(GATED_TITLE)
    admin.get_by_role("button", name="Choose news category").click()
    admin.get_by_role("dialog").get_by_role("link", name="Department News").click()
    admin.get_by_role("textbox", name=re.compile("^Teaser")).fill(
        "Posters from the autumn cohort, on show in the atrium."
    )
    admin.get_by_role("button", name="Choose an image").click()
    admin.get_by_role("dialog").get_by_role("link", name="Imported poster").click()
    expect(admin.locator("[data-contentpath='hero_image']")).to_contain_text("Imported poster")
    submit_for_moderation(admin)
    # The submission message says what stops the story.
    expect(admin.get_by_text(problem)).to_be_visible()
    sign_out(admin, editorial["editor"])

    sign_in(admin, editorial["moderator"])
    run_review_action(admin, GATED_TITLE, "Check and approve")
    # Not approved: the editor lists what to fix, and the story still waits at the check.
    expect(admin.get_by_text(problem)).to_be_visible()
    admin.goto("/admin/")
    review = admin.get_by_role("region", name="Awaiting your review")
    row = review.get_by_role("row").filter(has=admin.get_by_role("link", name=GATED_TITLE))
    row.get_by_role("button", name="Actions").click()
    expect(row.get_by_role("button", name="Check and approve", exact=True)).to_be_visible()
    expect(row.get_by_role("button", name="Approve with comment")).to_have_count(0)

    admin.goto(f"/admin/images/{image_id}/")
    admin.get_by_label("Alt text").fill("Researchers beside their posters in the atrium.")
    admin.get_by_role("button", name="Save").click()
    expect(admin.get_by_role("status")).to_contain_text("updated")

    admin.goto("/admin/")
    run_review_action(admin, GATED_TITLE, "Check and approve")
    # Passed: the story has moved on to Moderator approval, which offers Approve.
    admin.goto("/admin/")
    act_on_review(admin, GATED_TITLE, "Approve with comment", APPROVAL_COMMENT)
    sign_out(admin, editorial["moderator"])

    visitor = browser_problems(new_page())
    visitor.goto("/news/")
    visitor.get_by_role("link", name=GATED_TITLE).first.click()
    expect(
        visitor.get_by_alt_text("Researchers beside their posters in the atrium.")
    ).to_be_visible()
