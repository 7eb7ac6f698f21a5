"""People from a spreadsheet: import (CSV and XLSX, dry run, matching, bad rows) and export."""

import base64
import csv
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import openpyxl
import pytest
import tablib
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState

from dlhs import editorial
from dlhs.models import SiteImage
from people import spreadsheet
from people.models import PersonPage
from tests import factories

HEADERS = ["Name", "Roles", "Title", "E-mail", "ORCID", "Program", "Class year"]
ADA = ["Ada Lovelace", "Faculty", "Professor", "ada@example.edu", "0000-0002-1825-0097", "", ""]
GRACE = [
    "Grace Hopper",
    "Alumni; Staff",
    "Analyst",
    "grace@example.edu",
    "",
    "Health Infrastructure",
    2019,
]
BAD = ["Nobody Known", "Wizard", "", "not-an-address", "", "Astrology", "soon"]


def csv_bytes(*rows, headers=HEADERS):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def xlsx_bytes(*rows):
    return tablib.Dataset(*rows, headers=HEADERS).export("xlsx")


@pytest.fixture
def directory(home):
    factories.PersonRoleFactory(name="Faculty")
    factories.PersonRoleFactory(name="Staff")
    factories.PersonRoleFactory(name="Alumni")
    factories.ProgramFactory(name="Health Infrastructure", short_name="HILS")
    return factories.PeopleIndexPageFactory(parent=home)


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name=editorial.EDITORS))
    return user


