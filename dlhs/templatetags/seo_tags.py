"""The <head> metadata of every page: description, canonical URL, link previews, JSON-LD."""

from django import template
from wagtail.models import Page, Site

from dlhs import seo
from dlhs.models import SiteSettings
from dlhs.templatetags.navigation_tags import shown_ancestors

register = template.Library()


@register.inclusion_tag("includes/page_metadata.html", takes_context=True)
def page_metadata(context):
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        return {"page": None}
    site = Site.find_for_request(request)
    site_settings = SiteSettings.for_request(request) if site else None
    data = {"request": request, "page": page, "site_settings": site_settings, "json_ld": []}

    canonical = context.get("canonical_url") or page.get_full_url(request=request)
    data["canonical_url"] = canonical
    data["description"] = seo.meta_description(page)
    data["og_type"] = getattr(page, "og_type", "website")
    image = seo.share_image(page, site_settings)
    rendition = seo.share_rendition(image)
    if rendition is not None:
        data["share_image"] = {
            "url": seo.absolute(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text,
        }

    is_home = site is not None and page.pk == site.root_page_id
    if is_home and site_settings is not None:
        data["json_ld"].append(seo.organisation(site_settings, request, canonical))
    if hasattr(page, "structured_data"):
        data["json_ld"].append(page.structured_data(request))
    if not is_home and page.depth > 2:
        ancestors = shown_ancestors(page)
        crumbs = [(a.title, a.get_full_url(request=request)) for a in ancestors]
        crumbs.append((page.title, page.get_full_url(request=request)))
        data["json_ld"].append(seo.breadcrumb_list(crumbs))
    data["json_ld"] = [seo.json_ld(item) for item in data["json_ld"] if item]
    return data
