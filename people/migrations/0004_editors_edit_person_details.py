"""Editors and Moderators edit every field of a profile; a profile's owner only some
(people/accounts.py)."""

from django.db import migrations

from dlhs import editorial


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="people", model="personpage")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="edit_person_details",
        defaults={"name": "Can edit every field of a profile, not only its owner's"},
    )
    for group in Group.objects.filter(name__in=[editorial.EDITORS, editorial.MODERATORS]):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_person_account_and_office_hours"),
        ("dlhs", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
