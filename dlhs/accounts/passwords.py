"""Password sign-in once single sign-on is on: only the named emergency accounts may use it."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class EmergencyAccountsBackend(ModelBackend):
    """Django's password check, for the accounts in PASSWORD_SIGN_IN_ACCOUNTS only.

    Everyone else signs in through the university's provider. A refused account fails like a
    wrong password, so the sign-in throttle counts it and the page says nothing more.
    """

    def user_can_authenticate(self, user):
        allowed = {name.casefold() for name in settings.PASSWORD_SIGN_IN_ACCOUNTS}
        return super().user_can_authenticate(user) and user.get_username().casefold() in allowed
