"""Admin views for people from a spreadsheet: upload, preview (a dry run), import, export."""

import base64
import binascii

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from people import spreadsheet
from people.models import PeopleIndexPage

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ROW_KINDS = {
    "new": "New profile (draft, to moderation)",
    "update": "Changes (new draft, to moderation)",
    "skip": "No change",
    "invalid": "Not imported",
    "error": "Not imported",
}


class UploadForm(forms.Form):
    file = forms.FileField(help_text="A .csv or .xlsx file whose first row names the columns.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        file_format = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if file_format not in spreadsheet.FORMATS:
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        if upload.size > spreadsheet.MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB.")
        return file_format, upload.read()


class ConfirmForm(forms.Form):
    """The previewed file, carried back unchanged so that exactly what was seen is imported."""

    data = forms.CharField(widget=forms.HiddenInput)
    file_format = forms.ChoiceField(
        choices=[(name, name) for name in spreadsheet.FORMATS], widget=forms.HiddenInput
    )

    def clean_data(self):
        try:
            data = base64.b64decode(self.cleaned_data["data"], validate=True)
        except (binascii.Error, ValueError) as error:
            message = "The previewed file was damaged; upload it again."
            raise forms.ValidationError(message) from error
        if len(data) > spreadsheet.MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB.")
        return data


def people_directory_for(user):
    directory = PeopleIndexPage.objects.first()
    if directory is None or not directory.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    return directory


def row_report(result):
    """(line in the file, name, what happens, problems) for every row, in file order."""
    report = []
    for line, row in enumerate(result.rows, start=2):
        problems = []
        if row.validation_error is not None:
            for messages in row.validation_error.message_dict.values():
                problems.extend(messages)
        problems.extend(str(error.error) for error in row.errors)
        name = (getattr(row, "row_values", None) or {}).get("Name") or ""
        report.append((line, name or row.object_repr or "", ROW_KINDS[row.import_type], problems))
    return report


def import_view(request):
    directory = people_directory_for(request.user)
    context = {"directory": directory, "upload_form": UploadForm()}
    if request.method == "POST" and "file" in request.FILES:
        form = UploadForm(request.POST, request.FILES)
        context["upload_form"] = form
        if form.is_valid():
            file_format, data = form.cleaned_data["file"]
            context.update(run(request, data, file_format, dry_run=True))
            context["confirm_form"] = ConfirmForm(
                initial={"data": base64.b64encode(data).decode(), "file_format": file_format}
            )
    elif request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            context.update(
                run(request, form.cleaned_data["data"], form.cleaned_data["file_format"], False)
            )
        else:
            context["file_error"] = "; ".join(
                message for messages in form.errors.values() for message in messages
            )
    status = 400 if context.get("file_error") else 200
    return TemplateResponse(request, "people/admin/import.html", context, status=status)


def run(request, data, file_format, dry_run):
    try:
        result = spreadsheet.import_people(data, file_format, request.user, dry_run=dry_run)
    except spreadsheet.SpreadsheetError as error:
        return {"file_error": str(error)}
    return {"dry_run": dry_run, "totals": result.totals, "rows": row_report(result)}


def export_view(request):
    people_directory_for(request.user)
    file_format = request.GET.get("format", "csv")
    if file_format not in spreadsheet.FORMATS:
        return HttpResponse("Choose format=csv or format=xlsx.", status=400)
    body = spreadsheet.export_people(file_format)
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    filename = f"people-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
