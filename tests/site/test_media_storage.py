"""Uploads in an S3-compatible bucket, sessions in the shared cache: settings for many servers.

The settings are read in a fresh process from a given environment, as a deployment reads
them; the storage they produce is then used for real (against moto's in-memory S3).
"""

import io
import json
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from moto import mock_aws
from PIL import Image as PILImage
from storages.backends.s3 import S3Storage

from tests import factories
from tests.servers import environment, manage, run_manage

ENVIRONMENT_READ_BY_SETTINGS = {
    "REDIS_URL",
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
}

S3_ENVIRONMENT = {
    "MEDIA_S3_BUCKET": "dlhs-media",
    "MEDIA_S3_REGION": "us-east-1",
    "MEDIA_S3_ACCESS_KEY_ID": "testing-key",
    "MEDIA_S3_SECRET_ACCESS_KEY": "testing-secret",
    "MEDIA_S3_CUSTOM_DOMAIN": "media.dlhs.example.edu",
}


def settings_in(environment_overrides, *names):
    """The named settings as production reads them in a process with ``environment``."""
    env = environment(
        {
            "DJANGO_SETTINGS_MODULE": "dlhs.settings.production",
            "SECRET_KEY": "settings-test-key-" + "x" * 40,
            **environment_overrides,
        },
        without=[*ENVIRONMENT_READ_BY_SETTINGS, "MEDIA_S3_", "AWS_"],
    )
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}))"
    )
    output = manage(env, "shell", "--verbosity=0", "-c", code, timeout=120)
    return json.loads(output)


def test_without_a_bucket_uploads_stay_on_the_filesystem_and_sessions_in_the_database():
    found = settings_in({}, "STORAGES", "SESSION_ENGINE", "CONTENT_SECURITY_POLICY")

    assert found["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert found["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert found["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert found["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'", "data:"]


def test_a_bucket_moves_uploads_to_s3_with_public_unsigned_urls():
    found = settings_in(S3_ENVIRONMENT, "STORAGES", "CONTENT_SECURITY_POLICY")
    default = found["STORAGES"]["default"]

    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"] == {
        "bucket_name": "dlhs-media",
        "endpoint_url": None,
        "region_name": "us-east-1",
        "access_key": "testing-key",
        "secret_key": "testing-secret",
        "custom_domain": "media.dlhs.example.edu",
        "url_protocol": "https:",
        "querystring_auth": False,
        "default_acl": None,
        "file_overwrite": False,
        "addressing_style": None,
    }
    # Static files are still hashed and served by whitenoise from every app server.
    assert found["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    # Browsers may load the pictures from there.
    assert (
        "https://media.dlhs.example.edu"
        in (found["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"])
    )


def test_an_s3_compatible_server_is_addressed_by_path_and_standard_aws_keys_are_left_to_boto():
    found = settings_in(
        {
            "MEDIA_S3_BUCKET": "dlhs-media",
            "MEDIA_S3_ENDPOINT_URL": "http://minio:9000",
            "MEDIA_S3_CUSTOM_DOMAIN": "localhost:8080/media/",
            "MEDIA_S3_URL_PROTOCOL": "http",
            "AWS_ACCESS_KEY_ID": "from-the-standard-variable",
        },
        "STORAGES",
        "CONTENT_SECURITY_POLICY",
    )
    options = found["STORAGES"]["default"]["OPTIONS"]

    assert options["endpoint_url"] == "http://minio:9000"
    assert options["addressing_style"] == "path"
    assert options["custom_domain"] == "localhost:8080/media"
    assert options["url_protocol"] == "http:"
    # None lets django-storages read AWS_ACCESS_KEY_ID / AWS_S3_ACCESS_KEY_ID itself.
    assert options["access_key"] is None
    assert "http://localhost:8080" in found["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]


def test_a_bad_url_protocol_is_refused_by_name():
    env = environment(
        {"DJANGO_SETTINGS_MODULE": "dlhs.settings.dev", "MEDIA_S3_URL_PROTOCOL": "ftp"}
    )
    result = run_manage(env, "check", timeout=120)

    assert result.returncode != 0
    assert "MEDIA_S3_URL_PROTOCOL must be http or https" in result.stderr


def test_with_redis_sessions_stay_in_the_shared_database():
    # Not in the cache: a sign-out during a Redis outage could leave a cached copy behind.
    found = settings_in({"REDIS_URL": "redis://127.0.0.1:6379/5"}, "SESSION_ENGINE", "CACHES")

    assert found["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert found["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/5"


@pytest.fixture
def s3_bucket(monkeypatch):
    """An in-memory S3 (moto) with the bucket, and STORAGES exactly as production reads them."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    storages = settings_in(S3_ENVIRONMENT, "STORAGES")["STORAGES"]
    with mock_aws():
        client = boto3.client(
            "s3",
            region_name="us-east-1",
            aws_access_key_id="testing-key",
            aws_secret_access_key="testing-secret",  # noqa: S106
        )
        client.create_bucket(Bucket="dlhs-media")
        with override_settings(
            STORAGES={
                **storages,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
        ):
            yield client


def stored_keys(client):
    listing = client.list_objects_v2(Bucket="dlhs-media")
    return {entry["Key"] for entry in listing.get("Contents", [])}


@pytest.mark.django_db
def test_images_and_renditions_are_saved_in_the_bucket(s3_bucket, media_root):
    # A name no other test uses: the local media folder is shared by the whole test run.
    image = factories.SiteImageFactory(file=factories.jpeg_file("bucket-only.jpg", size=(800, 600)))
    rendition = image.get_rendition("fill-200x100|format-webp")

    keys = stored_keys(s3_bucket)
    assert image.file.name in keys
    assert image.file.name.startswith("original_images/")
    assert rendition.file.name in keys
    assert rendition.file.name.startswith("images/")
    # Nothing was written to the local media folder.
    assert not any(Path(media_root).glob("**/bucket-only*"))

    # What the bucket holds is the real rendition, and its address is public and unsigned.
    body = s3_bucket.get_object(Bucket="dlhs-media", Key=rendition.file.name)["Body"].read()
    with PILImage.open(io.BytesIO(body)) as stored:
        assert (stored.format, stored.size) == ("WEBP", (200, 100))
    assert rendition.url == f"https://media.dlhs.example.edu/{rendition.file.name}"
    assert "?" not in rendition.url
    assert isinstance(default_storage, S3Storage)


@pytest.mark.django_db
def test_a_second_upload_of_the_same_name_does_not_replace_the_first(s3_bucket):
    first = factories.SiteImageFactory(file=factories.jpeg_file("same.jpg", colour=(255, 0, 0)))
    second = factories.SiteImageFactory(file=factories.jpeg_file("same.jpg", colour=(0, 0, 255)))

    assert first.file.name != second.file.name
    assert {first.file.name, second.file.name} <= stored_keys(s3_bucket)
