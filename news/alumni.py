"""Alumni updates ("Share your news") made into story drafts, and their authors told when the
story is published."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from wagtail.rich_text import RichText

from dlhs.tasks import send_notification_email
from news.imports import unique_slug
from news.models import AlumniStory, NewsCategory, NewsIndexPage, NewsPage
from people.models import PersonPage

logger = logging.getLogger(__name__)

ALUMNI_TAG = "alumni"
STORY_CATEGORY_SLUG = "department-news"


class AlumniUpdate:
    """One submission read by the type of its form's questions, whatever their labels."""

    def __init__(self, submission, form_fields):
        self.submission = submission
        data = submission.get_data()
        self.answers = {}
        for form_field in form_fields:
            value = data.get(form_field.clean_name)
            if value not in (None, "", []):
                self.answers.setdefault(form_field.field_type, str(value).strip())

    def answer(self, field_type):
        return self.answers.get(field_type, "")

    @property
    def name(self):
        return self.answer("singleline")

    @property
    def news(self):
        return self.answer("multiline")

    @property
    def email(self):
        return self.answer("email")

    def story_title(self):
        about = " ".join(filter(None, [self.answer("program"), self.answer("year")]))
        name = self.name or "an alum"
        return f"News from {name}" + (f" ({about})" if about else "")

    def body(self):
        paragraphs = [line.strip() for line in self.news.splitlines() if line.strip()]
        markup = format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in paragraphs))
        link = self.answer("url")
        if link.startswith(("http://", "https://")):
            markup += format_html('<p><a href="{}">{}</a></p>', link, link)
        return markup


def person_named(name):
    """The profile whose name is exactly the one the alum gave, if there is just one."""
    if not name:
        return None
    people = list(PersonPage.objects.filter(title__iexact=name)[:2])
    return people[0] if len(people) == 1 else None


def create_story_draft(submission, user):
    """The story draft made from an alumni update, submitted to moderation; the existing one
    when the update was made into a story before."""
    existing = AlumniStory.objects.filter(submission=submission, story__isnull=False).first()
    if existing:
        return existing.story
    update = AlumniUpdate(submission, submission.page.specific.form_fields.all())
    index = NewsIndexPage.objects.first()
    if index is None:
        raise ValueError("The site has no news index page to put the story under.")
    with transaction.atomic():
        story = NewsPage(
            title=Truncator(update.story_title()).chars(255),
            slug=unique_slug(index, update.story_title()),
            teaser=Truncator(" ".join(update.news.split()) or update.story_title()).chars(600),
            category=NewsCategory.objects.filter(slug=STORY_CATEGORY_SLUG).first(),
            live=False,
            owner=user,
        )
        story.body = [("paragraph", RichText(update.body()))] if update.news else []
        person = person_named(update.name)
        if person:
            story.related_people.create(person=person)
        story.tags.add(ALUMNI_TAG)
        index.add_child(instance=story)
        story.save_revision(user=user, log_action=True)
        AlumniStory.objects.update_or_create(
            submission=submission, defaults={"story": story, "email": update.email[:254]}
        )
        workflow = story.get_workflow()
        if workflow is not None:
            workflow.start(story, user)
    return story


def tell_author_story_is_live(story, request=None):
    """Enqueue the "your news was published" e-mail, once, when the story has an author who
    asked for it."""
    alumni_story = AlumniStory.objects.filter(story=story, author_notified_at__isnull=True).exclude(
        email=""
    )
    claimed = False
    for record in alumni_story:
        # Claim the record first, so that two publishes at once send one e-mail.
        claimed = AlumniStory.objects.filter(pk=record.pk, author_notified_at__isnull=True).update(
            author_notified_at=timezone.now()
        )
        if claimed:
            send_notification_email.enqueue(
                subject="Your news was published",
                message=(
                    f"Thank you for sharing your news with the department. It is now published "
                    f"on our website:\n\n{story.title}\n{story.get_full_url(request)}\n"
                ),
                recipients=[record.email],
            )
    return bool(claimed)
