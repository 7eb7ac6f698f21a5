# Varnish in front of the app servers (docker-compose.yml, profile `scale`; see README,
# Performance). nginx stays the public entry point (TLS, renditions from the bucket) and
# forwards pages here; Varnish keeps whole pages for anonymous visitors.
#
# Invalidation: the app sends PURGE (wagtail.contrib.frontend_cache, FRONTEND_CACHE_URL)
# whenever published content changes. Listings, teasers and menus show other pages, so, like
# the app's own page cache, any PURGE retires every page (a ban), never just one address.
#
# The backends come from backends.vcl, found on vcl_path: two app servers in the compose
# stack, the test's gunicorn in tests/site/test_shared_caches.py.
vcl 4.1;

import std;
import directors;

include "backends.vcl";

# Who may PURGE: loopback and private networks (the app servers, never a visitor).
acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    call dlhs_choose_backend;

    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("req.url ~ .");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin and documents (access checked per visitor), search (throttled per visitor,
    # cached by the app) and the health checks always reach the app.
    if (req.url ~ "^/(admin|documents|search|healthz)(/|\?|$)") {
        return (pass);
    }

    # Tracking parameters change nothing on a page: they are removed before the cache key,
    # so every campaign link shares the clean address's entry.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "(?i)[?&](utm_[a-z0-9_]*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok)(=[^&]*)?(?=&|$)", "");
        # The first parameter left keeps the question mark.
        set req.url = regsub(req.url, "^([^?]*)&", "\1?");
    }

    # Signed-in editors (a session) always see the app; other cookies (CSRF, analytics)
    # change nothing on a public page and are dropped, so the page can be shared.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # A page that sets a cookie (a form's CSRF token) is personal: never shared.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private|no-cache|no-store") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Pages say nothing about their lifetime; a PURGE retires them sooner.
    if (!beresp.http.Cache-Control && beresp.status < 500) {
        set beresp.ttl = 300s;
    }
    set beresp.grace = 10s;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
