"""Who may do what in the admin: the permission matrix, moderation and scheduled publishing."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Workflow, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from dlhs import editorial
from tests import factories


@pytest.fixture
def tree(home):
    about = factories.AboutPageFactory(parent=home)
    contact = factories.StandardPageFactory(parent=about, title="Contact", slug="contact")
    news = factories.NewsIndexPageFactory(parent=home)
    story = factories.NewsPageFactory(parent=news, title="A story")
    return {"home": home, "about": about, "contact": contact, "news": news, "story": story}


def edit_form_data(client, page, **changes):
    """The page's edit form as the admin renders it, with ``changes`` applied."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamFields are drawn by JavaScript; these test pages have empty bodies.
    data.setdefault("body-count", "0")
    for key, value in changes.items():
        data[key] = value
    return data


@pytest.mark.django_db
class TestPermissionMatrix:
    @pytest.mark.parametrize(
        ("who", "page", "can_edit", "can_publish"),
        [
            ("editor", "about", True, False),
            ("editor", "story", True, False),
            ("moderator", "about", True, True),
            ("moderator", "story", True, True),
            ("news_editor", "about", False, False),
            ("news_editor", "contact", False, False),
            ("news_editor", "story", True, True),
            # They publish stories; the section page itself is the Moderators'.
            ("news_editor", "news", False, False),
        ],
    )
    def test_page_permissions(self, request, tree, who, page, can_edit, can_publish):
        user = request.getfixturevalue(who)
        permissions = tree[page].permissions_for_user(user)

        assert permissions.can_edit() is can_edit
        assert permissions.can_publish() is can_publish

    def test_news_editors_get_a_news_section_created_later(self, home, news_editor):
        second = factories.NewsIndexPageFactory.build(title="Archive", slug="archive")
        # NewsIndexPage.max_count is 1 in the admin; the model API is what a migration uses.
        home.add_child(instance=second)

        assert second.permissions_for_user(news_editor).can_add_subpage()

    def test_news_editor_is_refused_the_about_page_editor(self, client, tree, news_editor):
        client.force_login(news_editor)

        response = client.get(reverse("wagtailadmin_pages:edit", args=[tree["about"].pk]))

        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response.url != reverse("wagtailadmin_pages:edit", args=[tree["about"].pk])

    def test_an_editor_cannot_publish_through_the_admin(self, client, tree, editor):
        client.force_login(editor)
        contact = tree["contact"]
        data = edit_form_data(client, contact, title="Contact us")
        data["action-publish"] = "action-publish"

        client.post(reverse("wagtailadmin_pages:edit", args=[contact.pk]), data)

        contact.refresh_from_db()
        assert contact.title == "Contact"
        assert contact.get_latest_revision().content["title"] == "Contact us"

    def test_a_moderator_publishes_through_the_admin(self, client, tree, moderator):
        client.force_login(moderator)
        contact = tree["contact"]
        data = edit_form_data(client, contact, title="Contact us")
        data["action-publish"] = "action-publish"

        client.post(reverse("wagtailadmin_pages:edit", args=[contact.pk]), data)

        contact.refresh_from_db()
        assert contact.title == "Contact us"
        assert contact.live

    def test_only_moderators_read_form_submissions(self, client, editor, moderator):
        from wagtail.contrib.forms.utils import get_forms_for_user

        from people.models import AlumniUpdateFormPage

        alumni = factories.AlumniPageFactory(
            parent=factories.AboutPageFactory(parent=Page.objects.get(depth=2))
        )
        form_page = AlumniUpdateFormPage(title="Share your news", slug="share")
        alumni.add_child(instance=form_page)

        assert form_page.pk in set(get_forms_for_user(moderator).values_list("pk", flat=True))
        assert not get_forms_for_user(editor).exists()


