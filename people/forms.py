"""The “Share your news” form: its own field types, a honeypot and a per-address rate limit."""

from django import forms
from django.apps import apps
from django.utils import timezone
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES

EARLIEST_GRADUATION_YEAR = 1950
ALUMNI_FORM_FIELD_CHOICES = (
    *FORM_FIELD_CHOICES,
    ("program", "Program (from the Programs list)"),
    ("year", "Graduation year"),
)

# A name no editor-made field can have (their names are snake_case), attractive to bots.
HONEYPOT_FIELD = "your-website"


class AlumniUpdateFormBuilder(FormBuilder):
    """Wagtail's form builder plus two field types that keep alumni answers tidy.

    Numbers, e-mail addresses and links use text inputs with an ``inputmode``: a visitor's
    mistake is shown back to them as typed, which a type="number" or type="url" input
    could not hold in valid HTML.
    """

    def create_email_field(self, field, options):
        options["widget"] = forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"})
        return super().create_email_field(field, options)

    def create_url_field(self, field, options):
        options["widget"] = forms.TextInput(attrs={"inputmode": "url"})
        return super().create_url_field(field, options)

    def create_number_field(self, field, options):
        options["widget"] = forms.TextInput(attrs={"inputmode": "decimal"})
        return super().create_number_field(field, options)

    def create_program_field(self, field, options):
        Program = apps.get_model("people", "Program")
        names = list(Program.objects.order_by("name").values_list("name", flat=True))
        options["choices"] = [("", "Choose a program"), *((name, name) for name in names)]
        return forms.ChoiceField(**options)

    def create_year_field(self, field, options):
        latest = timezone.localdate().year + 1
        options.update(min_value=EARLIEST_GRADUATION_YEAR, max_value=latest)
        message = f"Enter a year from {EARLIEST_GRADUATION_YEAR} to {latest}, such as 2019."
        options["error_messages"] = {"min_value": message, "max_value": message, "invalid": message}
        options["widget"] = forms.TextInput(
            attrs={"inputmode": "numeric", "maxlength": 4, "autocomplete": "off"}
        )
        options["initial"] = options.get("initial") or None
        return forms.IntegerField(**options)


def add_honeypot(form):
    """Add a field people never see; only bots that fill in every input give it a value."""
    form.fields[HONEYPOT_FIELD] = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form.honeypot_name = HONEYPOT_FIELD
    return form


def caught_in_honeypot(form):
    """True when the honeypot was filled in; the value is dropped so it is never stored."""
    return bool(form.cleaned_data.pop(HONEYPOT_FIELD, ""))
