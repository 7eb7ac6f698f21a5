import pytest
from django.template.loader import render_to_string


@pytest.mark.django_db
def test_unknown_address_gets_the_styled_404(client, home):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We can’t find that page" in html
    assert 'href="/static/css/site.css"' in html
    assert 'class="skip-link"' in html
    assert 'action="/search/"' in html


def test_404_renders_without_the_database(rf):
    # pytest-django fails any database access in a test not marked django_db.
    html = render_to_string("404.html", request=rf.get("/missing/"))

    assert "We can’t find that page" in html


def test_500_renders_without_a_request_or_the_database():
    html = render_to_string("500.html")

    assert "Something went wrong on our side" in html
    assert 'href="/static/css/site.css"' in html
