"""Static files and uploads: local folders, or an S3-compatible bucket for uploads."""

from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .environment import BASE_DIR, env

# --- Static files and uploads ----------------------------------------------------------

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"

# Uploads go to an S3-compatible bucket when one is named, so that every app server sees
# the same images, renditions and documents; otherwise to MEDIA_ROOT on this machine.
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET")
MEDIA_S3_ENDPOINT_URL = env("MEDIA_S3_ENDPOINT_URL")  # empty for AWS itself
MEDIA_S3_REGION = env("MEDIA_S3_REGION")
# Public address of the bucket (a CDN, or a proxy path such as "dlhs.example.edu/media").
MEDIA_S3_CUSTOM_DOMAIN = env("MEDIA_S3_CUSTOM_DOMAIN").strip("/")
MEDIA_S3_URL_PROTOCOL = env("MEDIA_S3_URL_PROTOCOL", "https").rstrip(":") + ":"
if MEDIA_S3_URL_PROTOCOL not in {"http:", "https:"}:
    raise ImproperlyConfigured("MEDIA_S3_URL_PROTOCOL must be http or https.")

if MEDIA_S3_BUCKET:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": MEDIA_S3_ENDPOINT_URL or None,
            "region_name": MEDIA_S3_REGION or None,
            # Unset: django-storages reads AWS_S3_ACCESS_KEY_ID / AWS_ACCESS_KEY_ID (and the
            # secret) from the environment, then boto3's own chain (instance or task role).
            "access_key": env("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": MEDIA_S3_CUSTOM_DOMAIN or None,
            "url_protocol": MEDIA_S3_URL_PROTOCOL,
            # Public pages only show renditions, which the bucket policy makes readable;
            # signed, expiring URLs would also break cached pages.
            "querystring_auth": False,
            # The bucket policy decides what is public, not a per-object ACL.
            "default_acl": None,
            # Like the filesystem: a new upload never replaces another file of the same name.
            "file_overwrite": False,
            # Other S3-compatible servers (MinIO) are addressed by path, not by DNS name.
            "addressing_style": "path" if MEDIA_S3_ENDPOINT_URL else None,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": MEDIA_STORAGE,
    # Hashed names plus gzip and brotli copies; whitenoise serves them with far-future caching.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def media_origins():
    """Where the browser fetches uploaded images from, for the Content-Security-Policy."""
    if not MEDIA_S3_BUCKET:
        return []
    if MEDIA_S3_CUSTOM_DOMAIN:
        return [f"{MEDIA_S3_URL_PROTOCOL}//{MEDIA_S3_CUSTOM_DOMAIN.split('/')[0]}"]
    if MEDIA_S3_ENDPOINT_URL:
        parts = urlsplit(MEDIA_S3_ENDPOINT_URL)
        return [f"{parts.scheme}://{parts.netloc}"]
    regional = [f"https://{MEDIA_S3_BUCKET}.s3.{MEDIA_S3_REGION}.amazonaws.com"]
    return [f"https://{MEDIA_S3_BUCKET}.s3.amazonaws.com", *(regional if MEDIA_S3_REGION else [])]


MEDIA_ORIGINS = media_origins()
# Documents are always streamed by Django, so that private collections stay private and
# every download gets its Content-Security-Policy; a redirect would expose the bucket.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

WHITENOISE_MAX_AGE = 60 * 60  # unhashed names (favicon, robots) are only cached for an hour
