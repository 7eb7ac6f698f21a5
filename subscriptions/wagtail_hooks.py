from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from subscriptions import admin_views
from subscriptions.models import SubscriptionTopic


class SubscriptionTopicViewSet(SnippetViewSet):
    model = SubscriptionTopic
    icon = "mail"
    menu_label = "E-mail update topics"
    list_display = ["name", "kind", "reference", "offered"]
    list_filter = ["kind", "offered"]
    add_to_admin_menu = False


register_snippet(SubscriptionTopicViewSet)


@hooks.register("register_admin_urls")
def subscription_admin_urls():
    return [
        path("email-updates/", admin_views.overview, name="subscriptions_overview"),
        path("email-updates/preview/", admin_views.preview_digest, name="subscriptions_preview"),
        path("email-updates/test/", admin_views.send_test_digest, name="subscriptions_test"),
        path(
            "email-updates/subscribers/",
            admin_views.subscriber_list,
            name="subscriptions_subscribers",
        ),
        path(
            "email-updates/subscribers.csv",
            admin_views.subscriber_csv,
            name="subscriptions_subscribers_csv",
        ),
        path(
            "email-updates/announcement/",
            admin_views.announcement,
            name="subscriptions_announcement",
        ),
    ]


@hooks.register("register_admin_menu_item")
def subscriptions_menu_item():
    return MenuItem(
        "E-mail updates",
        reverse("subscriptions_overview"),
        name="email-updates",
        icon_name="mail",
        order=850,
    )
