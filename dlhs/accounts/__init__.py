"""Editors' accounts: two-factor sign-in, single sign-on and when passwords may sign in."""


def sign_in_options(request):
    """Template context: which ways of signing in the sign-in page offers."""
    from django.conf import settings

    return {"sso_enabled": settings.OIDC_ENABLED, "password_sign_in": settings.PASSWORD_SIGN_IN}
