"""Create the local superuser once and print how to sign in (used by `make run`)."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a superuser for local use if none exists, and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--credentials-file",
            default=str(Path(settings.BASE_DIR) / "var" / "admin-credentials.txt"),
            help="Where the generated password is kept so later runs can print it again.",
        )

    def handle(self, *args, username, credentials_file, **options):
        User = get_user_model()
        credentials = Path(credentials_file)
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"

        if User.objects.filter(username=username).exists():
            if credentials.exists():
                password = credentials.read_text().strip()
                self._print(username, password, admin_url)
            else:
                self.stdout.write(
                    f"Superuser '{username}' already exists; its password was not made here. "
                    f"Reset it with: python manage.py changepassword {username}"
                )
            return

        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username, email=f"{username}@localhost", password=password
        )
        credentials.parent.mkdir(parents=True, exist_ok=True)
        credentials.write_text(password + "\n")
        credentials.chmod(0o600)
        self._print(username, password, admin_url)

    def _print(self, username, password, admin_url):
        self.stdout.write(
            self.style.SUCCESS(
                f"Sign in to the admin at {admin_url} as '{username}' with password '{password}'"
            )
        )
