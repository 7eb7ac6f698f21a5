"""The accessibility check in moderation: each content check, and the workflow step itself."""

import json

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, Workflow, WorkflowState

from dlhs import accessibility, editorial
from dlhs.models import CHECKS_PASSED, AccessibilityCheckTask
from tests import factories


def body(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def paragraph(html):
    return ("paragraph", html)


def heading(text, level):
    return ("heading", {"heading_text": text, "level": level})


def table(caption):
    return (
        "comparison_table",
        {
            "table": {
                "caption": caption,
                "columns": [{"type": "text", "heading": "Program"}],
                "rows": [{"values": ["Master's"]}],
            }
        },
    )


@pytest.fixture
def about(home):
    return factories.AboutPageFactory(parent=home)


def page_with(about, **fields):
    return factories.StandardPageFactory(parent=about, **fields)


@pytest.mark.django_db
class TestImageAltText:
    def test_a_lead_image_without_alt_text_in_the_library_is_reported(self, about):
        image = factories.SiteImageFactory(title="IMG_0042.jpg", description="")
        problems = accessibility.image_alt_problems(page_with(about, hero_image=image))

        assert len(problems) == 1
        assert "IMG_0042.jpg" in problems[0] and "Hero image" in problems[0]

    def test_a_lead_image_with_alt_text_passes(self, about):
        image = factories.SiteImageFactory(description="Students at a poster session")
        assert accessibility.image_alt_problems(page_with(about, hero_image=image)) == []

    def test_an_image_block_needs_its_own_alt_text(self, about):
        image = factories.SiteImageFactory(title="Seminar", description="A seminar")
        page = page_with(
            about, body=body(("image", {"image": image.pk, "alt_text": "  ", "caption": ""}))
        )

        problems = accessibility.image_alt_problems(page)
        assert len(problems) == 1
        assert "Body, block 1 (Image)" in problems[0] and "“Seminar”" in problems[0]

    def test_a_rich_text_image_without_alt_is_reported(self, about):
        image = factories.SiteImageFactory()
        embed = f'<embed embedtype="image" id="{image.pk}" format="left" alt=""/>'
        page = page_with(about, body=body(paragraph(f"<p>Text</p>{embed}")))

        assert len(accessibility.image_alt_problems(page)) == 1


@pytest.mark.django_db
class TestHeadingOrder:
    def test_headings_in_order_pass(self, about):
        page = page_with(
            about,
            body=body(
                heading("Programs", "h2"),
                paragraph("<h3>Master's</h3><p>Two years.</p><h4>Courses</h4><h3>Ph.D.</h3>"),
                heading("Admissions", "h2"),
            ),
        )
        assert accessibility.heading_problems(page) == []

    def test_a_skipped_level_is_reported_where_it_is(self, about):
        page = page_with(about, body=body(heading("Programs", "h2"), heading("Courses", "h4")))

        problems = accessibility.heading_problems(page)
        assert len(problems) == 1
        assert "block 2" in problems[0] and "h4" in problems[0] and "h2" in problems[0]

    def test_the_first_heading_must_be_an_h2(self, about):
        page = page_with(about, body=body(paragraph("<h3>Starting low</h3>")))
        assert len(accessibility.heading_problems(page)) == 1

    def test_an_h1_in_the_body_is_reported(self, about):
        page = page_with(about, body=body(paragraph("<h1>A second title</h1>")))
        problems = accessibility.heading_problems(page)
        assert len(problems) == 1 and "h1" in problems[0]

    def test_a_biography_starts_under_its_section_heading(self, home):
        people = factories.PeopleIndexPageFactory(parent=home)
        person = factories.PersonPageFactory(parent=people, bio="<h3>Research</h3><p>Data.</p>")
        assert accessibility.heading_problems(person) == []


@pytest.mark.django_db
class TestLinkText:
    @pytest.mark.parametrize(
        "link_html",
        [
            '<a href="https://example.edu/plan">click here</a>',
            '<a href="https://example.edu/plan">Here.</a>',
            '<a href="https://example.edu/plan"> </a>',
            '<a href="https://example.edu/plan">https://example.edu/plan</a>',
            '<a href="https://example.edu/plan">www.example.edu</a>',
        ],
    )
    def test_links_that_do_not_say_where_they_lead_are_reported(self, about, link_html):
        page = page_with(about, body=body(paragraph(f"<p>The plan: {link_html}</p>")))
        assert len(accessibility.link_text_problems(page)) == 1

    def test_a_link_that_names_its_target_passes(self, about):
        html = '<p>Read <a href="https://example.edu/plan">the strategic plan</a>.</p>'
        page = page_with(about, body=body(paragraph(html)))
        assert accessibility.link_text_problems(page) == []

    def test_a_call_to_action_labelled_click_here_is_reported(self, about):
        cta = {
            "heading": "Apply",
            "text": "Applications are open.",
            "link": {"label": "Click here", "link_url": "https://example.edu/apply"},
        }
        page = page_with(about, body=body(("call_to_action", cta)))

        problems = accessibility.link_text_problems(page)
        assert len(problems) == 1 and "Click here" in problems[0]


@pytest.mark.django_db
class TestTableCaptions:
    def test_a_table_without_a_caption_is_reported(self, about):
        problems = accessibility.table_caption_problems(page_with(about, body=body(table(""))))
        assert len(problems) == 1 and "caption" in problems[0]

    def test_a_table_with_a_caption_passes(self, about):
        page = page_with(about, body=body(table("Our programs")))
        assert accessibility.table_caption_problems(page) == []


@pytest.mark.django_db
def test_apps_add_checks_of_their_own(about, monkeypatch):
    monkeypatch.setattr(accessibility, "CHECKS", list(accessibility.CHECKS))

    @accessibility.register_check
    def recording_problems(page):
        return ["Recording 1: add a transcript."]

    accessibility.register_check(recording_problems)  # once only

    assert accessibility.problems(page_with(about)) == ["Recording 1: add a transcript."]


@pytest.fixture
def editor(db, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name=editorial.EDITORS))
    return user


