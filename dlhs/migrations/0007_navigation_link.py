# FooterLink becomes NavigationLink (it also holds the utility bar) and takes the shared link
# fields. RenameModel keeps the rows: the table is renamed and the content type follows.

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dlhs", "0006_worker_heartbeat"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RenameModel(old_name="FooterLink", new_name="NavigationLink"),
        migrations.AlterField(
            model_name="navigationlink",
            name="settings",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="navigation_links",
                to="dlhs.sitesettings",
            ),
        ),
        migrations.AlterField(
            model_name="navigationlink",
            name="link_page",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.page",
                verbose_name="link to a page",
            ),
        ),
        migrations.AlterField(
            model_name="navigationlink",
            name="link_url",
            field=models.URLField(blank=True, verbose_name="link to another site"),
        ),
        migrations.AddField(
            model_name="navigationlink",
            name="link_document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtaildocs.document",
                verbose_name="link to a document",
            ),
        ),
    ]
