"""The sign-up form, the subscriber's own settings form and the staff announcement form."""

from django import forms

from people.forms import add_honeypot
from subscriptions.models import Subscriber, SubscriptionTopic


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


def offered_topics():
    return SubscriptionTopic.objects.filter(offered=True)


class SubscriptionChoicesForm(forms.Form):
    topics = TopicChoiceField(
        queryset=SubscriptionTopic.objects.none(),
        error_messages={"required": "Choose at least one topic."},
    )
    frequency = forms.ChoiceField(
        choices=Subscriber.Frequency.choices,
        initial=Subscriber.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        label="How often",
    )

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics if topics is not None else offered_topics()


class SubscribeForm(SubscriptionChoicesForm):
    """Address, topics and frequency; a honeypot is added for bots."""

    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"}),
    )
    field_order = ["email", "topics", "frequency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_honeypot(self)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ManageSubscriptionForm(SubscriptionChoicesForm):
    """A subscriber's topics and frequency; topics no longer offered stay if they had them."""

    def __init__(self, *args, subscriber, **kwargs):
        mine = subscriber.topics.values("pk")
        topics = SubscriptionTopic.objects.filter(pk__in=offered_topics().values("pk")) | (
            SubscriptionTopic.objects.filter(pk__in=mine)
        )
        kwargs.setdefault(
            "initial",
            {"topics": list(subscriber.topics.all()), "frequency": subscriber.frequency},
        )
        super().__init__(*args, topics=topics.distinct(), **kwargs)


class AnnouncementForm(forms.Form):
    """A one-off message to every subscriber of one topic (Moderators only)."""

    topic = forms.ModelChoiceField(queryset=SubscriptionTopic.objects.all())
    subject = forms.CharField(max_length=150)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=10_000,
        help_text="Plain text. Blank lines start new paragraphs; links are written out in full.",
    )

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError("The subject must be one line.")
        return subject
