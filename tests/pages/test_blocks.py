"""The block library: every block renders accessible HTML, and refuses what it cannot show."""

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.models import Document

from dlhs.blocks import BaseStreamBlock, LinkBlock, cycle_layout
from tests.factories import AboutPageFactory, SiteImageFactory

SVG = "{http://www.w3.org/2000/svg}"
STREAM = BaseStreamBlock()


def block(name):
    return STREAM.child_blocks[name]


def render(name, raw):
    child = block(name)
    return child.render(child.to_python(raw))


def soup(html):
    return BeautifulSoup(html, "html.parser")


def link(page=None, url="", label="", document=None):
    return {
        "label": label,
        "page": page.pk if page else None,
        "document": document.pk if document else None,
        "link_url": url,
    }


def cleaned(name, raw):
    child = block(name)
    return child.clean(child.to_python(raw))


def block_errors(name, raw):
    with pytest.raises(StructBlockValidationError) as error:
        cleaned(name, raw)
    return error.value.block_errors


# --- heading, text, quote -------------------------------------------------------------


@pytest.mark.parametrize("level", ["h2", "h3", "h4"])
def test_heading_uses_the_chosen_level(level):
    html = render("heading", {"heading_text": "Our Approach", "level": level})
    heading = soup(html).find(level)
    assert heading.get_text() == "Our Approach"


def test_heading_with_an_unknown_level_falls_back_to_a_section_heading():
    html = render("heading", {"heading_text": "Odd", "level": "script"})
    assert soup(html).find("h2").get_text() == "Odd"
    assert "script" not in html


def test_paragraph_renders_its_rich_text():
    html = render("paragraph", "<p>Learning is <b>predicated</b> on values.</p>")
    div = soup(html).find("div", class_="rich-text")
    assert div.find("p").get_text() == "Learning is predicated on values."


def test_quote_keeps_the_attribution_outside_the_quotation():
    html = render(
        "quote",
        {"quote": "Learn from every encounter.", "attribution": "A. Student", "role": "PhD"},
    )
    figure = soup(html).find("figure")
    assert figure.blockquote.get_text(strip=True) == "Learn from every encounter."
    assert figure.figcaption.get_text() == "A. Student, PhD"


# --- image ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_image_block_uses_its_own_alt_text_caption_and_credit():
    image = SiteImageFactory(description="The library's own alt text", credit="Library credit")
    html = render(
        "image",
        {"image": image.pk, "alt_text": "Students at the whiteboard", "caption": "Day one"},
    )
    figure = soup(html).find("figure")
    assert figure.img["alt"] == "Students at the whiteboard"
    assert figure.img["width"] and figure.img["height"]
    caption = figure.figcaption
    assert "Day one" in caption.get_text()
    assert caption.find(class_="credit").get_text(strip=True).endswith("Library credit")


@pytest.mark.django_db
def test_image_block_requires_alt_text():
    image = SiteImageFactory()
    errors = block_errors("image", {"image": image.pk, "alt_text": "", "caption": "A caption"})
    assert set(errors) == {"alt_text"}
    assert cleaned("image", {"image": image.pk, "alt_text": "A picture"})["alt_text"]


# --- comparison table ----------------------------------------------------------------

TABLE = {
    "intro": "How two ideas differ.",
    "table": {
        "caption": "Prior and DLHS visions of learning",
        "columns": [
            {"type": "text", "heading": "Prior conceptualizations of learning"},
            {"type": "rich_text", "heading": "The DLHS vision of learning"},
        ],
        "rows": [
            {"values": ["Learning is focused on individuals", "<p>At any <b>scale</b></p>"]},
            {"values": ["At a specific time", "<p>Everywhere</p>"]},
        ],
    },
}


def test_comparison_table_is_a_real_captioned_table():
    html = render("comparison_table", TABLE)
    region = soup(html).find(class_="table-wrap")
    table = region.table
    caption = table.caption
    assert caption.get_text() == "Prior and DLHS visions of learning"
    # The scrollable region is reachable by keyboard and named by the caption.
    assert region["role"] == "region"
    assert region["tabindex"] == "0"
    assert region["aria-labelledby"] == caption["id"]
    headers = table.thead.find_all("th")
    assert [th.get_text() for th in headers] == [
        "Prior conceptualizations of learning",
        "The DLHS vision of learning",
    ]
    assert all(th["scope"] == "col" for th in headers)
    rows = table.tbody.find_all("tr")
    assert len(rows) == 2
    assert rows[0].find_all("td")[1].b.get_text() == "scale"


def test_comparison_table_needs_a_caption_and_column_headings():
    raw = {**TABLE, "table": {**TABLE["table"], "caption": " "}}
    raw["table"]["columns"] = [dict(TABLE["table"]["columns"][0]), {"type": "text", "heading": ""}]
    errors = block_errors("comparison_table", raw)
    messages = " ".join(errors["table"].non_block_errors)
    assert "caption" in messages
    assert "heading" in messages
    assert cleaned("comparison_table", TABLE)["table"].caption


