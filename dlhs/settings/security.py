"""Security headers, the Content-Security-Policy and the throttling of sign-in and search."""

import datetime

from django.core.exceptions import ImproperlyConfigured

from .environment import env_int
from .storage import MEDIA_ORIGINS

# --- Security ---------------------------------------------------------------------------

# No page may be framed; the admin (whose preview panel frames pages) allows its own origin.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
ADMIN_URL_PREFIX = "/admin/"
VIDEO_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://cdnapisec.kaltura.com",
]
# Public pages run no inline script at all; the style exception is for oEmbed markup and
# Wagtail's user bar, which set style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", *MEDIA_ORIGINS],
        "frame-src": ["'self'", *VIDEO_FRAME_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin renders inline scripts (date pickers, inline panels).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
        "frame-ancestors": ["'self'"],
    },
}
# Searches one visitor address may make per minute before a 429 (a campus behind one NAT
# address shares it, hence generous).
SEARCH_RATE_LIMIT = env_int("SEARCH_RATE_LIMIT", 60)

# Sign-in throttling (dlhs/throttle.py): django-axes counts failed attempts in the database,
# per account and per client address, whatever view called authenticate(); the page-password
# form and password-reset requests are counted the same way.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
if LOGIN_FAILURE_LIMIT < 1 or LOGIN_LOCKOUT_SECONDS < 1:
    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT and LOGIN_LOCKOUT_SECONDS must be 1 or more.")
# AUTHENTICATION_BACKENDS (AxesBackend first) are in accounts.py.
AXES_HANDLER = "dlhs.throttle.AttemptHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
# Two separate budgets: one per account (from any address) and one per address (for any account).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "dlhs.security.client_ip"
AXES_LOCKOUT_CALLABLE = "dlhs.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
# A lockout lasts LOGIN_LOCKOUT_SECONDS from the failure that caused it, as the page says;
# refused tries during it are not counted again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No log of every successful sign-in kept forever; moderators see lockouts in the Wagtail admin.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
