"""People from a spreadsheet: import profiles from CSV or XLSX, and export them the same way.

Built on django-import-export's ``ModelResource`` (fields, widgets, per-row results, dry run),
with the parts a Wagtail page needs done here:

- a row finds its profile by e-mail address (any case), else by ORCID iD; otherwise it makes a
  new profile under the people directory;
- nothing is published: each new or changed profile gets a new draft revision, submitted to
  the moderation workflow (a profile already in moderation keeps its place there);
- a row whose values are those of the profile's latest revision changes nothing;
- a row with a problem (unknown role or program, bad e-mail address or ORCID iD, …) is
  reported with its line and left out; the other rows are imported.

The export writes the same columns, so an exported file imports without changes. Cells a
spreadsheet would run as formulas get a leading apostrophe (dlhs/csv_safety.py), which the
import takes off again.
"""

import io
from urllib.parse import urljoin

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from import_export import fields, resources, widgets
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from dlhs import outbound
from dlhs.csv_safety import FORMULA_STARTS, neutralise_formula
from people.models import PeopleIndexPage, PersonPage, PersonRole, Program

FORMATS = ("csv", "xlsx")
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
ROLE_SEPARATOR = ";"


class NamedRolesWidget(widgets.Widget):
    """Roles by name, separated by semicolons; an unknown name is an error of the row."""

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in str(value or "").split(ROLE_SEPARATOR) if name.strip()]
        roles = {role.name.lower(): role for role in PersonRole.objects.all()}
        unknown = [name for name in names if name.lower() not in roles]
        if unknown:
            raise ValueError(
                f"Unknown role: {', '.join(unknown)}. Known roles: "
                f"{', '.join(role.name for role in roles.values())}."
            )
        if not names:
            raise ValueError("Give at least one role.")
        return [roles[name.lower()] for name in names]

    def render(self, value, obj=None, **kwargs):
        return f"{ROLE_SEPARATOR} ".join(role.name for role in value.all())


class ProgramWidget(widgets.Widget):
    """A program by its name or short name; empty for none."""

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            return None
        for program in Program.objects.all():
            if name.lower() in (program.name.lower(), program.short_name.lower()):
                return program
        raise ValueError(f"Unknown program: {name}.")

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return str(value).strip() if value is not None else ""


class ClassYearWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ValueError, ArithmeticError) as error:
            raise ValueError(f"Class year must be a year such as 2019, not “{value}”.") from error

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class PhotoField(fields.Field):
    """The photo as a web address: fetched through dlhs.outbound and added to the library.

    A photo whose bytes are those of the profile's photo (or of another library image) is not
    added again, so an exported file, whose photo addresses point at this site's own files,
    imports without changes. An empty cell leaves the photo as it is.
    """

    def __init__(self):
        super().__init__(attribute="photo", column_name="Photo address", widget=widgets.Widget())

    def clean(self, row, **kwargs):
        return str(row.get(self.column_name) or "").strip()

    def save(self, instance, row, is_m2m=False, **kwargs):
        address = self.clean(row)
        if not address:
            return
        body = download_photo(address)
        digest = hash_filelike(io.BytesIO(body))
        if instance.photo is not None and instance.photo.get_file_hash() == digest:
            return
        known = get_image_model().objects.filter(file_hash=digest).order_by("pk").first()
        if known is not None:
            instance.photo = known
        else:
            # Saved with the profile (save_instance), never in a preview.
            instance.photo = None
            instance.pending_photo = (address, body)

    def get_value(self, instance):
        return instance.photo

    def export(self, instance, **kwargs):
        if getattr(instance, "pending_photo", None):
            return instance.pending_photo[0]
        if instance.photo is None:
            return ""
        return urljoin(settings.WAGTAILADMIN_BASE_URL, instance.photo.file.url)


