"""The site's own background tasks. Each is safe to run twice: a retry or a worker that died
half-way runs it again (see dlhs/background.py). Periodic ones are scheduled in
dlhs/schedule.py; Wagtail enqueues its own (search and reference index updates)."""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from wagtail.admin.mail import send_mail

from dlhs.background import retried
from dlhs.models import WorkerHeartbeat

TASK_RESULTS_KEPT_DAYS = 30


@retried(attempts=8)
def send_notification_email(subject, message, recipients, from_email=None):
    """A notification to staff (such as a new alumni update). Should a worker die between
    sending and recording it, the mail goes out twice: better than not at all."""
    send_mail(subject, message, recipients, from_email)


@retried(attempts=3)
def publish_scheduled_pages():
    """Wagtail's publish_scheduled: pages whose go-live or expiry time has come."""
    call_command("publish_scheduled", verbosity=0)


@retried(attempts=3)
def clear_expired_sessions():
    call_command("clearsessions", verbosity=0)


@retried(attempts=3)
def forget_old_task_results():
    """Finished task results and heartbeats of long-gone workers, after a month."""
    if settings.TASKS_BACKEND == "database":
        call_command("prune_db_task_results", min_age_days=TASK_RESULTS_KEPT_DAYS, verbosity=0)
    cutoff = timezone.now() - timedelta(days=TASK_RESULTS_KEPT_DAYS)
    WorkerHeartbeat.objects.filter(seen_at__lt=cutoff).delete()


@retried(attempts=2)
def check_links():
    """The weekly link check (dlhs/link_check.py); the summary goes to the task's result."""
    from dlhs import link_check  # imported late: tasks are imported while models load

    return str(link_check.check_links())


@retried(attempts=2)
def send_review_reminders():
    """The weekly e-mail to each owner of pages due for review (dlhs/page_review.py)."""
    from dlhs import page_review

    page_review.start_missing_reviews()
    return page_review.send_review_reminders()
