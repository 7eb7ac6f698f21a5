"""The page editor's notice of a page's broken links and review date."""

from django import template

from dlhs.models import BrokenLink, PageReview

register = template.Library()


@register.inclusion_tag("dlhs/includes/page_upkeep_notice.html")
def page_upkeep_notice(page):
    return {
        "page": page,
        "broken_links": list(BrokenLink.objects.on_page(page)),
        "review": PageReview.objects.filter(page=page).first(),
    }
