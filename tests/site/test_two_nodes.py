"""Two app servers, one database, one Redis: what one node does, the other sees at once.

Two gunicorn processes run with production settings (no TLS here, so no HTTPS redirect) over
one database (SQLite in a temporary folder, or a throwaway PostgreSQL database when
DATABASE_URL names PostgreSQL), one Redis database (db 5, emptied first) and one media bucket
(moto's S3 server on loopback), with the page cache on. An editor signs in and works in the
admin of node A; node B, which had the pages cached, must serve the fresh ones, and must
accept the session made on node A.
"""

import json
import os
import secrets
from contextlib import ExitStack

import pytest
import requests

from tests.servers import (
    free_port,
    gunicorn,
    manage,
    post_admin_form,
    prepare_demo_site,
    sign_in,
    throwaway_database,
)

REDIS_URL = "redis://127.0.0.1:6379/5"
EDITOR = "two-nodes-editor"
BUCKET = "dlhs-media"
S3_KEYS = {"aws_access_key_id": "two-nodes", "aws_secret_access_key": "two-nodes-secret"}

pytestmark = pytest.mark.servers


@pytest.fixture(scope="module")
def media_bucket():
    """An S3 server on loopback with the media bucket; anyone may read renditions only."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **S3_KEYS)
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(
        Bucket=BUCKET,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": ["*"]},
                        "Action": ["s3:GetObject"],
                        "Resource": [f"arn:aws:s3:::{BUCKET}/images/*"],
                    }
                ],
            }
        ),
    )
    try:
        yield endpoint, client
    finally:
        server.stop()


class Nodes:
    def __init__(self, env, a, b, password, bucket_client, media_root):
        self.env, self.a, self.b, self.password = env, a, b, password
        self.bucket_client, self.media_root = bucket_client, media_root

    def shell(self, code):
        return manage(self.env, "shell", "-v0", "--no-startup", "-c", code).strip()


@pytest.fixture(scope="module")
def nodes(tmp_path_factory, media_bucket):
    import redis

    tmp_path = tmp_path_factory.mktemp("two-nodes")
    shared_redis = redis.Redis.from_url(REDIS_URL)
    try:
        shared_redis.flushdb()
    except redis.ConnectionError as error:
        pytest.fail(f"The two-node test needs Redis at {REDIS_URL}: {error}")

    database_url, drop_database = throwaway_database(tmp_path, "two_nodes")
    password = secrets.token_urlsafe(16)
    env = {
        **{
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("MEDIA_S3_", "AWS_", "PAGE_CACHE_"))
        },
        "DJANGO_SETTINGS_MODULE": "dlhs.settings.production",
        # The editor these tests sign in as has no second factor (two-factor sign-in is
        # tested in tests/accounts and by the moderation browser test).
        "TWO_FACTOR_REQUIRED": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SERVE_MEDIA": "false",
        "MEDIA_S3_BUCKET": BUCKET,
        "MEDIA_S3_ENDPOINT_URL": media_bucket[0],
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": S3_KEYS["aws_access_key_id"],
        "MEDIA_S3_SECRET_ACCESS_KEY": S3_KEYS["aws_secret_access_key"],
        "PYTHONUNBUFFERED": "1",
    }
    prepare_demo_site(env, EDITOR, password, timeout=300)

    try:
        with ExitStack() as servers:
            urls = [
                servers.enter_context(
                    gunicorn(
                        {**env, "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}"},
                        port,
                        tmp_path / f"gunicorn-{name}.log",
                    )
                )
                for name, port in (("a", free_port()), ("b", free_port()))
            ]
            yield Nodes(env, *urls, password, media_bucket[1], tmp_path / "media")
    finally:
        drop_database()
        shared_redis.flushdb()
        shared_redis.close()


def anonymous_get(url):
    return requests.get(url, allow_redirects=False, timeout=60)


def warm(url):
    anonymous_get(url)
    response = anonymous_get(url)
    assert response.status_code == 200
    assert response.headers["X-Page-Cache"] == "hit"
    return response


def test_a_session_made_on_node_a_is_valid_on_node_b(nodes):
    import redis

    cookies = sign_in(nodes.a, EDITOR, nodes.password)

    assert anonymous_get(f"{nodes.b}/admin/").status_code == 302  # to the sign-in page
    dashboard = requests.get(
        f"{nodes.b}/admin/", cookies=cookies, allow_redirects=False, timeout=30
    )
    assert dashboard.status_code == 200
    assert EDITOR in dashboard.text
    # Node B found it in the shared database: sessions never depend on Redis.
    shared_redis = redis.Redis.from_url(REDIS_URL)
    assert not shared_redis.keys(f"*{cookies['sessionid']}*")


def test_a_change_made_in_the_admin_of_node_a_is_served_fresh_by_node_b(nodes):
    category_path = nodes.shell(
        "from wagtail.admin.admin_url_finder import AdminURLFinder; "
        "from news.models import NewsCategory; "
        "category = NewsCategory.objects.filter(stories__live=True).first(); "
        "print(category.pk, category.slug, AdminURLFinder().get_edit_url(category))"
    )
    _, slug, edit_path = category_path.split()
    listing = f"{nodes.b}/news/"
    assert "Renamed on node A" not in warm(listing).text

    cookies = sign_in(nodes.a, EDITOR, nodes.password)
    post_admin_form(
        nodes.a,
        edit_path,
        cookies,
        {"name": "Renamed on node A", "slug": slug, "description": ""},
    )

    fresh = anonymous_get(listing)
    assert fresh.headers["X-Page-Cache"] == "miss"
    assert "Renamed on node A" in fresh.text


def test_a_story_unpublished_on_node_a_is_gone_from_node_b(nodes):
    found = nodes.shell(
        "from news.models import NewsPage; "
        "story = NewsPage.objects.live().order_by('-date').first(); "
        "print(story.pk, story.url, story.title)"
    )
    story_id, story_path, title = found.split(" ", 2)
    story_url = f"{nodes.b}{story_path}"
    warm(story_url)
    assert title in warm(f"{nodes.b}/news/").text

    cookies = sign_in(nodes.a, EDITOR, nodes.password)
    post_admin_form(nodes.a, f"/admin/pages/{story_id}/unpublish/", cookies, {})

    assert anonymous_get(story_url).status_code == 404
    listing = anonymous_get(f"{nodes.b}/news/")
    assert listing.headers["X-Page-Cache"] == "miss"
    assert title not in listing.text


def test_pictures_are_shared_through_the_bucket_and_only_renditions_are_public(nodes):
    from bs4 import BeautifulSoup

    home = anonymous_get(f"{nodes.b}/")
    pictures = BeautifulSoup(home.text, "html.parser").find_all("img")
    assert pictures
    for img in pictures:
        address = img["src"]
        assert address.startswith(f"{nodes.env['MEDIA_S3_ENDPOINT_URL']}/{BUCKET}/images/")
        picture = anonymous_get(address)
        assert picture.status_code == 200
        assert picture.headers["Content-Type"].startswith("image/")
    # The other node shows the same files, made once.
    other = BeautifulSoup(anonymous_get(f"{nodes.a}/").text, "html.parser")
    assert [img["src"] for img in other.find_all("img")] == [img["src"] for img in pictures]

    listing = nodes.bucket_client.list_objects_v2(Bucket=BUCKET, Prefix="original_images/")
    original = listing["Contents"][0]["Key"]
    assert (
        anonymous_get(f"{nodes.env['MEDIA_S3_ENDPOINT_URL']}/{BUCKET}/{original}").status_code
        == 403
    )
    # Nothing was written to either machine's disk.
    assert not nodes.media_root.exists() or not any(nodes.media_root.rglob("*.*"))
