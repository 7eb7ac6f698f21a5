"""The people directory and each person's profile page."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images.models import SourceImageIOError
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from dlhs.cache import cached_fragment
from dlhs.fields import optional_reference
from dlhs.images import image_field
from dlhs.models import SiteSettings
from dlhs.pagetree import PlacedByParent
from dlhs.pagination import paginate
from people import accounts, cards, directory, schema, vcard
from people.models.vocabularies import PersonRole, Program

BIO_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class ResearchInterestTag(TaggedItemBase):
    content_object = ParentalKey(
        "people.PersonPage", on_delete=models.CASCADE, related_name="tagged_interests"
    )


class PersonPageQuerySet(PageQuerySet):
    def a_to_z(self):
        """Live, public profiles in A–Z order by family name."""
        return self.live().public().order_by(Lower("family_name"), Lower("title"), "pk")

    def for_directory(self):
        """``a_to_z``, with what a card shows."""
        return (
            self.a_to_z()
            .select_related("photo", "program")
            .prefetch_related("roles", "photo__renditions")
        )

    def in_directory_order(self):
        """``a_to_z``, read for the names only (the cards come from people.cards)."""
        return self.a_to_z().only("title", "family_name")

    def with_role(self, slug):
        return self.filter(roles__slug=slug)

    def alumni(self):
        return self.for_directory().with_role("alumni")

    def alumni_directory(self):
        """Alumni by program, then by graduation year (newest first), A–Z within a year.

        Returns [(program or None, [(year or None, [person, …]), …]), …] with programs in
        A–Z order and alumni without a program last; one query whatever the number.
        """
        alumni = (
            self.live()
            .public()
            .with_role("alumni")
            .select_related("program")
            .only(
                "title", "url_path", "family_name", "graduation_year", "current_position", "program"
            )
            .order_by(
                models.F("program__name").asc(nulls_last=True),
                models.F("graduation_year").desc(nulls_last=True),
                Lower("family_name"),
                Lower("title"),
                "pk",
            )
        )
        return directory.group_alumni(alumni)


PersonPageManager = PageManager.from_queryset(PersonPageQuerySet)

orcid_validator = RegexValidator(
    r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$", "Enter an ORCID iD such as 0000-0002-1825-0097."
)


class PeopleIndexPage(PlacedByParent, Page):
    """The people directory at /people/: everyone, filterable by role and program.

    It stands under the home page, whose ``subpage_types`` name it (see PlacedByParent).
    """

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    max_count = 1
    subpage_types = ["people.PersonPage"]

    per_page = 24

    class Meta:
        verbose_name = "people index page"

    def people(self, role=None, program=None, query=None, interest=None):
        """Profiles A–Z by family name; each argument narrows the list.

        ``role``, ``program`` and ``interest`` are slugs; ``query`` is a name search in which
        every word must appear in the name as shown (so "helen morgan" finds Helen K. Morgan).
        """
        people = PersonPage.objects.child_of(self).in_directory_order()
        if role:
            people = people.with_role(role)
        if program:
            people = people.filter(program__slug=program)
        if interest:
            people = people.filter(research_interests__slug=interest)
        for term in (query or "").split()[: directory.MAX_QUERY_TERMS]:
            people = people.filter(title__icontains=term)
        return people

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The roles and programs to filter by are the same on every visit: read once per change.
        roles, programs = cached_fragment(
            "people-vocabularies",
            lambda: (list(PersonRole.objects.all()), list(Program.objects.all())),
        )
        filters = directory.read_filters(request.GET, roles, programs)
        people = self.people(
            role=filters.role and filters.role.slug,
            program=filters.program and filters.program.slug,
            query=filters.query,
            interest=filters.interest and filters.interest.slug,
        )
        page_obj = paginate(request, people, self.per_page)
        context.update(
            filters=filters,
            page_obj=page_obj,
            people_by_initial=directory.by_initial(
                cards.with_cards(request, page_obj.object_list, PersonPage.objects.for_directory())
            ),
        )
        return context

    @property
    def summary(self):
        return self.search_description or self.intro


class PersonPage(RoutablePageMixin, Page):
    """A person's profile: who they are, what they work on and how to reach them.

    The page title is the name as it is shown ("Helen K. Morgan"); the family name is
    given separately so the directory can sort A–Z. ``vcard/`` gives the contact card.
    """

    serve_select_related = ("photo", "program")  # read with the page (dlhs/routing.py)

    family_name = models.CharField(
        max_length=120, help_text="Used to sort the directory A–Z, e.g. Morgan."
    )
    degrees = models.CharField(max_length=120, blank=True, help_text="e.g. M.D., Ph.D.")
    pronouns = models.CharField(max_length=40, blank=True, help_text="e.g. she/her")
    roles = ParentalManyToManyField(PersonRole, related_name="people", blank=False)
    job_title = models.CharField(
        max_length=255, blank=True, help_text="The main title, e.g. Clinical Professor."
    )
    photo = image_field()
    short_bio = models.TextField(
        max_length=400, blank=True, help_text="A sentence or two for cards and search results."
    )
    bio = RichTextField(blank=True, features=BIO_FEATURES)
    research_interests = ClusterTaggableManager(through=ResearchInterestTag, blank=True)

    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    office = models.CharField(max_length=255, blank=True)
    office_hours = models.CharField(
        max_length=255, blank=True, help_text="e.g. Tuesdays 2–4 pm, or by appointment."
    )
    orcid = models.CharField("ORCID iD", max_length=19, blank=True, validators=[orcid_validator])
    google_scholar_url = models.URLField("Google Scholar", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    website_url = models.URLField("website", blank=True)

    accepting_students = models.BooleanField(
        default=False, help_text="Faculty: shown on the profile for prospective students."
    )
    program = optional_reference(
        Program,
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
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profile_page",
        help_text=(
            "The person's own sign-in account: they may then edit this profile (photo, bio, "
            "interests, links, office hours), their changes going to moderation."
        ),
    )

    objects = PersonPageManager()

    # The owner of the profile sees only the fields they may change (people/accounts.py).
    content_panels = accounts.for_editors_only(
        [
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
                    FieldPanel("office_hours"),
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
            MultiFieldPanel([FieldPanel("account")], heading="Account"),
        ]
    )
    promote_panels = accounts.for_editors_only(Page.promote_panels)
    settings_panels = accounts.for_editors_only(Page.settings_panels)
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
        permissions = [
            ("edit_person_details", "Can edit every field of a profile, not only its owner's")
        ]

    def permissions_for_user(self, user):
        return accounts.ProfileOwnerPermissionTester(user, self)

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

    @property
    def phone_uri(self):
        """The phone number as a tel: URI (digits and a leading +), or ""."""
        digits = "".join(char for char in self.phone if char.isdigit())
        if not digits:
            return ""
        return f"tel:{'+' if self.phone.strip().startswith('+') else ''}{digits}"

    @cached_property
    def role_list(self):
        """The person's roles, read once for the profile and its JSON-LD."""
        return list(self.roles.all())

    def role_slugs(self):
        return {role.slug for role in self.role_list}

    @cached_property
    def interest_list(self):
        """The research interests, read once for the profile, its JSON-LD and its vCard."""
        return list(self.research_interests.all())

    def stories(self):
        """Live stories that name this person, newest first.

        news builds on people, so stories are reached through the reverse relation of the
        story's link to a person (``news_mentions``), never by naming the news app.
        """
        story_model = self.news_mentions.model._meta.get_field("page").related_model
        return story_model.objects.headlines().filter(related_people__person=self)

    def event_list(self):
        """Live events (lectures among them) this person spoke or will speak at, latest first.

        events builds on people, so events are reached through the reverse relation of an
        event's speaker (``event_appearances``), never by naming the events app.
        """
        event_model = self.event_appearances.model._meta.get_field("page").related_model
        events = event_model.objects.live().public().filter(speakers__person=self)
        return list(events.distinct().order_by("-starts_at"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent()
        context.update(
            role_list=self.role_list,
            role_slugs=self.role_slugs(),
            stories=list(self.stories()),
            events=self.event_list(),
            appointment_list=list(self.appointments.all()),
            interest_list=self.interest_list,
            directory_url=parent.get_url(request) if parent else "",
        )
        return context

    def organisation(self, request):
        site_settings = SiteSettings.for_request(request)
        return [
            name
            for name in (site_settings.parent_organisation, site_settings.department_name)
            if name
        ]

    og_type = "profile"

    def structured_data(self, request):
        """schema.org Person for search engines (dlhs.seo puts it in the page's JSON-LD)."""
        return schema.person(
            self,
            profile_url=self.get_full_url(request),
            organisation=self.organisation(request),
            photo_url=self.photo_url(request),
        )

    def photo_url(self, request):
        """The absolute address of a square JPEG of the photo, or "" when there is none."""
        if not self.photo_id:
            return ""
        try:
            rendition = self.photo.get_rendition("fill-640x640|format-jpeg")
        except SourceImageIOError:
            # The file is gone from storage; the page's <picture> copes, so do we.
            return ""
        return request.build_absolute_uri(rendition.url)

    @path("vcard/", name="vcard")
    def vcard_download(self, request):
        body = vcard.person_vcard(
            self,
            profile_url=self.get_full_url(request),
            organisation=self.organisation(request),
            photo_url=self.photo_url(request),
        )
        response = HttpResponse(body, content_type="text/vcard; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.vcf"'
        return response


class PersonAppointment(Orderable):
    """A further title or joint appointment, e.g. in another department."""

    person = ParentalKey(PersonPage, on_delete=models.CASCADE, related_name="appointments")
    title = models.CharField(max_length=255)
    organisation = models.CharField(max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("organisation")])]

    def __str__(self):
        return f"{self.title}, {self.organisation}" if self.organisation else self.title
