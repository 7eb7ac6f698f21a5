from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from dlhs.editorial import grant_news_section
from news.alumni import tell_author_story_is_live
from news.models import NewsIndexPage, NewsPage


@receiver(post_save, sender=NewsIndexPage)
def give_news_editors_the_new_section(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_news_section(instance)


@receiver(page_published, sender=NewsPage)
def tell_alum_their_news_is_live(sender, instance, **kwargs):
    tell_author_story_is_live(instance)