def download_photo(address):
    try:
        response = outbound.fetch(address, max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    except outbound.OutboundError as error:
        raise ValueError(f"Photo address: {error}.") from error
    if response.status != 200:
        raise ValueError(f"Photo address: the server answered {response.status}.")
    try:
        with PILImage.open(io.BytesIO(response.body)) as picture:
            picture.verify()
            kind = (picture.format or "").lower()
    except (OSError, SyntaxError, ValueError) as error:
        raise ValueError("Photo address: the file there is not a picture.") from error
    if kind not in ("jpeg", "png", "gif", "webp"):
        raise ValueError(f"Photo address: a {kind or 'file of this'} kind cannot be used.")
    return response.body


def save_pending_photo(page):
    address, body = page.pending_photo
    extension = {"JPEG": "jpg"}.get(PILImage.open(io.BytesIO(body)).format, "img")
    name = slugify(page.title) or "person"
    image = get_image_model()(
        title=f"Photo of {page.title}",
        description=f"Photo of {page.title}",
        file=ImageFile(io.BytesIO(body), name=f"{name}.{extension.lower()}"),
        collection=Collection.get_first_root_node(),
        file_size=len(body),
        file_hash=hash_filelike(io.BytesIO(body)),
    )
    image.save()
    page.photo = image
    page.pending_photo = None


def column(attribute, name, widget=None):
    return fields.Field(attribute=attribute, column_name=name, widget=widget or TextWidget())


class PersonResource(resources.ModelResource):
    """One row per profile; the columns editors see in the file."""

    name = column("title", "Name")
    family_name = column("family_name", "Family name")
    roles = column("roles", "Roles", NamedRolesWidget())
    job_title = column("job_title", "Title")
    email = column("email", "E-mail")
    orcid = column("orcid", "ORCID")
    program = column("program", "Program", ProgramWidget())
    graduation_year = column("graduation_year", "Class year", ClassYearWidget())
    photo = PhotoField()

    class Meta:
        model = PersonPage
        fields = import_order = export_order = (
            "name",
            "family_name",
            "roles",
            "job_title",
            "email",
            "orcid",
            "program",
            "graduation_year",
            "photo",
        )
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        skip_html_diff = True
        store_row_values = True

    def __init__(self, user=None, directory=None):
        super().__init__()
        self.user = user
        self.directory = directory

    def get_queryset(self):
        return PersonPage.objects.child_of(self.directory) if self.directory else PersonPage.objects

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            # Undo the export's formula guard, so an exported file imports unchanged.
            if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_STARTS:
                row[key] = value[1:]
        name = str(row.get("Name") or "").strip()
        if name and not str(row.get("Family name") or "").strip():
            row["Family name"] = name.split()[-1]

    def get_instance(self, instance_loader, row):
        email = str(row.get("E-mail") or "").strip()
        orcid = str(row.get("ORCID") or "").strip()
        people = PersonPage.objects.all()
        found = None
        if email:
            found = people.filter(email__iexact=email).order_by("pk").first()
        if found is None and orcid:
            found = people.filter(orcid=orcid).order_by("pk").first()
        # The latest revision is what the next import compares with and builds on.
        return found.get_latest_revision_as_object() if found else None

    def init_instance(self, row=None):
        return PersonPage(live=False)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        # Field checks only: the page's place in the tree and its slug are set when it is saved.
        exclude = [*errors, "path", "depth", "slug", "url_path", "draft_title", "content_type"]
        try:
            instance.clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not (instance.title or "").strip() and "title" not in errors:
            errors["title"] = ValidationError("Give the person's name.")
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or original.pk is None:
            return False
        return self.values(instance) == self.values(original)

    def values(self, page):
        return [self.export_field(field, page) for field in self.get_import_fields()]

    def save_instance(self, instance, is_create, row, **kwargs):
        if kwargs.get("dry_run"):
            return  # A preview checks every row and saves nothing (and tells no Moderator).
        if getattr(instance, "pending_photo", None):
            save_pending_photo(instance)
        if is_create:
            instance.slug = available_slug(self.directory, instance.title)
            instance.owner = self.user
            self.directory.add_child(instance=instance)
        instance.save_revision(user=self.user, log_action=True)
        state = instance.current_workflow_state
        workflow = instance.get_workflow()
        if state is None and workflow is not None:
            workflow.start(instance, self.user)

    def save_m2m(self, instance, row, **kwargs):
        pass  # Roles are part of the page's revision (a ParentalManyToManyField).

    def export_values(self, page):
        return [self.export_field(field, page) for field in self.get_export_fields()]


def available_slug(parent, title):
    base = slugify(title)[:200] or "person"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read (not a row of it)."""


def read_dataset(data, file_format):
    if file_format not in FORMATS:
        raise SpreadsheetError("Upload a .csv or .xlsx file.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise SpreadsheetError("The file is larger than 2 MB.")
    try:
        if file_format == "csv":
            dataset = tablib.Dataset().load(data.decode("utf-8-sig"), format="csv")
        else:
            dataset = tablib.Dataset().load(io.BytesIO(data), format="xlsx")
    except Exception as error:  # tablib and openpyxl raise many kinds for a damaged file
        raise SpreadsheetError(f"The file cannot be read as {file_format.upper()}.") from error
    missing = {"Name", "Roles"} - set(dataset.headers or [])
    if missing:
        raise SpreadsheetError(
            f"The first row must name the columns; missing: {', '.join(sorted(missing))}."
        )
    return dataset


def import_people(data, file_format, user, dry_run=True):
    """Import (or, with ``dry_run``, preview) people from a spreadsheet's bytes.

    Returns django-import-export's ``Result``: ``rows`` (new, update, skip or invalid, with
    ``validation_error``), ``invalid_rows`` and ``totals``.
    """
    directory = PeopleIndexPage.objects.first()
    if directory is None:
        raise SpreadsheetError("Create the people directory page first.")
    dataset = read_dataset(data, file_format)
    resource = PersonResource(user=user, directory=directory)
    with transaction.atomic():
        return resource.import_data(dataset, dry_run=dry_run, raise_errors=False)


def export_people(file_format):
    """Every profile (its latest revision) as a spreadsheet in the import's columns."""
    resource = PersonResource()
    pages = PersonPage.objects.order_by("family_name", "title", "pk")
    dataset = tablib.Dataset(headers=resource.get_export_headers())
    for page in pages:
        latest = page.get_latest_revision_as_object()
        dataset.append([neutralise_formula(value) for value in resource.export_values(latest)])
    return dataset.export(file_format)
