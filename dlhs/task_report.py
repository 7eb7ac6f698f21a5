"""Reports → Background tasks, and the dashboard's warning when no worker runs: what staff
see of the task queue (the classic silent failure is a scheduled page that never goes live
because nothing runs the queue)."""

from datetime import timedelta

import django_filters
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from dlhs.background import last_seen
from dlhs.editorial import MODERATORS
from dlhs.models import WorkerHeartbeat
from dlhs.schedule import PERIODIC_JOBS

# The dashboard warns after this long without a worker (the report shows every heartbeat).
WORKER_SILENCE_WARNING = timedelta(minutes=5)


def is_moderator(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


class TaskResultFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=DBTaskResult._meta.get_field("status").choices, empty_label="Any status"
    )

    class Meta:
        model = DBTaskResult
        fields = ["status"]


class TaskErrorColumn(Column):
    """The exception's last line: enough to tell a refused mail server from a bug."""

    def get_value(self, instance):
        lines = instance.traceback.strip().splitlines()
        return lines[-1] if lines else ""


class BackgroundTasksReport(ReportView):
    page_title = "Background tasks"
    header_icon = "cogs"
    template_name = "dlhs/reports/background_tasks.html"
    index_url_name = "background_tasks_report"
    index_results_url_name = "background_tasks_report_results"
    filterset_class = TaskResultFilterSet
    model = DBTaskResult
    paginate_by = 50
    columns = [
        Column("task_name", label="Task"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("attempt", label="Attempt"),
        DateColumn("enqueued_at", label="Enqueued"),
        DateColumn("finished_at", label="Finished"),
        TaskErrorColumn("error", label="Error"),
    ]
    list_export = ["task_path", "status", "enqueued_at", "started_at", "finished_at", "traceback"]

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    # Moderators may see the report without any permission on the task model itself.
    permission_policy = None

    def get_queryset(self):
        return DBTaskResult.objects.order_by("-enqueued_at")

    def decorate_paginated_queryset(self, object_list):
        for result in object_list:
            result.attempt = result.args_kwargs.get("kwargs", {}).get("attempt", 1)
        return object_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        context["periodic_jobs"] = [(job, job.next_run(now)) for job in PERIODIC_JOBS]
        context["heartbeats"] = WorkerHeartbeat.objects.filter(seen_at__gte=now - timedelta(days=1))
        context["failed_last_day"] = DBTaskResult.objects.failed().filter(
            finished_at__gte=now - timedelta(days=1)
        )
        return context


class BackgroundTasksMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


def background_tasks_menu_item():
    return BackgroundTasksMenuItem(
        "Background tasks",
        reverse("background_tasks_report"),
        name="background-tasks",
        icon_name="cogs",
        order=1100,
    )


class SilentWorkerPanel(Component):
    """A warning on Moderators' dashboards when no worker has been heard of for 5 minutes."""

    name = "silent_worker"
    template_name = "wagtailadmin/home/silent_worker.html"
    order = 50

    def __init__(self, seen_at):
        self.seen_at = seen_at

    def get_context_data(self, parent_context):
        return {"seen_at": self.seen_at, "report_url": reverse("background_tasks_report")}

    @classmethod
    def if_needed(cls):
        if settings.TASKS_BACKEND == "immediate":
            return None  # every task runs in the request: there is no worker to miss
        seen_at = last_seen()
        if seen_at is None or seen_at < timezone.now() - WORKER_SILENCE_WARNING:
            return cls(seen_at)
        return None