@pytest.mark.django_db
class TestNewsSectionPage:
    """News editors run the stories under /news/, not the section page itself (issue 12)."""

    def test_a_news_editor_cannot_unpublish_the_section(self, client, tree, news_editor):
        client.force_login(news_editor)
        news = tree["news"]

        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[news.pk]))

        assert response.status_code in (302, 403)
        news.refresh_from_db()
        assert news.live
        assert client.get("/news/").status_code == 200

    def test_a_news_editor_cannot_make_the_section_private(self, client, tree, news_editor):
        client.force_login(news_editor)
        news = tree["news"]

        response = client.post(
            reverse("wagtailadmin_pages:set_privacy", args=[news.pk]),
            {"restriction_type": PageViewRestriction.LOGIN},
        )

        assert response.status_code in (302, 403)
        assert not PageViewRestriction.objects.filter(page=news).exists()
        client.logout()
        assert client.get("/news/").status_code == 200

    def test_a_news_editor_cannot_edit_the_section_page(self, client, tree, news_editor):
        news = tree["news"]
        client.force_login(news_editor)

        form = client.get(reverse("wagtailadmin_pages:edit", args=[news.pk]))
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[news.pk]),
            {"title": "Closed", "slug": "news", "intro": "", "action-publish": "action-publish"},
        )

        assert form.status_code in (302, 403)
        assert response.status_code in (302, 403)
        news.refresh_from_db()
        assert news.title == "News"
        assert not news.revisions.filter(content__title="Closed").exists()

    def test_a_news_editor_cannot_delete_or_move_the_section(self, client, tree, news_editor):
        news = tree["news"]
        client.force_login(news_editor)

        client.post(reverse("wagtailadmin_pages:delete", args=[news.pk]))
        client.post(reverse("wagtailadmin_pages:move_confirm", args=[news.pk, tree["about"].pk]))

        news.refresh_from_db()
        assert news.get_parent().pk == tree["home"].pk
        permissions = news.permissions_for_user(news_editor)
        assert not permissions.can_delete()
        assert not permissions.can_move()
        assert not permissions.can_set_view_restrictions()

    def test_a_news_editor_still_adds_and_publishes_stories(self, client, tree, news_editor):
        news, story = tree["news"], tree["story"]
        client.force_login(news_editor)
        data = edit_form_data(client, story, title="A better story")
        data["action-publish"] = "action-publish"

        client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data)

        story.refresh_from_db()
        assert story.title == "A better story"
        assert story.live
        # Creating a story and publishing it in one go, and ordering the stories, still work.
        permissions = news.permissions_for_user(news_editor)
        assert permissions.can_add_subpage()
        assert permissions.can_publish_subpage()
        assert permissions.can_reorder_children()
        assert story.permissions_for_user(news_editor).can_unpublish()
        explorer = client.get(reverse("wagtailadmin_explore", args=[news.pk]))
        assert explorer.status_code == 200
        assert "A better story" in explorer.content.decode()

    def test_a_moderator_still_runs_the_section_page(self, tree, moderator):
        permissions = tree["news"].permissions_for_user(moderator)

        assert permissions.can_edit()
        assert permissions.can_unpublish()
        assert permissions.can_set_view_restrictions()


@pytest.mark.django_db
class TestModerationWorkflow:
    def test_the_whole_tree_is_under_moderator_approval(self, tree):
        workflow = Workflow.objects.get(name=editorial.MODERATION_WORKFLOW)

        assert workflow.active
        tasks = [task.specific for task in workflow.tasks]
        # The accessibility check (tests/site/test_accessibility.py) comes first.
        assert [task.name for task in tasks] == [
            "Accessibility check",
            editorial.MODERATION_WORKFLOW,
        ]
        assert [group.name for group in tasks[1].groups.all()] == [editorial.MODERATORS]
        assert tree["contact"].get_workflow() == workflow

    def test_editor_submits_and_moderator_approves(self, client, tree, editor, moderator):
        contact = tree["contact"]
        client.force_login(editor)
        data = edit_form_data(client, contact, title="Contact the department")
        data["action-submit"] = "action-submit"
        client.post(reverse("wagtailadmin_pages:edit", args=[contact.pk]), data)

        state = WorkflowState.objects.get(
            base_content_type__model="page", object_id=str(contact.pk)
        )
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        contact.refresh_from_db()
        assert contact.title == "Contact"

        client.force_login(moderator)
        dashboard = client.get(reverse("wagtailadmin_home"))
        assert "Contact the department" in dashboard.content.decode()

        task_state = state.current_task_state
        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[contact.pk, "approve", task_state.pk],
            ),
            {"comment": "Looks good"},
        )
        assert response.status_code in (200, 302)

        contact.refresh_from_db()
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_APPROVED
        assert contact.title == "Contact the department"
        assert contact.live


@pytest.mark.django_db
class TestVisibility:
    def test_anonymous_visitors_never_see_drafts(self, client, tree):
        draft = factories.StandardPageFactory(
            parent=tree["about"], title="Not yet", slug="not-yet", live=False
        )

        assert client.get(draft.url_path.replace("/home", "", 1)).status_code == 404

    def test_anonymous_visitors_cannot_preview(self, client, tree):
        preview = reverse("wagtailadmin_pages:preview_on_edit", args=[tree["contact"].pk])

        response = client.get(preview)

        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response.url


@pytest.mark.django_db
def test_scheduled_pages_go_live_after_publish_scheduled(tree):
    later = factories.StandardPageFactory(
        parent=tree["about"], title="Open day", slug="open-day", live=False
    )
    later.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = later.save_revision()
    revision.publish()
    later.refresh_from_db()
    revision.refresh_from_db()
    assert not later.live
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled", verbosity=0)
    later.refresh_from_db()
    assert not later.live  # not yet: the go-live time is still ahead

    # An hour passes: the scheduled time is now behind us.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)

    later.refresh_from_db()
    assert later.live


@pytest.mark.django_db
def test_expired_pages_are_unpublished_by_publish_scheduled(tree):
    contact = tree["contact"]
    Page.objects.filter(pk=contact.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    call_command("publish_scheduled", verbosity=0)

    contact.refresh_from_db()
    assert not contact.live
    assert contact.expired
