"""What staff see of imports in the admin: sources with "Fetch now" and their last runs, where
a story came from, and alumni updates made into story drafts."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import WorkflowState

from news.models import AlumniStory, ImportedFeedItem, NewsPage, StorySource, StorySourceRun
from people.models import AlumniUpdateFormField, AlumniUpdateFormPage
from tests import factories

pytestmark = pytest.mark.django_db

# Port 9 (discard) on loopback: nothing listens, so a fetch fails at once.
UNREACHABLE_FEED = "http://127.0.0.1:9/feed.rss"


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def health_lab_source(news_index, health_lab):
    return StorySource.objects.create(
        name="Health Lab", feed_url=UNREACHABLE_FEED, category=health_lab
    )


class TestStorySources:
    def test_listing_offers_fetch_now(self, client, moderator, health_lab_source):
        response = client.get(reverse("wagtailsnippets_news_storysource:list"))
        assert response.status_code == 200
        fetch_url = reverse("news_fetch_story_source", args=[health_lab_source.pk])
        assert fetch_url in response.content.decode()

    def test_fetch_now_enqueues_and_the_run_shows_on_the_source(
        self, client, moderator, health_lab_source
    ):
        fetch_url = reverse("news_fetch_story_source", args=[health_lab_source.pk])
        assert client.get(fetch_url).status_code == 200

        response = client.post(fetch_url)

        edit_url = reverse("wagtailsnippets_news_storysource:edit", args=[health_lab_source.pk])
        assert response.status_code == 302 and response.url == edit_url
        run = health_lab_source.runs.get()
        assert run.outcome == StorySourceRun.Outcome.FAILED
        page = client.get(edit_url).content.decode()
        assert "Last runs" in page and run.summary() in page

    @pytest.mark.parametrize("pk", ["999999", "nope"])
    def test_fetch_now_of_no_source_is_404(self, client, moderator, pk):
        assert client.get(f"/admin/news/sources/{pk}/fetch/").status_code == 404

    def test_a_story_says_where_it_was_imported_from(
        self, client, moderator, health_lab_source, add_story
    ):
        story = add_story("Imported story")
        ImportedFeedItem.objects.create(
            source=health_lab_source, guid="hl-1", link="https://hl.example/1", story=story
        )
        page = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
        assert "Where this story came from" in page
        assert "https://hl.example/1" in page


FIELDS = [
    ("Your name", "singleline", True),
    ("Graduation year", "year", True),
    ("Your news", "multiline", True),
    ("Your e-mail address, to hear when your news is published", "email", False),
]


@pytest.fixture
def share_your_news(home, department_news, news_index):
    about = factories.AboutPageFactory(parent=home)
    alumni = factories.AlumniPageFactory(parent=about)
    page = AlumniUpdateFormPage(
        title="Share your news",
        slug="share-your-news",
        form_fields=[
            AlumniUpdateFormField(label=label, field_type=kind, required=required)
            for label, kind, required in FIELDS
        ],
    )
    alumni.add_child(instance=page)
    page.save_revision().publish()
    return page


def submit(form_page, name="Elif Abbott", email="elif@example.org"):
    answers = {
        "singleline": name,
        "year": 2019,
        "multiline": "I started as a data scientist.\n\nAt Example Health.",
        "email": email,
    }
    return FormSubmission.objects.create(
        page=form_page,
        form_data={
            field.clean_name: answers[field.field_type] for field in form_page.form_fields.all()
        },
    )


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


class TestAlumniUpdatesToStories:
    def test_create_draft_story_prefills_it_and_submits_it_to_moderation(
        self, client, moderator, share_your_news
    ):
        person = factories.PersonPageFactory(
            parent=share_your_news.get_parent(), title="Elif Abbott"
        )
        submission = submit(share_your_news)
        listing = client.get(reverse("news_alumni_updates")).content.decode()
        create_url = reverse("news_create_alumni_story", args=[submission.pk])
        assert create_url in listing and "Create draft story" in listing

        response = client.post(create_url)

        story = NewsPage.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_pages:edit", args=[story.pk])
        assert story.title == "News from Elif Abbott (2019)"
        assert story.teaser == "I started as a data scientist. At Example Health."
        assert story.category.slug == "department-news"
        assert [tag.name for tag in story.tags.all()] == ["alumni"]
        assert [link.person_id for link in story.related_people.all()] == [person.pk]
        assert "<p>At Example Health.</p>" in story.body.raw_data[0]["value"]
        assert not story.live
        assert WorkflowState.objects.filter(object_id=str(story.pk), status="in_progress").exists()
        assert AlumniStory.objects.get(submission=submission).story == story

        client.post(create_url)  # twice: still one story
        assert NewsPage.objects.count() == 1
        listing = client.get(reverse("news_alumni_updates")).content.decode()
        assert story.title in listing and create_url not in listing

    def test_the_alum_is_told_once_when_the_story_goes_live(
        self, client, moderator, share_your_news
    ):
        submission = submit(share_your_news)
        client.post(reverse("news_create_alumni_story", args=[submission.pk]))
        story = NewsPage.objects.get()
        assert mails_to("elif@example.org") == []

        story.save_revision().publish()
        story.save_revision().publish()

        [message] = mails_to("elif@example.org")
        assert "published" in message.subject
        assert story.full_url in message.body

    def test_no_address_no_mail(self, client, moderator, share_your_news):
        submission = submit(share_your_news, email="")
        client.post(reverse("news_create_alumni_story", args=[submission.pk]))
        NewsPage.objects.get().save_revision().publish()
        assert [m for m in mail.outbox if m.subject == "Your news was published"] == []

    def test_listing_queries_do_not_grow_with_updates(
        self, client, moderator, share_your_news, django_assert_max_num_queries
    ):
        submit(share_your_news)
        client.post(reverse("news_create_alumni_story", args=[FormSubmission.objects.get().pk]))
        with django_assert_max_num_queries(100) as few:
            client.get(reverse("news_alumni_updates"))
        for _ in range(5):
            submit(share_your_news)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert client.get(reverse("news_alumni_updates")).status_code == 200

    @pytest.mark.parametrize("pk", ["999999", "x"])
    def test_bad_submission_is_404_and_get_is_refused(self, client, moderator, pk):
        assert client.post(f"/admin/news/alumni-updates/{pk}/story/").status_code == 404

    def test_get_of_create_is_not_allowed(self, client, moderator, share_your_news):
        submission = submit(share_your_news)
        url = reverse("news_create_alumni_story", args=[submission.pk])
        assert client.get(url).status_code == 405
        assert NewsPage.objects.count() == 0

    def test_editors_cannot_see_alumni_updates(self, client, django_user_model):
        user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
        user.groups.add(*Group.objects.filter(name="Editors"))
        client.force_login(user)
        assert client.get(reverse("news_alumni_updates")).status_code in (302, 403)
