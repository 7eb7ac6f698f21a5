"""The queries of a page render that the page cache does not answer."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def render_queries(client, url):
    """(the response, its SQL) of rendering ``url`` again, after a first render that made the image
    renditions and the shared fragments.

    A parameter no page reads keeps both renders out of the page cache, which would answer
    with no query at all and make any count compared with it meaningless.
    """
    separator = "&" if "?" in url else "?"
    client.get(f"{url}{separator}probe=1")
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"{url}{separator}probe=2")
    assert response.status_code == 200
    assert response.get("X-Page-Cache") != "hit"
    return response, [query["sql"] for query in context.captured_queries]
