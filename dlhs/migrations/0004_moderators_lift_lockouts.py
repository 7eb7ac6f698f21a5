"""Moderators may see and lift sign-in lockouts (Settings → Sign-in lockouts).

New databases get these permissions from 0002 (it reads dlhs.editorial); this gives them to
the Moderators group of a database migrated before.
"""

from django.db import migrations

from dlhs import editorial

CODENAMES = ["view_accessattempt", "delete_accessattempt"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    moderators = Group.objects.filter(name=editorial.MODERATORS).first()
    if moderators is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="axes", model="accessattempt")
    for codename in CODENAMES:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} access attempt"},
        )
        moderators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("dlhs", "0003_footer_link_placement"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
