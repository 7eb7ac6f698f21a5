"""Editorial groups, their permissions and the moderation workflow, for every deployment.

Permissions and content types are normally created after all migrations have run, so this
migration creates the few it needs itself (as Wagtail's own data migrations do).
"""

from django.db import migrations

from dlhs import editorial


def permission(apps, app_label, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    action, model = codename.split("_", 1)
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model}"},
    )
    return found


def set_up_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    NewsIndexPage = apps.get_model("news.NewsIndexPage")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    groups = {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (editorial.EDITORS, editorial.MODERATORS, editorial.NEWS_EDITORS)
    }

    for name, dotted_names in editorial.GROUP_MODEL_PERMISSIONS.items():
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            groups[name].permissions.add(permission(apps, app_label, codename))

    # Editors may not publish: their changes go through the moderation workflow.
    page_permissions = {
        editorial.EDITORS: editorial.EDITOR_PAGE_PERMISSIONS,
        editorial.MODERATORS: editorial.MODERATOR_PAGE_PERMISSIONS,
    }
    if root_page is not None:
        for name, codenames in page_permissions.items():
            GroupPagePermission.objects.filter(group=groups[name], page=root_page).exclude(
                permission__codename__in=codenames
            ).delete()
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name],
                    page=root_page,
                    permission=permission(apps, "wagtailcore", codename),
                )
    for news_index in NewsIndexPage.objects.all():
        for codename in editorial.NEWS_EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=groups[editorial.NEWS_EDITORS],
                page_id=news_index.pk,
                permission=permission(apps, "wagtailcore", codename),
            )

    if root_collection is not None:
        for group in groups.values():
            for model_label, codenames in editorial.LIBRARY_PERMISSIONS.items():
                app_label = model_label.split(".")[0]
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=permission(apps, app_label, codename),
                    )


def set_up_workflow(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    root_page = Page.objects.filter(depth=1).first()
    moderators = Group.objects.get(name=editorial.MODERATORS)

    # Wagtail's own migration made "Moderators approval"; give it the department's name.
    workflow = (
        Workflow.objects.filter(name__in=[editorial.MODERATION_WORKFLOW, "Moderators approval"])
        .order_by("pk")
        .first()
    )
    if workflow is None:
        workflow = Workflow.objects.create(name=editorial.MODERATION_WORKFLOW, active=True)
    workflow.name = editorial.MODERATION_WORKFLOW
    workflow.active = True
    workflow.save()

    task = GroupApprovalTask.objects.filter(
        name__in=[editorial.MODERATION_WORKFLOW, "Moderators approval"]
    ).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=editorial.MODERATION_WORKFLOW, content_type=task_type, active=True
        )
    task.name = editorial.MODERATION_WORKFLOW
    task.active = True
    task.save()
    task.groups.set([moderators])

    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=WorkflowTask.objects.filter(workflow=workflow).count()
        )
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("dlhs", "0001_initial"),
        ("news", "0002_initial"),
        ("people", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [
        migrations.RunPython(set_up_groups, migrations.RunPython.noop),
        migrations.RunPython(set_up_workflow, migrations.RunPython.noop),
    ]
