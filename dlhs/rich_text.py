"""Rich-text links to pages follow the rule of every other link (dlhs/links.py).

Wagtail's own handler writes the address of any page, draft or private; this one gives a
page visitors may not see a link with no address (an ``<a>`` without ``href`` reads as plain
text). Imported by the admin hooks only: Wagtail's handler module needs the models loaded.
"""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from dlhs.links import shown_page_ids


class ShownPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        pages = cls.get_many(attrs_list)
        shown_ids = shown_page_ids(pages)
        return [
            f'<a href="{escape(page.localized.url)}">' if page and page.pk in shown_ids else "<a>"
            for page in pages
        ]