@pytest.fixture
def moderator(db, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("moderator", password="x")
    user.groups.add(Group.objects.get(name=editorial.MODERATORS))
    return user


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


@pytest.mark.django_db
class TestWorkflowStep:
    def test_the_check_comes_before_moderator_approval(self, home):
        workflow = Workflow.objects.get(name=editorial.MODERATION_WORKFLOW)
        tasks = [task.specific for task in workflow.tasks]

        assert isinstance(tasks[0], AccessibilityCheckTask)
        assert [task.name for task in tasks] == [
            "Accessibility check",
            editorial.MODERATION_WORKFLOW,
        ]

    def test_a_clean_page_passes_at_once_to_the_moderators(self, about, editor):
        state = submit(page_with(about, live=False), editor)

        assert state.current_task_state.task.name == editorial.MODERATION_WORKFLOW
        check = state.task_states.get(task__name="Accessibility check")
        assert check.status == check.STATUS_APPROVED and check.comment == CHECKS_PASSED

    def test_a_page_with_problems_waits_and_cannot_be_approved_until_fixed(
        self, client, about, editor, moderator
    ):
        image = factories.SiteImageFactory(title="Imported photo", description="")
        page = page_with(about, live=False, hero_image=image)
        state = submit(page, editor)
        task_state = state.current_task_state
        assert task_state.task.specific.__class__ is AccessibilityCheckTask

        client.force_login(moderator)
        actions = [name for name, *_ in task_state.task.specific.get_actions(page, moderator)]
        assert actions == ["reject", "approve"]
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert page.title in dashboard and "Check and approve" in dashboard

        approve = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
        )
        response = client.post(approve)
        assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
        state.refresh_from_db()
        assert state.current_task_state == task_state
        task_state.refresh_from_db()
        assert task_state.status == task_state.STATUS_IN_PROGRESS

        editor_page = client.get(response.url).content.decode()
        assert "cannot pass the accessibility check" in editor_page
        assert "“Imported photo” has no alt text" in editor_page

        image.description = "A poster session in the atrium"
        image.save()
        client.post(approve)
        state.refresh_from_db()
        task_state.refresh_from_db()
        assert task_state.status == task_state.STATUS_APPROVED
        assert state.current_task_state.task.name == editorial.MODERATION_WORKFLOW
        assert state.status == WorkflowState.STATUS_IN_PROGRESS

    def test_the_author_may_check_again_but_not_request_changes(self, about, editor):
        image = factories.SiteImageFactory(description="")
        page = page_with(about, live=False, hero_image=image)
        task = submit(page, editor).current_task_state.task.specific

        assert [name for name, *_ in task.get_actions(page, editor)] == ["approve"]

    def test_submitting_tells_the_author_what_to_fix(self, client, about, editor):
        image = factories.SiteImageFactory(title="Imported photo", description="")
        page = page_with(about, live=False, hero_image=image)
        client.force_login(editor)
        from tests.site.test_editorial import edit_form_data

        data = edit_form_data(client, page)
        data["action-submit"] = "action-submit"
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True
        )

        content = response.content.decode()
        assert "submitted for moderation" in content
        assert "“Imported photo” has no alt text" in content


