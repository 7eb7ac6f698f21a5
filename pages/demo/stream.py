"""StreamField data from the copy modules' plain ``(block type, value)`` pairs."""

import uuid

from wagtail import blocks


def new_id():
    return str(uuid.uuid4())


def raw_stream(stream_block, items, pages):
    """The raw data Wagtail stores for ``items``, read against the blocks' definitions.

    The copy leaves out what the editor would add by itself: list items get their wrappers
    and every item an id, a struct's missing fields their defaults, and a page chooser's name
    of a demo page (a key of ``pages``) becomes that page's id. A field the block does not
    have is an error, so a typo in the copy cannot vanish silently.
    """
    return [
        {
            "type": block_type,
            "value": raw_value(stream_block.child_blocks[block_type], value, pages),
            "id": new_id(),
        }
        for block_type, value in items
    ]


def raw_value(block, value, pages):
    if isinstance(block, blocks.StreamBlock):
        return raw_stream(block, value, pages)
    if isinstance(block, blocks.ListBlock):
        return [
            {"type": "item", "value": raw_value(block.child_block, item, pages), "id": new_id()}
            for item in value
        ]
    if isinstance(block, blocks.StructBlock):
        unknown = set(value) - set(block.child_blocks)
        if unknown:
            raise ValueError(f"{block.name or block}: no field {', '.join(sorted(unknown))}")
        return {
            name: (
                raw_value(child, value[name], pages)
                if name in value
                else child.get_prep_value(child.get_default())
            )
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.PageChooserBlock) and isinstance(value, str):
        return pages[value].pk
    return value
