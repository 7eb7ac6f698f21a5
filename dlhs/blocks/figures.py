"""Figures: a comparison table and a cycle diagram, each with its text alternative."""

import hashlib
import math
import textwrap

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import (
    TypedTableBlock,
    TypedTableBlockValidationError,
)


class ComparisonTableBlock(blocks.StructBlock):
    """A table with a header row: columns and rows are added in the editor."""

    intro = blocks.CharBlock(required=False, help_text="An optional sentence above the table.")
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label="Text")),
            (
                "rich_text",
                blocks.RichTextBlock(features=["bold", "italic", "link"], label="Text with links"),
            ),
        ],
        help_text="The column headings form the header row; give the table a caption.",
    )

    class Meta:
        icon = "table"
        label = "Comparison table"
        template = "blocks/comparison_table_block.html"
        description = "A table with a caption and a header row, to compare things side by side."
        preview_value = {
            "intro": "How the two degrees differ.",
            "table": {
                "caption": "Master's and doctoral programs",
                "columns": [
                    {"type": "text", "heading": "Program"},
                    {"type": "text", "heading": "Length"},
                ],
                "rows": [
                    {"values": ["Master's", "Two years"]},
                    {"values": ["PhD", "Five years"]},
                ],
            },
        }

    def clean(self, value):
        value = super().clean(value)
        table = value["table"]
        problems = []
        if not (table.caption or "").strip():
            problems.append("Give the table a caption: it says what the table compares.")
        if not table.columns:
            problems.append("Add at least one column.")
        elif any(not (column.get("heading") or "").strip() for column in table.columns):
            problems.append("Give every column a heading: together they form the header row.")
        if problems:
            raise StructBlockValidationError(
                block_errors={"table": TypedTableBlockValidationError(non_block_errors=problems)}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        table = value["table"]
        context["table_id"] = "table-" + short_digest(
            table.caption or "", *(column.get("heading") or "" for column in table.columns)
        )
        return context


class CycleStageBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=60)
    text = blocks.TextBlock(required=False, max_length=400)

    class Meta:
        description = "One stage of the cycle: its name and a sentence about it."
        preview_value = {"name": "Data", "text": "Care produces data."}


class CycleDiagramBlock(blocks.StructBlock):
    """A cycle of 3–6 stages around a central theme, drawn as an SVG with a text alternative."""

    centre = blocks.CharBlock(label="Title at the centre", max_length=90)
    stages = blocks.ListBlock(CycleStageBlock(), min_num=3, max_num=6)
    description = blocks.TextBlock(
        required=False,
        help_text="What the diagram shows, in words: read out to people who cannot see it.",
    )

    class Meta:
        icon = "rotate"
        label = "Cycle diagram"
        template = "blocks/cycle_diagram_block.html"
        description = "Stages around a theme, drawn as a cycle, with a text alternative."
        preview_value = {
            "centre": "Learning health system",
            "stages": [
                {"name": "Data", "text": "Care produces data."},
                {"name": "Knowledge", "text": "Analysis turns data into knowledge."},
                {"name": "Practice", "text": "Knowledge changes care."},
            ],
            "description": "A cycle from data to knowledge to practice and back to data.",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        names = [stage["name"] for stage in value["stages"]]
        context["diagram_id"] = "cycle-" + short_digest(value["centre"], *names)
        context["diagram"] = cycle_layout(value["centre"], names)
        return context


def short_digest(*parts):
    """A stable id fragment, so a block's ids are the same on every render of a page."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]


BADGE_RADIUS = 12


def cycle_layout(centre_text, names, node_radius=56, arrow_room=56, min_orbit=150.0):
    """Where to draw a cycle diagram: stages clockwise from the top, arcs between them.

    The orbit grows with the number of stages so that every arc between two stages stays long
    enough to carry its arrowhead; the view box is cropped to what is drawn.
    """
    count = len(names)
    # Adjacent stage centres are a chord apart; leave room for two circles and an arrow.
    orbit = max(min_orbit, (2 * node_radius + arrow_room) / (2 * math.sin(math.pi / max(count, 2))))
    centre = orbit + node_radius + 8
    nodes = []
    for index, name in enumerate(names):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = round(centre + orbit * math.cos(angle), 1)
        y = round(centre + orbit * math.sin(angle), 1)
        nodes.append(
            {
                "name": name,
                "number": index + 1,
                "x": x,
                "y": y,
                "r": node_radius,
                "angle": angle,
                # The stage's number sits at the top inside its circle, its name below it.
                "badge_x": x,
                "badge_y": round(y - node_radius + BADGE_RADIUS + 4, 1),
                "lines": text_lines(name, 11, y + BADGE_RADIUS - 5, line_height=16),
            }
        )
    # Each arc runs along the orbit from just outside one stage to just outside the next.
    gap = 2 * math.asin(min(1.0, (node_radius + 6) / (2 * orbit)))
    xs = [value for node in nodes for value in (node["x"] - node_radius, node["x"] + node_radius)]
    ys = [value for node in nodes for value in (node["y"] - node_radius, node["y"] + node_radius)]
    for node in nodes:
        start = node["angle"] + gap
        end = node["angle"] + 2 * math.pi / count - gap
        node["arc"] = (
            f"M {centre + orbit * math.cos(start):.1f} {centre + orbit * math.sin(start):.1f} "
            f"A {orbit:.1f} {orbit:.1f} 0 0 1 "
            f"{centre + orbit * math.cos(end):.1f} {centre + orbit * math.sin(end):.1f}"
        )
        for step in range(9):
            angle = start + (end - start) * step / 8
            xs.append(centre + orbit * math.cos(angle))
            ys.append(centre + orbit * math.sin(angle))
    margin = 8
    left, top = min(xs) - margin, min(ys) - margin
    width, height = max(xs) + margin - left, max(ys) + margin - top
    return {
        "nodes": nodes,
        "centre": round(centre, 1),
        "hub_radius": round(orbit - node_radius - 14, 1),
        "hub_lines": text_lines(centre_text, 15, centre),
        "view_box": f"{left:.1f} {top:.1f} {width:.1f} {height:.1f}",
        "badge_radius": BADGE_RADIUS,
        "width": round(width),
        "height": round(height),
    }


def text_lines(text, width, middle, line_height=17):
    """Wrap ``text`` and give each line the y at which it sits, centred on ``middle``."""
    lines = textwrap.wrap(text, width) or [""]
    first = middle - line_height * (len(lines) - 1) / 2
    return [
        {"text": line, "y": round(first + line_height * index, 1)}
        for index, line in enumerate(lines)
    ]
