from django.db.models.signals import post_save
from django.dispatch import receiver

from dlhs.editorial import grant_news_section
from news.models import NewsIndexPage


@receiver(post_save, sender=NewsIndexPage)
def give_news_editors_the_new_section(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_news_section(instance)
