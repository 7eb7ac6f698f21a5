"""Filters are parsed once per process (dlhs.models.shared_filter) and still give each image
its own renditions."""

import pytest
from wagtail.images.image_operations import Operation
from wagtail.images.models import Filter

from dlhs.models import shared, shared_filter
from tests.factories import SiteImageFactory

pytestmark = pytest.mark.django_db


def test_a_spec_gives_the_same_filter_as_text_or_as_a_plain_filter():
    assert shared("fill-480x320") is shared_filter("fill-480x320")
    assert shared(Filter(spec="fill-480x320")) is shared_filter("fill-480x320")


def test_a_filter_of_another_kind_is_left_as_it_is():
    class Special(Filter):
        pass

    special = Special(spec="width-100")
    assert shared(special) is special


def test_the_operations_of_a_spec_are_parsed_once(monkeypatch):
    parsed = []
    original = Operation.__init__

    def counting(self, *args):
        parsed.append(args)
        original(self, *args)

    monkeypatch.setattr(Operation, "__init__", counting)
    shared_filter.cache_clear()
    first, second = SiteImageFactory(), SiteImageFactory()
    for image in (first, second, first):
        image.get_renditions("format-webp|width-120", Filter(spec="format-jpeg|width-120"))
    # Two specs of two operations each: four, however many images and renders.
    assert len(parsed) == 4


def test_each_image_keeps_its_own_focal_point_and_renditions():
    centred = SiteImageFactory()
    off_centre = SiteImageFactory(
        focal_point_x=40, focal_point_y=40, focal_point_width=20, focal_point_height=20
    )
    a = centred.get_renditions("fill-100x100")["fill-100x100"]
    b = off_centre.get_renditions("fill-100x100")["fill-100x100"]
    assert (a.image_id, b.image_id) == (centred.pk, off_centre.pk)
    assert a.focal_point_key != b.focal_point_key
    assert a.file.name != b.file.name


def test_a_rendition_read_back_from_the_cache_is_not_written_to_it_again(monkeypatch):
    from dlhs.models import SiteImage, SiteRendition
    from dlhs.seo import SHARE_IMAGE_FILTER, share_rendition

    image = SiteImageFactory()
    made = image.get_renditions("width-120", SHARE_IMAGE_FILTER)  # made and stored once
    backend = SiteRendition.cache_backend
    writes = []
    monkeypatch.setattr(backend, "set", lambda key, *args, **kwargs: writes.append(key))
    monkeypatch.setattr(backend, "set_many", lambda data, *args, **kwargs: writes.extend(data))
    for _ in range(2):
        again = SiteImage.objects.get(pk=image.pk)  # as a page render reads it: no prefetch
        found = again.get_renditions("width-120")["width-120"]
        assert found.pk == made["width-120"].pk and found.image is again
        assert share_rendition(again).pk == made[SHARE_IMAGE_FILTER].pk
    assert writes == []