# --- cycle diagram -------------------------------------------------------------------


def cycle(stage_count, centre="Health Problem of Interest to a Learning Community"):
    return {
        "centre": centre,
        "stages": [
            {"name": f"Stage number {n}", "text": f"What happens in stage {n}."}
            for n in range(1, stage_count + 1)
        ],
        "description": "A loop that never ends.",
    }


def svg_of(html):
    match = re.search(r"<svg\b.*?</svg>", html, flags=re.S)
    assert match, "no inline SVG"
    return ET.fromstring(match.group(0))  # raises if the SVG is not well-formed XML


@pytest.mark.parametrize("stage_count", [3, 4, 5, 6])
def test_cycle_diagram_is_a_well_formed_accessible_svg(stage_count):
    html = render("cycle_diagram", cycle(stage_count))
    svg = svg_of(html)
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title.text == "Health Problem of Interest to a Learning Community"
    assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert f"{stage_count} stages" in desc.text
    stages = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "cycle__stage"]
    assert len(stages) == stage_count
    # Every arc carries an arrowhead that is defined in this very SVG.
    marker_id = svg.find(f"{SVG}defs/{SVG}marker").get("id")
    arcs = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "cycle__arc"]
    assert len(arcs) == stage_count
    assert {arc.get("marker-end") for arc in arcs} == {f"url(#{marker_id})"}


@pytest.mark.parametrize("stage_count", [3, 4, 5, 6])
def test_cycle_diagram_fits_its_view_box_without_overlaps(stage_count):
    layout = cycle_layout("Centre", [f"Stage {n}" for n in range(stage_count)])
    left, top, width, height = (float(v) for v in layout["view_box"].split())
    nodes = layout["nodes"]
    for node in nodes:
        assert left <= node["x"] - node["r"] and node["x"] + node["r"] <= left + width
        assert top <= node["y"] - node["r"] and node["y"] + node["r"] <= top + height
    # Neighbouring stages leave room between them for an arrow.
    for one, two in zip(nodes, nodes[1:] + nodes[:1], strict=True):
        distance = ((one["x"] - two["x"]) ** 2 + (one["y"] - two["y"]) ** 2) ** 0.5
        assert distance - 2 * one["r"] >= 40
    # The first stage is at the top, and stages go round clockwise.
    assert nodes[0]["y"] == min(node["y"] for node in nodes)
    assert nodes[1]["x"] > nodes[0]["x"]


def test_cycle_diagram_has_a_visible_text_alternative():
    html = render("cycle_diagram", cycle(3))
    caption = soup(html).find("figure").figcaption
    assert "A loop that never ends." in caption.get_text()
    items = caption.find("ol").find_all("li")
    assert [li.strong.get_text() for li in items] == [
        "Stage number 1",
        "Stage number 2",
        "Stage number 3",
    ]
    assert "What happens in stage 2." in items[1].get_text()


def test_two_diagrams_on_a_page_do_not_share_ids():
    one = svg_of(render("cycle_diagram", cycle(3, centre="One")))
    two = svg_of(render("cycle_diagram", cycle(3, centre="Two")))
    assert one.find(f"{SVG}title").get("id") != two.find(f"{SVG}title").get("id")


@pytest.mark.parametrize("stage_count", [2, 7])
def test_cycle_diagram_takes_three_to_six_stages(stage_count):
    with pytest.raises(StructBlockValidationError):
        cleaned("cycle_diagram", cycle(stage_count))


def test_cycle_diagram_escapes_what_editors_type():
    html = render("cycle_diagram", cycle(3, centre='Data & "knowledge" <loop>'))
    svg = svg_of(html)
    assert svg.find(f"{SVG}title").text == 'Data & "knowledge" <loop>'


# --- links, calls to action, cards ----------------------------------------------------


@pytest.mark.django_db
def test_link_block_needs_exactly_one_target(home):
    link_block = LinkBlock()
    nothing = link_block.to_python(link())
    with pytest.raises(StructBlockValidationError) as error:
        link_block.clean(nothing)
    assert set(error.value.block_errors) == {"page"}

    two = link_block.to_python(link(page=home, url="https://example.edu"))
    with pytest.raises(StructBlockValidationError) as error:
        link_block.clean(two)
    assert set(error.value.block_errors) == {"page", "link_url"}

    one = link_block.clean(link_block.to_python(link(url="https://example.edu", label="Go")))
    assert (one.url, one.text) == ("https://example.edu", "Go")


@pytest.mark.django_db
def test_optional_link_may_be_empty_but_not_a_label_alone():
    link_block = LinkBlock(required=False)
    assert link_block.clean(link_block.to_python(link())).url == ""
    with pytest.raises(StructBlockValidationError) as error:
        link_block.clean(link_block.to_python(link(label="Dangling")))
    assert set(error.value.block_errors) == {"label"}


