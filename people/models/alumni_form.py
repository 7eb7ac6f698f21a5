"""“Share your news”: the form alumni use to send the department an update."""

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from dlhs.pagetree import PlacedByParent
from dlhs.security import RateLimit
from dlhs.tasks import send_notification_email
from people.forms import (
    ALUMNI_FORM_FIELD_CHOICES,
    AlumniUpdateFormBuilder,
    add_honeypot,
    caught_in_honeypot,
)


class AlumniUpdateFormField(AbstractFormField):
    """A question on the “Share your news” form, as the editor defines it."""

    page = ParentalKey(
        "people.AlumniUpdateFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )
    # Wagtail's types plus "program" (choices from the Programs list) and "year".
    field_type = models.CharField(
        verbose_name="field type", max_length=16, choices=ALUMNI_FORM_FIELD_CHOICES
    )
    field_type.required_on_save = True


class AlumniUpdateFormPage(PlacedByParent, AbstractEmailForm):
    """“Share your news”: alumni send an update that staff may publish as a story.

    It stands under the alumni page, whose ``subpage_types`` name it (see PlacedByParent).
    """

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="E-mail to staff",
        ),
    ]

    max_count = 1
    subpage_types = []

    form_builder = AlumniUpdateFormBuilder
    # Enough for someone correcting an update; a bot gets a 429 after that.
    rate_limit = RateLimit("alumni-update", limit=5, window=60 * 60)

    class Meta:
        verbose_name = "alumni update form"

    @property
    def summary(self):
        return self.search_description or " ".join(strip_tags(self.intro).split())

    def clean(self):
        super().clean()
        if self.to_address and not self.from_address:
            raise ValidationError({"from_address": "Give the address the e-mails come from."})

    def get_submissions_list_view_class(self):
        # Visitors write the cells of the CSV export; none may run as a spreadsheet formula.
        # (Imported here: views cannot be imported while models are still loading.)
        from dlhs.views import FormulaSafeSubmissionsListView

        return FormulaSafeSubmissionsListView

    def send_mail(self, form):
        # The update is saved by now; the mail goes through the task queue, retried until the
        # mail server takes it, so a mail server that is down never fails the visitor.
        send_notification_email.enqueue(
            subject=self.subject,
            message=self.render_email(form),
            recipients=[address.strip() for address in self.to_address.split(",")],
            from_email=self.from_address,
        )

    def get_form(self, *args, **kwargs):
        return add_honeypot(super().get_form(*args, **kwargs))

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        if self.rate_limit.exceeded(request):
            response = TemplateResponse(
                request,
                "people/alumni_update_form_page_rate_limited.html",
                self.get_context(request),
                status=429,
            )
            response["Retry-After"] = str(self.rate_limit.window)
            return response
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if not form.is_valid():
            context = self.get_context(request)
            context["form"] = form
            return TemplateResponse(request, self.get_template(request), context)
        self.rate_limit.record(request)
        if caught_in_honeypot(form):
            # A bot: it gets the usual thank-you, and nothing is stored or e-mailed.
            return self.render_landing_page(request)
        submission = self.process_form_submission(form)
        return self.render_landing_page(request, submission, *args, **kwargs)
