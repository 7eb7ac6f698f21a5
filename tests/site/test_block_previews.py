"""Editors see what a block does before adding it: a description and a preview of each."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail import blocks

from news.models import NewsPage
from pages.models import HomePage
from tests.factories import SiteImageFactory

BODIES = {"department page": HomePage, "story": NewsPage}
OWN_MODULES = ("dlhs.", "news.", "people.", "pages.")


def body_blocks(model):
    return model._meta.get_field("body").stream_block.child_blocks


def own_blocks(block):
    """``block`` and every block of ours inside it (Wagtail's field blocks aside)."""
    if type(block).__module__.startswith(OWN_MODULES):
        yield block
    children = getattr(block, "child_blocks", None)
    if isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    for child in (children or {}).values():
        yield from own_blocks(child)


def has_preview_value(block):
    overridden = type(block).get_preview_value is not blocks.Block.get_preview_value
    return hasattr(block.meta, "preview_value") or overridden


@pytest.mark.parametrize("body", BODIES)
def test_every_block_has_a_description_and_a_preview_value(body):
    found = [block for top in body_blocks(BODIES[body]).values() for block in own_blocks(top)]
    missing = [
        type(block).__name__
        for block in found
        if not block.get_description() or not has_preview_value(block)
    ]

    assert len(found) >= 12
    assert not missing, missing


@pytest.mark.parametrize("body", BODIES)
def test_every_block_is_offered_with_a_preview(body):
    assert all(block.is_previewable for block in body_blocks(BODIES[body]).values())


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(body_blocks(HomePage)))
def test_the_admin_renders_each_preview(admin_client, name):
    SiteImageFactory(description="A seminar")  # the image block previews the library's first
    block = body_blocks(HomePage)[name]

    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("link", rel="stylesheet")["href"].endswith("site.css")
    shown = page.main.get_text(" ", strip=True)
    expected = BeautifulSoup(block.render(block.get_preview_value()), "html.parser")
    assert expected.get_text(strip=True), name  # every preview says something
    assert expected.get_text(" ", strip=True) in shown
