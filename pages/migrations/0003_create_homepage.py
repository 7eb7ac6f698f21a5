"""Replace Wagtail's "Welcome" placeholder with the department's home page."""

from django.db import migrations
from django.utils import timezone


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("pages.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    # Wagtail's own migration leaves a plain "Welcome" page at /home/; it holds nothing.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()

    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="pages")
    last_child = Page.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
    next_number = int(last_child.path[-4:], 36) + 1 if last_child else 1
    path = root.path + _base36(next_number).rjust(4, "0")
    locale = Locale.objects.order_by("pk").first()
    now = timezone.now()
    homepage = HomePage.objects.create(
        title="Learning Health Sciences",
        draft_title="Learning Health Sciences",
        slug="home",
        content_type=homepage_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    root.numchild = Page.objects.filter(depth=2, path__startswith=root.path).count()
    root.save(update_fields=["numchild"])

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True)
    else:
        site.root_page = homepage
        site.save(update_fields=["root_page"])


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
    return out or "0"


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_initial"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
