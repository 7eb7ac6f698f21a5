"""The lists editors keep for people: roles (faculty, staff, …) and degree programs."""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel


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
