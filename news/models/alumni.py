"""Alumni updates ("Share your news" submissions) that staff turned into stories."""

from django.db import models
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from news.models.stories import NewsPage


class AlumniStory(models.Model):
    """Which story an alumni update became, and whether its author has been told it is live."""

    submission = models.OneToOneField(
        FormSubmission, on_delete=models.CASCADE, related_name="alumni_story"
    )
    story = models.OneToOneField(
        NewsPage, null=True, on_delete=models.SET_NULL, related_name="alumni_update"
    )
    email = models.EmailField(
        blank=True, help_text="Where the author asked to hear when the story is published."
    )
    created_at = models.DateTimeField(default=timezone.now)
    author_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "alumni stories"

    def __str__(self):
        return f"Update {self.submission_id} → {self.story or 'deleted story'}"
