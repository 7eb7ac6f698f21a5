"""The three topics every deployment starts with, and who may edit topics.

Editors and Moderators manage the topics (Snippets › E-mail update topics). Permissions are
normally created after all migrations have run, so this migration makes the ones it needs.
"""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
TOPIC_PERMISSIONS = ["add", "change", "delete", "view"]
DEFAULT_TOPICS = [
    {
        "name": "Alumni news",
        "slug": "alumni-news",
        "kind": "news-tag",
        "reference": "alumni",
        "description": "Stories about and for our alumni.",
        "sort_order": 10,
    },
    {
        "name": "Department news",
        "slug": "department-news",
        "kind": "news-category",
        "reference": "department-news",
        "description": "Research, people and milestones of the department.",
        "sort_order": 20,
    },
    {
        "name": "Events",
        "slug": "events",
        "kind": "events",
        "reference": "",
        "description": "Lectures, seminars and gatherings, once they are announced.",
        "sort_order": 30,
    },
]


def set_up(apps, schema_editor):
    SubscriptionTopic = apps.get_model("subscriptions", "SubscriptionTopic")
    for fields in DEFAULT_TOPICS:
        SubscriptionTopic.objects.get_or_create(slug=fields["slug"], defaults=fields)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="subscriptions", model="subscriptiontopic"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_subscriptiontopic",
            defaults={"name": f"Can {action} subscription topic"},
        )[0]
        for action in TOPIC_PERMISSIONS
    ]
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_subscribers_topics_and_send_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("dlhs", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