@pytest.mark.django_db
def test_link_text_and_address_come_from_the_target(home):
    document = Document.objects.create(title="Slides", file="documents/slides.pdf")
    link_block = LinkBlock()
    to_page = link_block.to_python(link(page=home))
    assert (to_page.url, to_page.text) == (home.url, home.title)
    to_document = link_block.to_python(link(document=document))
    assert (to_document.url, to_document.text) == (document.url, "Slides")


@pytest.mark.django_db
def test_call_to_action_links_to_its_page(home):
    about = AboutPageFactory(parent=home)
    html = render(
        "call_to_action",
        {"heading": "Explore our DEI Initiatives", "text": "See more.", "link": link(about)},
    )
    section = soup(html).find("section")
    assert section.h2.get_text() == "Explore our DEI Initiatives"
    button = section.find("a", class_="button")
    assert (button["href"], button.get_text()) == (about.url, about.title)


@pytest.mark.django_db
def test_link_cards_title_levels_follow_the_block_heading(home):
    about = AboutPageFactory(parent=home)
    card = {"title": "", "text": "Who we are.", "image": None, "image_alt_text": ""}
    cards = [{**card, "link": link(about)}, {**card, "link": link(url="https://example.edu")}]

    with_heading = soup(render("link_cards", {"heading": "Explore", "cards": cards}))
    assert with_heading.h2.get_text() == "Explore"
    titles = with_heading.find_all("h3", class_="card__title")
    assert [t.get_text() for t in titles] == [about.title, "https://example.edu"]
    assert titles[0].a["href"] == about.url

    without_heading = soup(render("link_cards", {"heading": "", "cards": cards}))
    assert len(without_heading.find_all("h2", class_="card__title")) == 2
    assert not without_heading.find("h3")


@pytest.mark.django_db
def test_link_card_with_an_unpublished_target_is_left_out(home):
    about = AboutPageFactory(parent=home)
    card = {"title": "Gone", "text": "", "image": None, "image_alt_text": ""}
    raw = {"heading": "", "cards": [{**card, "link": link(about)}]}
    about.delete()
    html = render("link_cards", raw)
    assert not soup(html).find("li")


@pytest.mark.django_db
def test_link_card_with_an_image_needs_alt_text(home):
    image = SiteImageFactory()
    card = {"title": "", "text": "", "image": image.pk, "image_alt_text": "", "link": link(home)}
    errors = block_errors("link_cards", {"heading": "", "cards": [card]})
    assert "cards" in errors


# --- video ---------------------------------------------------------------------------


def video(url="", link_url="https://medicine.umich.edu/dept/lhs"):
    return {
        "title": "Essence of Learning Health Systems",
        "video": url or None,
        "description": "The webinar.",
        "link": link(url=link_url, label="Watch on the department's site" if link_url else ""),
    }


@pytest.mark.django_db
def test_video_is_embedded_when_the_provider_answers():
    html = render("video", video("https://www.youtube.com/watch?v=abc123"))
    figure = soup(html).find("figure")
    assert figure.find(class_="embed").iframe["src"].endswith("/embed/abc123")
    assert "Essence of Learning Health Systems" in figure.figcaption.get_text()


@pytest.mark.django_db
def test_video_falls_back_to_a_link_when_it_cannot_be_embedded():
    html = render("video", video("https://vimeo.com/1234"))  # the stand-in cannot reach it
    figure = soup(html).find("figure")
    assert not figure.find("iframe")
    anchor = figure.figcaption.find("a")
    assert anchor["href"] == "https://medicine.umich.edu/dept/lhs"
    assert anchor.get_text() == "Watch on the department's site"


@pytest.mark.django_db
def test_video_without_a_link_falls_back_to_its_own_address():
    html = render("video", video("https://vimeo.com/1234", link_url=""))
    anchor = soup(html).find("figure").figcaption.find("a")
    assert anchor["href"] == "https://vimeo.com/1234"
    assert "Essence of Learning Health Systems" in anchor.get_text()


@pytest.mark.django_db
def test_video_needs_an_address_or_a_link():
    errors = block_errors("video", video("", link_url=""))
    assert set(errors) == {"video"}


# --- goals ---------------------------------------------------------------------------


def test_goals_are_a_numbered_list_with_their_note():
    html = render(
        "goals",
        {
            "heading": "",
            "goals": [
                {"title": "Promote targeted growth.", "description": ""},
                {"title": "Achieve sustainability.", "description": "Of education."},
            ],
            "note": "All of these goals are of high and equal importance.",
        },
    )
    page = soup(html)
    items = page.find("ol", class_="goal-list").find_all("li")
    assert [li.find(class_="goal-list__title").get_text() for li in items] == [
        "Promote targeted growth.",
        "Achieve sustainability.",
    ]
    assert "Of education." in items[1].get_text()
    assert page.find(class_="goals__note").get_text().startswith("All of these goals")