def in_moderation(page):
    return WorkflowState.objects.filter(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


@pytest.mark.django_db
class TestImport:
    def test_new_people_become_drafts_in_moderation(self, directory, editor):
        result = spreadsheet.import_people(csv_bytes(ADA, GRACE), "csv", editor, dry_run=False)

        assert result.totals["new"] == 2 and result.totals["invalid"] == 0
        grace = PersonPage.objects.child_of(directory).get(email="grace@example.edu")
        assert not grace.live
        latest = grace.get_latest_revision_as_object()
        assert latest.family_name == "Hopper"
        assert sorted(role.name for role in latest.roles.all()) == ["Alumni", "Staff"]
        assert latest.program.short_name == "HILS" and latest.graduation_year == 2019
        assert in_moderation(grace)

    def test_a_dry_run_saves_nothing(self, directory, editor):
        result = spreadsheet.import_people(csv_bytes(ADA, GRACE), "csv", editor, dry_run=True)

        assert result.totals["new"] == 2
        assert not PersonPage.objects.exists()
        assert not WorkflowState.objects.exists()

    def test_importing_the_same_file_twice_changes_nothing_the_second_time(self, directory, editor):
        data = csv_bytes(ADA, GRACE)
        spreadsheet.import_people(data, "csv", editor, dry_run=False)
        revisions = sorted(p.revisions.count() for p in PersonPage.objects.all())

        again = spreadsheet.import_people(data, "csv", editor, dry_run=False)

        assert again.totals["skip"] == 2 and again.totals["new"] == again.totals["update"] == 0
        assert sorted(p.revisions.count() for p in PersonPage.objects.all()) == revisions
        assert PersonPage.objects.count() == 2

    def test_a_bad_row_is_reported_and_the_good_rows_imported(self, directory, editor):
        result = spreadsheet.import_people(csv_bytes(ADA, BAD, GRACE), "csv", editor, False)

        assert result.totals["new"] == 2 and result.totals["invalid"] == 1
        assert set(PersonPage.objects.values_list("title", flat=True)) == {
            "Ada Lovelace",
            "Grace Hopper",
        }
        [invalid] = result.invalid_rows
        assert invalid.number == 2  # the second row of data, line 3 of the file
        problems = " ".join(m for ms in invalid.error.message_dict.values() for m in ms)
        assert "Unknown role: Wizard" in problems
        assert "Unknown program: Astrology" in problems
        assert "valid email" in problems and "Class year" in problems

    def test_xlsx_imports_like_csv(self, directory, editor):
        result = spreadsheet.import_people(xlsx_bytes(ADA, GRACE), "xlsx", editor, False)

        assert result.totals["new"] == 2
        grace = PersonPage.objects.get(email="grace@example.edu")
        assert grace.get_latest_revision_as_object().graduation_year == 2019

    def test_a_row_updates_the_profile_with_its_email_or_orcid(self, directory, editor):
        by_email = factories.PersonPageFactory(
            parent=directory, title="Grace Hopper", email="Grace@Example.edu", job_title="Intern"
        )
        by_orcid = factories.PersonPageFactory(
            parent=directory, title="Ada L.", orcid="0000-0002-1825-0097", job_title="Lecturer"
        )
        ada = [*ADA[:3], "", *ADA[4:]]  # no e-mail address: found by ORCID iD

        result = spreadsheet.import_people(csv_bytes(ada, GRACE), "csv", editor, False)

        assert result.totals["update"] == 2 and PersonPage.objects.count() == 2
        by_email.refresh_from_db()
        # The live profile is unchanged until a Moderator approves the new draft.
        assert by_email.live and by_email.job_title == "Intern"
        assert by_email.get_latest_revision_as_object().job_title == "Analyst"
        by_orcid = PersonPage.objects.get(pk=by_orcid.pk)
        assert by_orcid.get_latest_revision_as_object().title == "Ada Lovelace"
        assert in_moderation(by_email) and in_moderation(by_orcid)

    def test_a_file_without_the_columns_is_refused(self, directory, editor):
        with pytest.raises(spreadsheet.SpreadsheetError, match="missing: Roles"):
            spreadsheet.import_people(csv_bytes(["Ada"], headers=["Name"]), "csv", editor)
        with pytest.raises(spreadsheet.SpreadsheetError, match="XLSX"):
            spreadsheet.import_people(b"not a workbook", "xlsx", editor)


HOSTILE = '=HYPERLINK("https://evil.example/","Open")'


@pytest.mark.django_db
class TestExport:
    def test_an_export_imports_without_changes(self, directory, editor):
        spreadsheet.import_people(csv_bytes(ADA, GRACE), "csv", editor, dry_run=False)
        for file_format in spreadsheet.FORMATS:
            exported = spreadsheet.export_people(file_format)
            data = exported.encode() if isinstance(exported, str) else exported

            result = spreadsheet.import_people(data, file_format, editor, dry_run=False)

            assert result.totals["skip"] == 2, file_format
            assert result.totals["new"] == result.totals["update"] == 0

    def test_formula_cells_are_neutralised_and_read_back_as_text(self, directory, editor):
        factories.PersonPageFactory(
            parent=directory,
            title="Eve Hacker",
            email="eve@example.edu",
            job_title=HOSTILE,
            roles=[factories.PersonRoleFactory(name="Staff")],
        )

        rows = list(csv.reader(io.StringIO(spreadsheet.export_people("csv"))))
        assert rows[1][HEADERS.index("Title") + 1] == "'" + HOSTILE  # after "Family name"
        sheet = openpyxl.load_workbook(io.BytesIO(spreadsheet.export_people("xlsx"))).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert all(cell.data_type != "f" for cell in cells)

        data = spreadsheet.export_people("csv").encode()
        result = spreadsheet.import_people(data, "csv", editor, dry_run=False)
        assert result.totals["skip"] == 1


@pytest.mark.django_db
class TestAdminViews:
    def test_preview_then_import(self, client, directory, editor):
        client.force_login(editor)
        url = reverse("people_spreadsheet_import")
        upload = io.BytesIO(csv_bytes(ADA, BAD))
        upload.name = "people.csv"

        preview = client.post(url, {"file": upload})

        assert preview.status_code == 200
        page = preview.content.decode()
        assert "Preview: nothing has been saved yet" in page and "Unknown role: Wizard" in page
        assert not PersonPage.objects.exists()

        confirm = preview.context["confirm_form"].initial
        imported = client.post(url, confirm)
        assert "Imported" in imported.content.decode()
        assert list(PersonPage.objects.values_list("title", flat=True)) == ["Ada Lovelace"]

    def test_bad_uploads_get_a_form_error(self, client, directory, editor):
        client.force_login(editor)
        url = reverse("people_spreadsheet_import")
        upload = io.BytesIO(b"\x00\x01")
        upload.name = "people.pdf"

        assert "Upload a .csv or .xlsx" in client.post(url, {"file": upload}).content.decode()
        damaged = {"data": "%%%", "file_format": "csv"}
        assert client.post(url, damaged).status_code == 400
        garbage = {"data": base64.b64encode(b"x").decode(), "file_format": "xlsx"}
        assert client.post(url, garbage).status_code == 400

    def test_export_download(self, client, directory, editor):
        client.force_login(editor)
        url = reverse("people_spreadsheet_export")

        response = client.get(url, {"format": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('.xlsx"')
        assert client.get(url, {"format": "pdf"}).status_code == 400

    def test_visitors_without_admin_access_are_kept_out(self, client, directory, django_user_model):
        client.force_login(django_user_model.objects.create_user("visitor", password="x"))
        assert client.get(reverse("people_spreadsheet_import")).status_code in (302, 403)
        client.logout()
        assert client.get(reverse("people_spreadsheet_export")).status_code == 302


def png_bytes(colour):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(buffer, format="PNG")
    return buffer.getvalue()


PHOTOS = {"/ada.png": png_bytes((200, 30, 30)), "/grace.png": png_bytes((30, 200, 30))}


class PhotoServer(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path in PHOTOS:
            body, kind, status = PHOTOS[self.path], "image/png", 200
        elif self.path == "/not-a-picture":
            body, kind, status = b"<html>Hello</html>", "text/html", 200
        else:
            body, kind, status = b"Not found", "text/plain", 404
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def photo_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PhotoServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


PHOTO_HEADERS = [*HEADERS, "Photo address"]


@pytest.mark.django_db
class TestPhotos:
    def test_a_photo_is_fetched_once_and_given_alt_text(self, directory, editor, photo_server):
        data = csv_bytes([*ADA, f"{photo_server}/ada.png"], headers=PHOTO_HEADERS)

        preview = spreadsheet.import_people(data, "csv", editor, dry_run=True)
        assert preview.totals["new"] == 1 and not SiteImage.objects.exists()

        spreadsheet.import_people(data, "csv", editor, dry_run=False)
        ada = PersonPage.objects.get(email="ada@example.edu").get_latest_revision_as_object()
        assert ada.photo.description == "Photo of Ada Lovelace"

        again = spreadsheet.import_people(data, "csv", editor, dry_run=False)
        assert again.totals["skip"] == 1 and SiteImage.objects.count() == 1

    def test_a_photo_that_cannot_be_fetched_is_a_problem_of_its_row(
        self, directory, editor, photo_server
    ):
        rows = [
            [*ADA, f"{photo_server}/missing.png"],
            [*GRACE, f"{photo_server}/not-a-picture"],
        ]
        result = spreadsheet.import_people(
            csv_bytes(*rows, headers=PHOTO_HEADERS), "csv", editor, dry_run=False
        )

        assert result.totals["invalid"] == 2 and not PersonPage.objects.exists()
        problems = [str(row.error) for row in result.invalid_rows]
        assert "answered 404" in problems[0] and "not a picture" in problems[1]
