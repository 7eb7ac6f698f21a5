"""Uploads under /media/ with SERVE_MEDIA: only renditions are public, never the originals.

Originals of documents are read through the document view (/documents/<id>/<name>), which
checks the collection's privacy; originals of images are never served at all.
"""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import clear_url_caches
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

import dlhs.urls
from tests import factories


@pytest.fixture
def serve_media(settings):
    """The site as `make serve` runs it: Django itself answers /media/."""
    settings.SERVE_MEDIA = True
    importlib.reload(dlhs.urls)
    clear_url_caches()
    yield
    settings.SERVE_MEDIA = False
    importlib.reload(dlhs.urls)
    clear_url_caches()


@pytest.fixture
def private_collection(db):
    """A collection only signed-in members of staff may read (Wagtail's collection privacy)."""
    collection = Collection.get_first_root_node().add_child(name="Committee papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Committee"))
    return collection


def stored_document(name, collection=None):
    document = Document(title=name, collection=collection or Collection.get_first_root_node())
    document.file.save(name, ContentFile(b"%PDF-1.4 minutes of the committee"), save=False)
    document.save()
    return document


def under_media(file_field):
    return f"/media/{file_field.name}"


@pytest.mark.django_db
class TestDocuments:
    def test_a_private_document_is_not_served_under_media(
        self, client, serve_media, private_collection
    ):
        document = stored_document("minutes.pdf", private_collection)

        response = client.get(under_media(document.file))

        assert response.status_code == 404
        assert b"minutes of the committee" not in b"".join(response)

    def test_a_public_document_is_not_served_under_media_either(self, client, serve_media):
        document = stored_document("handbook.pdf")

        assert client.get(under_media(document.file)).status_code == 404

    def test_the_document_view_refuses_a_private_document_to_a_visitor(
        self, client, serve_media, private_collection
    ):
        document = stored_document("minutes.pdf", private_collection)

        response = client.get(document.url)

        assert response.status_code in (302, 403)
        assert b"minutes of the committee" not in b"".join(response)

    def test_the_document_view_serves_a_private_document_to_a_member(
        self, client, serve_media, private_collection, django_user_model
    ):
        document = stored_document("minutes.pdf", private_collection)
        member = django_user_model.objects.create_user(username="member", password="pw")  # noqa: S106
        member.groups.add(Group.objects.get(name="Committee"))
        client.force_login(member)

        response = client.get(document.url)

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes of the committee"
        assert "default-src 'none'" in response["Content-Security-Policy"]

    def test_the_document_view_serves_a_public_document_to_anyone(self, client, serve_media):
        document = stored_document("handbook.pdf")

        response = client.get(document.url)

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes of the committee"
        assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
class TestImages:
    def test_the_original_of_a_private_collection_image_is_not_served(
        self, client, serve_media, private_collection
    ):
        image = factories.SiteImageFactory(
            file=factories.jpeg_file("appointment-letter.jpg"), collection=private_collection
        )

        assert client.get(under_media(image.file)).status_code == 404

    def test_no_original_image_is_served_under_media(self, client, serve_media):
        image = factories.SiteImageFactory(file=factories.jpeg_file("lab.jpg"))

        assert client.get(under_media(image.file)).status_code == 404

    def test_the_renditions_a_public_page_shows_are_served(self, client, serve_media, home):
        image = factories.SiteImageFactory(file=factories.jpeg_file("lab.jpg", size=(1200, 800)))
        news = factories.NewsIndexPageFactory(parent=home)
        story = factories.NewsPageFactory(parent=news, hero_image=image)

        html = client.get(story.url).content.decode()
        addresses = {
            candidate.split()[0]
            for tag in BeautifulSoup(html, "html.parser").select("picture source, picture img")
            for candidate in (tag.get("srcset") or tag.get("src")).split(",")
        }

        assert addresses
        for address in addresses:
            assert address.startswith("/media/images/")
            response = client.get(address)
            assert response.status_code == 200, address
            assert response["Content-Type"].startswith("image/")

    def test_a_path_that_climbs_out_of_the_renditions_folder_is_refused(self, client, serve_media):
        image = factories.SiteImageFactory(file=factories.jpeg_file("lab.jpg"))

        response = client.get(f"/media/images/../{image.file.name}")
        encoded = client.get(f"/media/images/%2e%2e/{image.file.name}")

        # Django answers a path outside the folder with 400 (SuspiciousFileOperation).
        assert response.status_code in (400, 404)
        assert encoded.status_code in (400, 404)
