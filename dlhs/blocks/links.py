"""The link block: every link an editor makes inside a StreamField."""

from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from dlhs.links import link_address, link_text, one_target_at_most, shown_page_ids


class LinkValue(blocks.StructValue):
    """A link's address (empty while its page cannot be shown) and the text it shows."""

    @property
    def url(self):
        return link_address(
            page=self.get("page"),
            document=self.get("document"),
            url=self.get("link_url"),
            shown_ids=getattr(self, "shown_page_ids", None),
        )

    @property
    def has_target(self):
        """Whether the editor chose a target (which may not be shown yet)."""
        return bool(self.get("page") or self.get("document") or self.get("link_url"))

    @property
    def text(self):
        return link_text(
            self.get("label"), self.get("page"), self.get("document"), self.get("link_url")
        )


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site, a document, or another site: exactly one of them."""

    label = blocks.CharBlock(required=False, help_text="Leave empty to use the page's title.")
    page = blocks.PageChooserBlock(required=False)
    document = DocumentChooserBlock(required=False)
    link_url = blocks.URLBlock(required=False, label="Web address")

    class Meta:
        icon = "link"
        label = "Link"
        value_class = LinkValue
        description = "A link to a page of this site, a document or another site."
        preview_value = {"label": "Read the strategic plan", "link_url": "https://example.edu/"}

    def __init__(self, *args, required=True, **kwargs):
        self._link_required = required
        super().__init__(*args, **kwargs)

    @property
    def required(self):
        return self._link_required

    def bulk_to_python(self, values):
        # The links of a whole stream are read together: one query says which pages are shown.
        links = super().bulk_to_python(values)
        shown_ids = shown_page_ids([link.get("page") for link in links])
        for link in links:
            link.shown_page_ids = shown_ids
        return links

    def clean(self, value):
        value = super().clean(value)
        chosen = [name for name in ("page", "document", "link_url") if value.get(name)]
        problem = one_target_at_most(chosen, required=self._link_required)
        if problem:
            raise StructBlockValidationError(
                block_errors={name: ErrorList([problem]) for name in chosen or ["page"]}
            )
        if not chosen and value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ErrorList(["A link text needs somewhere to link to."])}
            )
        return value
