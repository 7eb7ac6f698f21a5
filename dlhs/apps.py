from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete


class DlhsConfig(AppConfig):
    name = "dlhs"
    verbose_name = "Department site"

    def ready(self):
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from dlhs import link_check, page_review, restrictions, site_roots
        from dlhs.cache import bump_generation, bump_generation_unless_created
        from dlhs.library import register_library_policies
        from dlhs.models import SiteSettings
        from dlhs.site_address import apply_site_url

        post_migrate.connect(apply_site_url, sender=self, dispatch_uid="dlhs-site-url")

        register_library_policies()
        restrictions.install()
        site_roots.install()

        # dispatch_uid keeps one connection per signal however often ready() runs.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump_generation, dispatch_uid=f"page-cache-{id(signal)}")
        post_delete.connect(bump_generation, sender=Page, dispatch_uid="page-cache-page-delete")
        for label in settings.PAGE_CACHE_INVALIDATING_MODELS:
            model = apps.get_model(label)
            on_save = bump_generation_unless_created if model is SiteSettings else bump_generation
            post_save.connect(on_save, sender=model, dispatch_uid=f"page-cache-{label}-save")
            post_delete.connect(
                bump_generation, sender=model, dispatch_uid=f"page-cache-{label}-delete"
            )

        # Owners and review dates, and the links that break when a page goes away.
        page_published.connect(
            page_review.start_review_on_publish, dispatch_uid="page-review-on-publish"
        )
        page_published.connect(
            link_check.forget_links_on_publish, dispatch_uid="broken-links-on-publish"
        )
        page_unpublished.connect(
            link_check.report_links_on_unpublish, dispatch_uid="broken-links-on-unpublish"
        )
        pre_delete.connect(
            link_check.report_links_on_delete, sender=Page, dispatch_uid="broken-links-on-delete"
        )
