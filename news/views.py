"""Admin views of the news app: "Fetch now" for a story source, and alumni updates made into
story drafts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.models import FormSubmission

from dlhs.editorial import can_see_form_submissions
from news.alumni import AlumniUpdate, create_story_draft
from news.models import AlumniStory, StorySource
from news.tasks import import_story_source
from people.models import AlumniUpdateFormPage


class FetchStorySourceView(WagtailAdminTemplateMixin, TemplateView):
    """Asks, then enqueues a fetch of one source (the worker runs it within seconds)."""

    template_name = "news/admin/fetch_story_source.html"
    page_title = "Fetch now"
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("news.change_storysource"):
            raise PermissionDenied
        self.source = get_object_or_404(StorySource, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.source.name

    def edit_url(self):
        return reverse("wagtailsnippets_news_storysource:edit", args=[self.source.pk])

    def post(self, request, *args, **kwargs):
        import_story_source.enqueue(self.source.pk)
        messages.success(
            request,
            f"{self.source.name} will be fetched in a moment; its result appears under "
            "“Last runs”.",
        )
        return redirect(self.edit_url())


def alumni_submissions():
    return FormSubmission.objects.filter(
        page__in=AlumniUpdateFormPage.objects.values("pk")
    ).select_related("page", "alumni_story__story")


class AlumniUpdatesView(WagtailAdminTemplateMixin, TemplateView):
    """Every alumni update, newest first, each with the story it became or a button that
    makes it a story draft."""

    template_name = "news/admin/alumni_updates.html"
    page_title = "Alumni updates"
    header_icon = "group"
    per_page = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_see_form_submissions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submissions = list(alumni_submissions().order_by("-submit_time")[: self.per_page])
        form_fields = {}
        for form_page in AlumniUpdateFormPage.objects.prefetch_related("form_fields"):
            form_fields[form_page.pk] = list(form_page.form_fields.all())
        context["updates"] = [
            (
                AlumniUpdate(submission, form_fields.get(submission.page_id, [])),
                story_of(submission),
            )
            for submission in submissions
        ]
        return context


def story_of(submission):
    try:
        return submission.alumni_story.story
    except AlumniStory.DoesNotExist:
        return None


class CreateAlumniStoryView(WagtailAdminTemplateMixin, TemplateView):
    """POST: make the update a story draft submitted to moderation, and open it."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_form_submissions(request.user):
            raise PermissionDenied
        self.submission = get_object_or_404(alumni_submissions(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            story = create_story_draft(self.submission, request.user)
        except ValueError as error:
            messages.error(request, str(error))
            return redirect("news_alumni_updates")
        messages.success(
            request, f"“{story.title}” is a draft submitted to moderation. Edit it here."
        )
        return redirect("wagtailadmin_pages:edit", story.pk)
