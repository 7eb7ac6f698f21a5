"""Put the accessibility check in front of Moderator approval, on new and existing sites."""

from django.db import migrations

from dlhs import editorial

ACCESSIBILITY_CHECK = "Accessibility check"


def add_accessibility_check(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    AccessibilityCheckTask = apps.get_model("dlhs.AccessibilityCheckTask")

    workflow = Workflow.objects.filter(name=editorial.MODERATION_WORKFLOW).first()
    if workflow is None:
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="dlhs", model="accessibilitychecktask"
    )
    task = AccessibilityCheckTask.objects.filter(name=ACCESSIBILITY_CHECK).first()
    if task is None:
        task = AccessibilityCheckTask.objects.create(
            name=ACCESSIBILITY_CHECK, content_type=task_type, active=True
        )
    if WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        return
    # First in the workflow: every step already there moves one place down.
    steps = list(WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order"))
    for step in steps:
        step.sort_order += 1
        step.save(update_fields=["sort_order"])
    WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)


def remove_accessibility_check(apps, schema_editor):
    AccessibilityCheckTask = apps.get_model("dlhs.AccessibilityCheckTask")
    AccessibilityCheckTask.objects.filter(name=ACCESSIBILITY_CHECK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dlhs", "0008_accessibility_check_task"),
    ]

    operations = [
        migrations.RunPython(add_accessibility_check, remove_accessibility_check),
    ]
