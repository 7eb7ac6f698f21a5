"""Who may delete or replace a file in the image and document libraries (issue 12).

Editors and News editors upload, choose and describe media; deleting or replacing a file that
live content uses would change live pages without moderation, so that is for Moderators.
"""

from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection, ReferenceIndex

from dlhs.models import SiteImage
from events.models import EventDocument
from tests import factories

STAFF = ["editor", "news_editor"]


@pytest.fixture
def live_story(home):
    """A published story whose hero image is in the library."""
    image = factories.SiteImageFactory(file=factories.jpeg_file("hero.jpg"), title="Hero")
    news = factories.NewsIndexPageFactory(parent=home)
    story = factories.NewsPageFactory(parent=news, hero_image=image)
    ReferenceIndex.create_or_update_for_object(story)
    return story


@pytest.fixture
def live_lecture(home):
    """A published lecture whose slides are a document in the library."""
    slides = Document(title="Slides", collection=Collection.get_first_root_node())
    slides.file.save("slides.pdf", ContentFile(b"%PDF-1.4 the slides"), save=False)
    slides.save()
    lectureship = factories.LectureshipPageFactory(parent=factories.AboutPageFactory(parent=home))
    lecture = factories.LectureFactory(parent=lectureship)
    EventDocument.objects.create(page=lecture, document=slides, label="Slides")
    ReferenceIndex.create_or_update_for_object(lecture)
    return lecture


def image_edit_data(image, **changes):
    return {
        "title": image.title,
        "description": image.description,
        "credit": image.credit,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        **changes,
    }


def new_jpeg():
    return SimpleUploadedFile(
        "replacement.jpg", factories.jpeg_file(colour=(200, 0, 0)).read(), "image/jpeg"
    )


def bulk_delete_url(model, *objects):
    url = reverse(
        "wagtail_bulk_action", args=(model._meta.app_label, model._meta.model_name, "delete")
    )
    return url + "?" + urlencode({"id": [obj.pk for obj in objects]}, doseq=True)


@pytest.mark.django_db
class TestImagesLiveContentUses:
    @pytest.mark.parametrize("who", STAFF)
    def test_staff_cannot_delete_a_live_storys_hero_image(self, request, client, live_story, who):
        client.force_login(request.getfixturevalue(who))
        image = live_story.hero_image

        response = client.post(reverse("wagtailimages:delete", args=[image.pk]))

        assert response.status_code in (302, 403)
        assert SiteImage.objects.filter(pk=image.pk).exists()
        live_story.refresh_from_db()
        assert live_story.hero_image_id == image.pk

    @pytest.mark.parametrize("who", STAFF)
    def test_staff_cannot_bulk_delete_it_either(self, request, client, live_story, who):
        client.force_login(request.getfixturevalue(who))
        image = live_story.hero_image

        client.post(bulk_delete_url(SiteImage, image))

        assert SiteImage.objects.filter(pk=image.pk).exists()

    @pytest.mark.parametrize("who", STAFF)
    def test_staff_cannot_replace_its_file(self, request, client, live_story, who):
        client.force_login(request.getfixturevalue(who))
        image = live_story.hero_image
        original = image.file.name

        response = client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            image_edit_data(image, file=new_jpeg()),
        )

        assert response.status_code == 200
        assert "only Moderators may replace" in str(response.context["form"].errors["file"])
        image.refresh_from_db()
        assert image.file.name == original

    @pytest.mark.parametrize("who", STAFF)
    def test_staff_still_fix_its_alt_text(self, request, client, live_story, who):
        client.force_login(request.getfixturevalue(who))
        image = live_story.hero_image

        response = client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            image_edit_data(image, description="Students at the poster session"),
        )

        assert response.status_code == 302
        image.refresh_from_db()
        assert image.description == "Students at the poster session"

    def test_the_edit_form_says_so_before_anyone_tries(self, client, live_story, editor):
        client.force_login(editor)

        response = client.get(reverse("wagtailimages:edit", args=[live_story.hero_image_id]))

        html = response.content.decode()
        assert "only Moderators may replace" in html
        assert reverse("wagtailimages:delete", args=[live_story.hero_image_id]) not in html

    def test_a_moderator_replaces_and_deletes_it(self, client, live_story, moderator):
        client.force_login(moderator)
        image = live_story.hero_image
        original = image.file.name

        replaced = client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            image_edit_data(image, file=new_jpeg()),
        )
        image.refresh_from_db()
        deleted = client.post(reverse("wagtailimages:delete", args=[image.pk]))

        assert replaced.status_code == 302
        assert image.file.name != original
        assert deleted.status_code == 302
        assert not SiteImage.objects.filter(pk=image.pk).exists()

    def test_an_editor_deletes_an_image_nothing_live_uses(self, client, editor):
        client.force_login(editor)
        spare = factories.SiteImageFactory(uploaded_by_user=editor)

        response = client.post(reverse("wagtailimages:delete", args=[spare.pk]))

        assert response.status_code == 302
        assert not SiteImage.objects.filter(pk=spare.pk).exists()

    def test_a_draft_does_not_make_an_image_live(self, live_story, editor):
        from wagtail.permissions import policy_registry

        image = live_story.hero_image
        policy = policy_registry.get(image)
        assert not policy.user_has_permission_for_instance(editor, "delete", image)

        live_story.unpublish()
        ReferenceIndex.create_or_update_for_object(live_story)

        assert policy.user_has_permission_for_instance(editor, "delete", image)


@pytest.mark.django_db
class TestDocumentsLiveContentUses:
    @pytest.mark.parametrize("who", STAFF)
    def test_staff_cannot_delete_a_live_lectures_slides(self, request, client, live_lecture, who):
        client.force_login(request.getfixturevalue(who))
        slides = live_lecture.documents.get().document

        response = client.post(reverse("wagtaildocs:delete", args=[slides.pk]))
        client.post(bulk_delete_url(Document, slides))

        assert response.status_code in (302, 403)
        assert Document.objects.filter(pk=slides.pk).exists()

    @pytest.mark.parametrize("who", STAFF)
    def test_staff_cannot_replace_the_slides(self, request, client, live_lecture, who):
        client.force_login(request.getfixturevalue(who))
        slides = live_lecture.documents.get().document
        original = slides.file.name

        response = client.post(
            reverse("wagtaildocs:edit", args=[slides.pk]),
            {
                "title": "Slides",
                "tags": "",
                "file": SimpleUploadedFile("other.pdf", b"%PDF-1.4 something else"),
            },
        )

        assert response.status_code == 200
        assert "only Moderators may replace" in str(response.context["form"].errors["file"])
        slides.refresh_from_db()
        assert slides.file.name == original
        with slides.file.open() as stored:
            assert stored.read() == b"%PDF-1.4 the slides"

    def test_a_moderator_replaces_and_deletes_the_slides(self, client, live_lecture, moderator):
        client.force_login(moderator)
        slides = live_lecture.documents.get().document

        replaced = client.post(
            reverse("wagtaildocs:edit", args=[slides.pk]),
            {
                "title": "Slides",
                "tags": "",
                "file": SimpleUploadedFile("new.pdf", b"%PDF-1.4 corrected slides"),
            },
        )
        deleted = client.post(reverse("wagtaildocs:delete", args=[slides.pk]))

        assert replaced.status_code == 302
        assert deleted.status_code == 302
        assert not Document.objects.filter(pk=slides.pk).exists()
