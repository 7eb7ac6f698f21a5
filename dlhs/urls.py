from pathlib import Path

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from dlhs import search, views
from dlhs.accounts import oidc
from dlhs.accounts import views as account_views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Before Wagtail's own URLs: these two check secrets without authenticate(), so they
    # are throttled here (sign-in itself is throttled by the authentication backend).
    path(
        "admin/password_reset/",
        views.ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("healthz/worker", views.healthz_worker, name="healthz_worker"),
    # Steps of signing in, open to a session that has not passed its second factor yet (the
    # admin's own URLs would ask for admin access first).
    path("admin/two-factor/verify/", account_views.verify, name="two_factor_verify"),
    path("admin/two-factor/enrol/", account_views.enrol, name="two_factor_enrol"),
    # Single sign-on (404 unless OIDC_CLIENT_ID is set).
    path(
        "accounts/oidc/authenticate/",
        oidc.UniversitySignInView.as_view(),
        name="oidc_authentication_init",
    ),
    path(
        "accounts/oidc/callback/",
        oidc.UniversityCallbackView.as_view(),
        name="oidc_authentication_callback",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search.search, name="search"),
    path("subscribe/", include("subscriptions.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

# Folders of MEDIA_ROOT anyone may read: renditions, which pages show, and the admin's avatar
# pictures (random names). Originals of images (original_images/) and of documents
# (documents/) never are: a document is read through /documents/, which checks its
# collection's privacy. nginx (deploy/nginx/dlhs.conf) and the bucket policy say the same.
PUBLIC_MEDIA_FOLDERS = ["images", "avatar_images"]
# Wagtail's own URLs (password-protected pages, the front-end sign-in) without its page view.
WAGTAIL_UTILITY_URLS = [
    pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"
]

if settings.SERVE_MEDIA:
    # Behind a proxy the proxy (or S3) serves uploads; this is for runs without one.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    # Each folder is its own document root, so "images/../documents/..." cannot climb out.
    urlpatterns += [
        re_path(
            rf"^{media_prefix}{folder}/(?P<path>.*)$",
            serve_file,
            {"document_root": Path(settings.MEDIA_ROOT) / folder},
        )
        for folder in PUBLIC_MEDIA_FOLDERS
    ]

urlpatterns += [
    # Wagtail serves every page of the tree; it must stay last. Its view for page addresses
    # is dlhs.views.serve_page, at the same pattern and name, so page URLs reverse as before.
    path("", include(WAGTAIL_UTILITY_URLS)),
    re_path(wagtail_urls.serve_pattern, views.serve_page, name="wagtail_serve"),
]