@pytest.mark.django_db
class TestChangesAfterAStepPassed:
    """Each step approves the revision that is published (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_
    ON_EDIT): a page resubmitted or edited in review is checked again before it goes live."""

    def act(self, state, user, action, **kwargs):
        state.refresh_from_db()
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, user, action, **kwargs)
        state.refresh_from_db()
        return state.current_task_state

    def test_a_page_resubmitted_with_a_new_problem_is_held_at_the_check(
        self, about, editor, moderator
    ):
        page = page_with(about, live=False)
        state = submit(page, editor)
        self.act(state, moderator, "reject", comment="Add a picture of the atrium.")
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

        image = factories.SiteImageFactory(title="Atrium", description="")
        page.hero_image = image
        page.save_revision(user=editor)
        state.resume(user=editor)
        held = self.act(state, moderator, "approve")

        page.refresh_from_db()
        assert not page.live
        assert held.task.specific.__class__ is AccessibilityCheckTask
        assert held.status == held.STATUS_IN_PROGRESS
        assert held.revision == page.get_latest_revision()

        image.description = "The atrium at lunchtime"
        image.save()
        self.act(state, editor, "approve")  # "Check and approve", once the image is fixed
        page.refresh_from_db()
        assert page.live and page.hero_image == image
        assert state.status == WorkflowState.STATUS_APPROVED
        # The Moderator approved this very revision: it goes live in their name (its author
        # may not publish).
        published = PageLogEntry.objects.filter(page=page, action="wagtail.publish").get()
        assert published.user == moderator

    def test_a_page_edited_in_review_is_checked_again_and_reviewed_again(
        self, about, editor, moderator
    ):
        page = page_with(about, live=False)
        state = submit(page, editor)
        page.hero_image = factories.SiteImageFactory(title="Atrium", description="")
        page.save_revision(user=editor)  # while the Moderators review the earlier revision
        held = self.act(state, moderator, "approve")

        page.refresh_from_db()
        assert not page.live
        assert held.task.specific.__class__ is AccessibilityCheckTask
        assert held.revision == page.get_latest_revision()

    def test_a_clean_resubmission_is_checked_and_published_on_one_approval(
        self, about, editor, moderator
    ):
        page = page_with(about, live=False)
        state = submit(page, editor)
        self.act(state, moderator, "reject", comment="Shorter title, please.")
        page.title = "About us"
        page.save_revision(user=editor)
        state.resume(user=editor)
        self.act(state, moderator, "approve")

        page.refresh_from_db()
        assert page.live and page.title == "About us"
        latest = page.get_latest_revision()
        check = state.task_states.get(task__name="Accessibility check", revision=latest)
        assert check.status == check.STATUS_APPROVED and check.comment == CHECKS_PASSED


