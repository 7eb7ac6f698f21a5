"""Metadata for search engines and link previews: descriptions, share images, JSON-LD.

Page models take part by offering any of:
- ``summary``: a plain-text summary (the meta description when no search description is set);
- ``share_image``: the image for link previews (else the site's default share image);
- ``structured_data(request)``: a schema.org dict for the page's JSON-LD.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.images.models import SourceImageIOError

SHARE_IMAGE_FILTER = "fill-1200x630"
DESCRIPTION_LENGTH = 160
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def meta_description(page):
    text = getattr(page, "search_description", "") or getattr(page, "summary", "") or ""
    text = " ".join(strip_tags(str(text)).split())
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def share_image(page, site_settings):
    image = getattr(page, "share_image", None)
    if image is None and site_settings is not None:
        image = site_settings.default_share_image
    return image


def share_rendition(image):
    """The link-preview rendition, or None when there is no image or its file is missing."""
    if image is None:
        return None
    try:
        return image.get_rendition(SHARE_IMAGE_FILTER)
    except SourceImageIOError:  # the page itself copes with a lost file, and so do previews
        return None


def json_ld(data):
    """Serialise for a <script type="application/ld+json"> element, safe inside HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(JSON_ESCAPES))  # noqa: S308 - markup characters escaped


def absolute(request, url):
    if not url:
        return ""
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def organisation(site_settings, request, home_url):
    data = {
        "@context": "https://schema.org",
        "@type": "CollegeOrUniversity",
        "name": site_settings.department_name,
        "url": home_url,
        "logo": absolute(request, static("img/dlhs-admin-logo.svg")),
    }
    if site_settings.parent_organisation:
        data["parentOrganization"] = {
            "@type": "CollegeOrUniversity",
            "name": site_settings.parent_organisation,
        }
    if site_settings.address:
        data["address"] = " ".join(site_settings.address.split())
    if site_settings.phone:
        data["telephone"] = site_settings.phone
    if site_settings.email:
        data["email"] = site_settings.email
    same_as = [url for _, url in site_settings.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data


def breadcrumb_list(crumbs):
    """``crumbs``: (name, absolute URL) pairs from the home page down to the page itself."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def department(request):
    """The department as publisher or organiser, for other pages' JSON-LD."""
    from wagtail.models import Site

    from dlhs.models import SiteSettings

    site_settings = SiteSettings.for_request(request)
    site = Site.find_for_request(request)
    data = {
        "@type": "CollegeOrUniversity",
        "name": site_settings.department_name,
        "logo": {
            "@type": "ImageObject",
            "url": absolute(request, static("img/dlhs-admin-logo.svg")),
        },
    }
    if site is not None:
        data["url"] = site.root_url + "/"
    return data


def image_url(request, image):
    """The absolute address of the link-preview rendition of ``image``, or ""."""
    rendition = share_rendition(image)
    return absolute(request, rendition.url) if rendition is not None else ""
