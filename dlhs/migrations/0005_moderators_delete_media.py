"""Moderators may delete (or replace the file of) images and documents that live pages use.

Editors and News editors keep add, change and choose on the library; dlhs/library.py refuses
them deletion and file replacement of media in live use, which now needs this permission.
"""

from django.db import migrations

from dlhs import editorial


def grant_moderators_library_deletion(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    root_collection = Collection.objects.filter(depth=1).first()
    moderators = Group.objects.filter(name=editorial.MODERATORS).first()
    if root_collection is None or moderators is None:
        return
    for model_label, codenames in editorial.MODERATOR_LIBRARY_PERMISSIONS.items():
        app_label, model = model_label.split(".")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for codename in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can delete {model}"},
            )
            GroupCollectionPermission.objects.get_or_create(
                group=moderators, collection=root_collection, permission=permission
            )


def revoke_moderators_library_deletion(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    codenames = [c for names in editorial.MODERATOR_LIBRARY_PERMISSIONS.values() for c in names]
    GroupCollectionPermission.objects.filter(
        group__name=editorial.MODERATORS,
        collection__depth=1,
        permission__codename__in=codenames,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dlhs", "0004_moderators_lift_lockouts"),
    ]

    operations = [
        migrations.RunPython(grant_moderators_library_deletion, revoke_moderators_library_deletion),
    ]