@pytest.mark.django_db
class TestPublishingDirectly:
    """Moderators may publish without the workflow; the check holds there too."""

    def publish_from_the_editor(self, client, page, user):
        from tests.site.test_editorial import edit_form_data

        client.force_login(user)
        data = edit_form_data(client, page, title="Our research in 2027")
        data["action-publish"] = "action-publish"
        return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)

    def bulk_publish(self, client, user, *pages, descendants=False):
        from urllib.parse import urlencode

        client.force_login(user)
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        query = urlencode({"id": [page.pk for page in pages], "next": "/admin/pages/"}, doseq=True)
        data = {"include_descendants": "on"} if descendants else {}
        return client.post(f"{url}?{query}", data, follow=True)

    def test_a_page_with_problems_is_kept_as_a_draft_and_the_editor_says_why(
        self, client, about, moderator
    ):
        image = factories.SiteImageFactory(title="Imported photo", description="")
        page = page_with(about, live=False, hero_image=image)

        content = self.publish_from_the_editor(client, page, moderator).content.decode()

        page.refresh_from_db()
        assert not page.live
        assert page.get_latest_revision().as_object().title == "Our research in 2027"  # kept
        assert "Saved as a draft, not published" in content
        assert "“Imported photo” has no alt text" in content

    def create_with_problems(self, client, about, user, image=None):
        """A moderator publishes a new page whose photo has no alt text, from the add view."""
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

        image = image or factories.SiteImageFactory(title="Imported photo", description="")
        client.force_login(user)
        url = reverse("wagtailadmin_pages:add", args=["pages", "standardpage", about.pk])
        fields = {
            "title": "Posters in the atrium",
            "slug": "posters",
            "hero_image": image.pk,
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
        return client.post(url, nested_form_data(fields), follow=True)

    def test_a_new_page_with_problems_is_created_as_a_draft(self, client, about, moderator):
        from pages.models import StandardPage

        response = self.create_with_problems(client, about, moderator)

        page = StandardPage.objects.get(slug="posters")
        assert not page.live and page.has_unpublished_changes
        assert "Saved as a draft, not published" in response.content.decode()
        assert client.get("/about/posters/").status_code == 404

    def test_a_held_new_page_retires_what_was_cached_while_it_was_live(
        self, client, about, moderator
    ):
        # Wagtail's add view saves a new page as live before it asks to publish it; a listing
        # cached in that moment would show a page that was never published.
        from django.core.cache import cache

        from dlhs.cache import GENERATION_KEY

        image = factories.SiteImageFactory(title="Imported photo", description="")
        cache.set(GENERATION_KEY, 40, timeout=None)

        self.create_with_problems(client, about, moderator, image)

        assert cache.get(GENERATION_KEY) > 40

    def test_a_clean_page_is_published_at_once(self, client, about, moderator):
        page = page_with(about, live=False)

        self.publish_from_the_editor(client, page, moderator)

        page.refresh_from_db()
        assert page.live and page.title == "Our research in 2027"

    def test_a_page_whose_workflow_has_no_check_is_not_held(self, client, about, moderator):
        Workflow.objects.filter(name=editorial.MODERATION_WORKFLOW).update(active=False)
        image = factories.SiteImageFactory(description="")
        page = page_with(about, live=False, hero_image=image)

        self.publish_from_the_editor(client, page, moderator)

        page.refresh_from_db()
        assert page.live

    def test_publishing_from_a_listing_holds_a_draft_with_problems(self, client, about, moderator):
        image = factories.SiteImageFactory(title="Imported photo", description="")
        clean = page_with(about, live=False, title="Clean draft")
        held = page_with(about, live=False, title="Draft with a photo", hero_image=image)
        for page in (clean, held):
            page.save_revision(user=moderator)

        content = self.bulk_publish(client, moderator, clean, held).content.decode()

        assert "Nothing was published" in content and "“Draft with a photo”" in content
        clean.refresh_from_db()
        held.refresh_from_db()
        assert not clean.live and not held.live

        image.description = "A poster session in the atrium"
        image.save()
        self.bulk_publish(client, moderator, clean, held)
        held.refresh_from_db()
        assert held.live

    def test_publishing_a_page_with_its_subpages_checks_the_drafts_below_it(
        self, client, about, moderator
    ):
        image = factories.SiteImageFactory(title="Imported photo", description="")
        parent = page_with(about, live=False, title="Programs")
        child = factories.StandardPageFactory(
            parent=parent, live=False, title="Master's", hero_image=image
        )
        for page in (parent, child):
            page.save_revision(user=moderator)

        content = self.bulk_publish(client, moderator, parent, descendants=True).content.decode()

        assert "Nothing was published" in content and "Master" in content
        parent.refresh_from_db()
        child.refresh_from_db()
        assert not parent.live and not child.live
