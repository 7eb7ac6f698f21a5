"""Each publication of an event is a new version for the calendar programs holding it."""

from django.db.models import F
from wagtail.signals import page_published

from events.models import EventPage


def count_publication(sender, instance, **kwargs):
    EventPage.objects.filter(pk=instance.pk).update(sequence=F("sequence") + 1)
    instance.sequence += 1


page_published.connect(count_publication, sender=EventPage)
