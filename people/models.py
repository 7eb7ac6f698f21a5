"""The department's people: faculty, staff, students and alumni, each with a profile page."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

BIO_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class PersonRole(models.Model):
    """What someone is to the department: faculty, staff, student, alumni, …"""

    name = models.CharField(max_length=60, unique=True)
    plural_name = models.CharField(max_length=60, help_text="e.g. Faculty, Staff, Students")
    slug = models.SlugField(max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("plural_name")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Program(models.Model):
    """A degree program students study in and alumni graduated from."""

    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(max_length=30, help_text="e.g. HILS PhD")
    slug = models.SlugField(max_length=60, unique=True)
    url = models.URLField(blank=True, help_text="The program's own page, if any.")

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")]),
        FieldPanel("url"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class ResearchInterestTag(TaggedItemBase):
    content_object = ParentalKey(
        "people.PersonPage", on_delete=models.CASCADE, related_name="tagged_interests"
    )


class PersonPageQuerySet(PageQuerySet):
    def for_directory(self):
        """Live, public profiles in A–Z order by family name, with what a card shows."""
        return (
            self.live()
            .public()
            .select_related("photo", "program")
            .prefetch_related("roles")
            .order_by(Lower("family_name"), Lower("title"), "pk")
        )

    def with_role(self, slug):
        return self.filter(roles__slug=slug)

    def alumni(self):
        return self.for_directory().with_role("alumni")


PersonPageManager = PageManager.from_queryset(PersonPageQuerySet)

orcid_validator = RegexValidator(
    r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$", "Enter an ORCID iD such as 0000-0002-1825-0097."
)


class PeopleIndexPage(Page):
    """The people directory at /people/: everyone, filterable by role and program."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["people.PersonPage"]

    class Meta:
        verbose_name = "people index page"

    def people(self, role=None, program=None, query=None):
        people = PersonPage.objects.child_of(self).for_directory()
        if role:
            people = people.with_role(role)
        if program:
            people = people.filter(program__slug=program)
        if query:
            people = people.filter(
                models.Q(title__icontains=query) | models.Q(family_name__icontains=query)
            )
        return people

    @property
    def summary(self):
        return self.search_description or self.intro


class PersonPage(Page):
    """A person's profile: who they are, what they work on and how to reach them.

    The page title is the name as it is shown ("Helen K. Morgan"); the family name is
    given separately so the directory can sort A–Z.
    """

    family_name = models.CharField(
        max_length=120, help_text="Used to sort the directory A–Z, e.g. Morgan."
    )
    degrees = models.CharField(max_length=120, blank=True, help_text="e.g. M.D., Ph.D.")
    pronouns = models.CharField(max_length=40, blank=True, help_text="e.g. she/her")
    roles = ParentalManyToManyField(PersonRole, related_name="people", blank=False)
    job_title = models.CharField(
        max_length=255, blank=True, help_text="The main title, e.g. Clinical Professor."
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    short_bio = models.TextField(
        max_length=400, blank=True, help_text="A sentence or two for cards and search results."
    )
    bio = RichTextField(blank=True, features=BIO_FEATURES)
    research_interests = ClusterTaggableManager(through=ResearchInterestTag, blank=True)

    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    office = models.CharField(max_length=255, blank=True)
    orcid = models.CharField("ORCID iD", max_length=19, blank=True, validators=[orcid_validator])
    google_scholar_url = models.URLField("Google Scholar", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    website_url = models.URLField("website", blank=True)

    accepting_students = models.BooleanField(
        default=False, help_text="Faculty: shown on the profile for prospective students."
    )
    program = models.ForeignKey(
        Program,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="Students and alumni: the program they study in or graduated from.",
    )
    graduation_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    current_position = models.CharField(
        max_length=255, blank=True, help_text="Alumni: where they work now."
    )

    objects = PersonPageManager()

    content_panels = [
        MultiFieldPanel(
            [
                FieldPanel("title", heading="Full name as shown"),
                FieldRowPanel([FieldPanel("family_name"), FieldPanel("degrees")]),
                FieldPanel("pronouns"),
                FieldPanel("roles", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Name and roles",
        ),
        FieldPanel("job_title"),
        InlinePanel("appointments", heading="Other appointments", label="Appointment"),
        FieldPanel("photo"),
        FieldPanel("short_bio"),
        FieldPanel("bio"),
        FieldPanel("research_interests"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("office"),
                FieldPanel("orcid"),
                FieldPanel("google_scholar_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("website_url"),
            ],
            heading="Contact and links",
        ),
        MultiFieldPanel(
            [
                FieldPanel("accepting_students"),
                FieldRowPanel([FieldPanel("program"), FieldPanel("graduation_year")]),
                FieldPanel("current_position"),
            ],
            heading="Students and alumni",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("family_name"),
        index.SearchField("job_title"),
        index.SearchField("short_bio"),
        index.SearchField("bio"),
        index.AutocompleteField("family_name"),
        index.RelatedFields("research_interests", [index.SearchField("name")]),
        index.FilterField("family_name"),
    ]

    parent_page_types = ["people.PeopleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"

    @property
    def display_name(self):
        return f"{self.title}, {self.degrees}" if self.degrees else self.title

    @property
    def summary(self):
        return self.search_description or self.short_bio or self.job_title

    @property
    def share_image(self):
        return self.photo

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    def role_slugs(self):
        return {role.slug for role in self.roles.all()}

    def stories(self):
        """Live stories that name this person, newest first."""
        # news depends on people, so the model is looked up rather than imported.
        NewsPage = apps.get_model("news", "NewsPage")
        return NewsPage.objects.for_listing().filter(related_people__person=self)


class PersonAppointment(Orderable):
    """A further title or joint appointment, e.g. in another department."""

    person = ParentalKey(PersonPage, on_delete=models.CASCADE, related_name="appointments")
    title = models.CharField(max_length=255)
    organisation = models.CharField(max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("organisation")])]

    def __str__(self):
        return f"{self.title}, {self.organisation}" if self.organisation else self.title


class AlumniUpdateFormField(AbstractFormField):
    page = ParentalKey(
        "people.AlumniUpdateFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class AlumniUpdateFormPage(AbstractEmailForm):
    """“Share your news”: alumni send an update that staff may publish as a story."""

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
    parent_page_types = ["pages.AlumniPage"]
    subpage_types = []

    class Meta:
        verbose_name = "alumni update form"

    def clean(self):
        super().clean()
        if self.to_address and not self.from_address:
            raise ValidationError({"from_address": "Give the address the e-mails come from."})
