"""Blocks of words: headings, rich text, quotes, calls to action and numbered goals."""

from wagtail import blocks

from dlhs.blocks.links import LinkBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    heading_text = blocks.CharBlock(label="Heading", max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Sub-heading (h3)"), ("h4", "Minor (h4)")],
        default="h2",
        help_text="Use levels in order: a sub-heading belongs under a section heading.",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        template = "blocks/heading_block.html"
        description = "A heading that starts a section of the page (or a part of one)."
        preview_value = {"heading_text": "Learning health systems", "level": "h2"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "blocks/rich_text_block.html"
        description = "Paragraphs with bold, italics, lists, headings and links."
        preview_value = (
            "<p>A <b>learning health system</b> turns the data of everyday care into knowledge, "
            "and that knowledge back into better care.</p>"
            "<ul><li>Data to knowledge</li><li>Knowledge to practice</li></ul>"
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)
    role = blocks.CharBlock(required=False, max_length=255, help_text="e.g. PhD student, HILS")

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "blocks/quote_block.html"
        description = "Someone's words, set apart, with who said them."
        preview_value = {
            "quote": "Every patient's care can teach us how to care for the next one better.",
            "attribution": "A member of the faculty",
            "role": "Professor of Learning Health Sciences",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=255)
    text = blocks.TextBlock(required=False)
    link = LinkBlock()

    class Meta:
        icon = "pick"
        label = "Call to action"
        template = "blocks/call_to_action_block.html"
        description = "A heading, a sentence and a button that leads somewhere."
        preview_value = {
            "heading": "Join the department",
            "text": "Our programs welcome clinicians, scientists and engineers.",
            "link": {"label": "See the programs", "link_url": "https://example.edu/programs"},
        }


class GoalBlock(blocks.StructBlock):
    title = blocks.TextBlock()
    description = blocks.TextBlock(required=False)

    class Meta:
        description = "One goal: what it is and, optionally, a sentence about it."
        preview_value = {"title": "Advance the science of learning health systems"}


class GoalListBlock(blocks.StructBlock):
    """A numbered list of goals, with an optional note after them."""

    heading = blocks.CharBlock(required=False, max_length=255)
    goals = blocks.ListBlock(GoalBlock(), min_num=1)
    note = blocks.TextBlock(required=False, help_text="A closing sentence after the list.")

    class Meta:
        icon = "list-ol"
        label = "Numbered goals"
        template = "blocks/goal_list_block.html"
        description = "A numbered list of goals, with an optional closing sentence."
        preview_value = {
            "heading": "Our goals",
            "goals": [
                {"title": "Advance the science", "description": "Research that others build on."},
                {"title": "Educate leaders", "description": "Programs for every career stage."},
            ],
            "note": "All goals are of equal importance.",
        }
