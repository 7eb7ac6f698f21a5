from django import forms
from django.conf import settings


class CodeField(forms.CharField):
    """A code as people type it: spaces and dashes between groups are allowed and dropped."""

    def __init__(self, **kwargs):
        super().__init__(
            max_length=24,
            strip=True,
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "autofocus": True}
            ),
            **kwargs,
        )

    def to_python(self, value):
        return "".join(super().to_python(value).replace("-", "").split())


class SecondFactorForm(forms.Form):
    code = CodeField(
        label="Code",
        help_text="The six digits your authenticator app shows, or one of your recovery codes.",
    )
    remember = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = settings.TWO_FACTOR_REMEMBER_DAYS
        if days:
            self.fields["remember"].label = f"Don’t ask again in this browser for {days} days"
        else:
            del self.fields["remember"]


class EnrolmentForm(forms.Form):
    code = CodeField(label="Code from your app", help_text="The six digits the app shows now.")
