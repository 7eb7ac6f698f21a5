"""The sites' root paths, read once per request.

Wagtail's ``Page.get_url`` keeps the sites' root paths on the request it is given. Every
address written without one (the links of StreamField blocks and rich text) read them again
from Django's cache: five reads for the home page, six for the about page, each a round trip
to Redis or a file read on the embedded default. Inside a request the first read now serves
the rest; Wagtail's own ``Site.clear_site_root_paths_cache`` (a site saved or deleted, a
site's root page moved or renamed) drops it. Outside a request nothing is kept.
"""

from wagtail.models import Site

from dlhs.per_request import PerRequest

wagtail_get_site_root_paths = Site.get_site_root_paths
wagtail_clear_site_root_paths_cache = Site.clear_site_root_paths_cache

site_root_paths = PerRequest("dlhs-site-root-paths", wagtail_get_site_root_paths)


def clear_site_root_paths_cache():
    site_root_paths.forget()
    wagtail_clear_site_root_paths_cache()


def install():
    Site.get_site_root_paths = staticmethod(site_root_paths.get)
    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)
    site_root_paths.install()
