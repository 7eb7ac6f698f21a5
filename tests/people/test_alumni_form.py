"""“Share your news”: valid, invalid, spam and rate-limited submissions, and the admin side."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import RequestFactory, override_settings
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from dlhs.security import client_ip
from people.forms import HONEYPOT_FIELD
from people.models import AlumniUpdateFormField, AlumniUpdateFormPage
from tests import factories
from tests.servers import free_port

FIELDS = [
    ("Your name", "singleline", True),
    ("Program", "program", True),
    ("Graduation year", "year", True),
    ("Your news", "multiline", True),
    ("Link", "url", False),
    ("I agree that you may publish this", "checkbox", True),
]
CONSENT = "i_agree_that_you_may_publish_this"


@pytest.fixture
def form_page(home, programs):
    about = factories.AboutPageFactory(parent=home)
    alumni = factories.AlumniPageFactory(parent=about)
    page = AlumniUpdateFormPage(
        title="Share your news",
        slug="share-your-news",
        intro="<p>Tell us your news.</p>",
        thank_you_text="<p>Thank you, we read every update.</p>",
        to_address="alumni-office@example.edu",
        from_address="noreply@example.edu",
        subject="An alumni update",
        form_fields=[
            AlumniUpdateFormField(
                label=label,
                field_type=kind,
                required=required,
                help_text="Four digits, e.g. 2019" if kind == "year" else "",
            )
            for label, kind, required in FIELDS
        ],
    )
    alumni.add_child(instance=page)
    page.save_revision().publish()
    return page


def valid_data(**changes):
    data = {
        "your_name": "Elif Abbott",
        "program": "Health Infrastructures and Learning Systems (HILS) PhD",
        "graduation_year": "2019",
        "your_news": "I started as a data scientist at Example Health.",
        "link": "https://example.org/elif",
        CONSENT: "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
class TestForm:
    def test_form_renders_accessibly(self, client, form_page):
        response = client.get(form_page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert (
            '<label for="id_your_name">Your name <span class="required">(required)</span>' in html
        )
        assert '<label for="id_link">Link</label>' in html
        assert '<option value="" selected>Choose a program</option>' in html
        assert '<option value="Master of Health Professions Education">' in html
        assert 'id="id_graduation_year_helptext"' in html
        assert 'aria-describedby="id_graduation_year_helptext"' in html
        assert 'inputmode="numeric"' in html
        assert '<button type="submit">' in html
        assert "form-summary" not in html

    def test_valid_update_is_stored_and_emailed(self, client, form_page):
        response = client.post(form_page.url, valid_data())
        assert response.status_code == 200
        assert "Thank you, we read every update." in response.content.decode()
        submission = FormSubmission.objects.get(page=form_page)
        assert submission.form_data["your_name"] == "Elif Abbott"
        assert submission.form_data["graduation_year"] == 2019
        assert submission.form_data[CONSENT] is True
        assert HONEYPOT_FIELD not in submission.form_data
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["alumni-office@example.edu"]
        assert message.subject == "An alumni update"
        assert "I started as a data scientist at Example Health." in message.body
        assert "Leave this field empty" not in message.body

    def test_update_is_kept_and_thanked_for_when_no_mail_server_listens(self, client, form_page):
        # Issue 12, item 7: the default EMAIL_HOST=localhost:25 with nothing listening there.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=free_port(),  # nothing listens: the connection is refused
        ):
            response = client.post(form_page.url, valid_data())
        assert response.status_code == 200
        assert "Thank you, we read every update." in response.content.decode()
        assert FormSubmission.objects.filter(page=form_page).count() == 1

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"your_name": ""}, "your_name"),
            ({"program": "Astrology"}, "program"),
            ({"graduation_year": "1800"}, "graduation_year"),
            ({"graduation_year": "3000"}, "graduation_year"),
            ({"graduation_year": "nineteen"}, "graduation_year"),
            ({"your_news": ""}, "your_news"),
            ({"link": "not a link"}, "link"),
            ({CONSENT: None}, CONSENT),
            ({"your_name": "x" * 300}, "your_name"),
            ({"your_name": "nul\x00byte"}, "your_name"),
        ],
    )
    def test_invalid_input_shows_errors_and_keeps_what_was_typed(
        self, client, form_page, changes, field
    ):
        response = client.post(form_page.url, valid_data(**changes))
        assert response.status_code == 200
        html = response.content.decode()
        assert response.context["form"].errors.keys() == {field}
        assert "<title>Error: " in html
        assert 'class="form-summary"' in html
        assert f'<a href="#id_{field}">' in html
        assert f'id="id_{field}_error"' in html
        assert 'aria-invalid="true"' in html
        kept = {
            "your_name": 'value="Elif Abbott"',
            "your_news": "I started as a data scientist at Example Health.</textarea>",
            "link": 'value="https://example.org/elif"',
            "graduation_year": 'value="2019"',
            "program": 'value="Health Infrastructures and Learning Systems (HILS) PhD" selected',
        }
        for name, text in kept.items():
            if name != field:
                assert text in html, name
        assert FormSubmission.objects.count() == 0
        assert mail.outbox == []

    def test_graduation_year_error_says_what_to_type(self, client, form_page):
        response = client.post(form_page.url, valid_data(graduation_year="1800"))
        assert "Enter a year from 1950 to" in response.content.decode()
        assert 'value="1800"' in response.content.decode()

    def test_honeypot_catches_bots_quietly(self, client, form_page):
        html = client.get(form_page.url).content.decode()
        assert f'name="{HONEYPOT_FIELD}"' in html
        assert 'class="form-field form-field--trap" aria-hidden="true"' in html
        assert 'tabindex="-1"' in html
        response = client.post(form_page.url, valid_data(**{HONEYPOT_FIELD: "http://spam.example"}))
        assert response.status_code == 200
        assert "Thank you, we read every update." in response.content.decode()
        assert FormSubmission.objects.count() == 0
        assert mail.outbox == []

    def test_sixth_update_in_an_hour_is_refused(self, client, form_page):
        for number in range(5):
            response = client.post(form_page.url, valid_data(your_name=f"Person {number}"))
            assert response.status_code == 200
        response = client.post(form_page.url, valid_data(your_name="One too many"))
        assert response.status_code == 429
        assert response["Retry-After"] == "3600"
        assert "Please try again later" in response.content.decode()
        assert FormSubmission.objects.count() == 5
        assert len(mail.outbox) == 5
        assert not FormSubmission.objects.filter(form_data__your_name="One too many").exists()
        # Reading the form is still fine; the limit is per address.
        assert client.get(form_page.url).status_code == 200
        other = client.post(form_page.url, valid_data(), REMOTE_ADDR="198.51.100.7")
        assert other.status_code == 200
        assert FormSubmission.objects.count() == 6

    def test_mistakes_do_not_use_up_the_limit(self, client, form_page):
        for _ in range(8):
            client.post(form_page.url, valid_data(your_news=""))
        assert client.post(form_page.url, valid_data()).status_code == 200
        assert FormSubmission.objects.count() == 1

    def test_bots_count_towards_the_limit(self, client, form_page):
        for _ in range(5):
            client.post(form_page.url, valid_data(**{HONEYPOT_FIELD: "spam"}))
        assert client.post(form_page.url, valid_data()).status_code == 429
        assert FormSubmission.objects.count() == 0


@pytest.mark.django_db
class TestClientAddress:
    def request(self, remote, forwarded=None):
        headers = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            headers["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **headers)

    def test_forwarded_header_is_ignored_by_default(self):
        assert client_ip(self.request("10.0.0.1", "203.0.113.9")) == "10.0.0.1"

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_one_trusted_proxy(self):
        assert client_ip(self.request("10.0.0.1", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"
        assert client_ip(self.request("10.0.0.1")) == "10.0.0.1"

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_two_trusted_proxies(self):
        request = self.request("10.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2")
        assert client_ip(request) == "203.0.113.9"

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_spoofed_addresses_do_not_escape_the_limit(self, client, form_page):
        for number in range(5):
            client.post(
                form_page.url,
                valid_data(),
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.9",
            )
        response = client.post(
            form_page.url,
            valid_data(),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.9",
        )
        assert response.status_code == 429


@pytest.mark.django_db
class TestAdmin:
    @pytest.fixture
    def admin_client(self, client):
        user = get_user_model().objects.create_superuser("editor", "editor@example.edu", "pw")
        client.force_login(user)
        return client

    def test_submissions_are_listed_and_exported(self, client, form_page):
        client.post(form_page.url, valid_data(your_name="Elif Abbott"))
        client.post(form_page.url, valid_data(**{HONEYPOT_FIELD: "spam", "your_name": "Bot"}))
        user = get_user_model().objects.create_superuser("editor", "editor@example.edu", "pw")
        client.force_login(user)
        url = reverse("wagtailforms:list_submissions", args=[form_page.pk])
        listing = client.get(url)
        assert listing.status_code == 200
        assert "Elif Abbott" in listing.content.decode()
        assert "Bot" not in listing.content.decode()

        export = client.get(url, {"export": "csv"})
        assert export.status_code == 200
        assert export["Content-Type"].startswith("text/csv")
        body = b"".join(export.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body)))
        assert "Your name" in rows[0]
        assert "Leave this field empty" not in rows[0]
        assert [row[rows[0].index("Your name")] for row in rows[1:]] == ["Elif Abbott"]

    def test_forms_index_lists_the_page(self, admin_client, form_page):
        response = admin_client.get(reverse("wagtailforms:index"))
        assert response.status_code == 200
        assert "Share your news" in response.content.decode()

    def test_editor_can_add_program_and_year_questions(self, admin_client, form_page):
        html = admin_client.get(
            reverse("wagtailadmin_pages:edit", args=[form_page.pk])
        ).content.decode()
        assert 'value="program"' in html
        assert 'value="year"' in html

    def test_landing_preview(self, admin_client, form_page):
        from wagtail.test.utils.form_data import querydict_from_html

        html = admin_client.get(
            reverse("wagtailadmin_pages:edit", args=[form_page.pk])
        ).content.decode()
        data = querydict_from_html(html, form_id="page-edit-form")
        preview = reverse("wagtailadmin_pages:preview_on_edit", args=[form_page.pk])
        for mode in ("form", "landing"):
            assert admin_client.post(preview, data, QUERYSTRING=f"mode={mode}").json() == {
                "is_valid": True,
                "is_available": True,
            }
            assert admin_client.get(preview, {"mode": mode}).status_code == 200
