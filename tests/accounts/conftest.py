import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from dlhs.editorial import EDITORS, MODERATORS

PASSWORD = "correct horse battery"  # noqa: S105


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.TWO_FACTOR_REMEMBER_DAYS = 14


def make_user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.edu", password=PASSWORD, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator(db, django_user_model):
    return make_user(django_user_model, "mo", MODERATORS, first_name="Mo")


@pytest.fixture
def editor(db, django_user_model):
    return make_user(django_user_model, "ed", EDITORS)


def authenticator(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def sign_in(client, user, url="/admin/login/", address="127.0.0.1"):
    response = client.post(
        url, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR=address
    )
    assert response.status_code == 302, response.content[:500]
    return response
