"""What happens when a page's moderation is over (WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail reads the setting while it defines its workflow models, so this module imports them
only when a workflow finishes.
"""


def publish_approved_revision(workflow_state, user=None):
    """Publish the revision that every step of the workflow approved.

    Every step approves the latest revision (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT), so
    the accessibility check can be the last to pass: a Moderator approved a page that the check
    then held for an image's alt text, and its author, who may not publish, fixed the image and
    chose "Check and approve". The page then goes live in the name of the Moderator who
    approved that revision, rather than failing for want of the author's permission.
    """
    from wagtail.models import TaskState

    from dlhs.models import AccessibilityCheckTask

    revision = workflow_state.content_object.get_latest_revision()
    permissions = getattr(revision.as_object(), "permissions_for_user", None)
    if user is not None and permissions and not permissions(user).can_publish():
        approval = (
            workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED, revision=revision)
            .exclude(task__in=AccessibilityCheckTask.objects.all())
            .exclude(finished_by=None)
            .order_by("-finished_at")
            .first()
        )
        if approval:
            user = approval.finished_by
    revision.publish(user=user)
