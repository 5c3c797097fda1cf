"""What a stored page was rendered by: the code's release and the settings that change
what it says.

CACHE_RELEASE digests the code, templates, static files and catalogues; a page's bytes and
headers also follow settings (the absolute addresses from SITE_URL, the embeds'
frame-ancestors, the security headers, where static files are served). A page stored under
other settings is stale as one stored by other code is: render_pages renders it again.
"""

import hashlib
import json

from django.conf import settings

# Every setting a stored page's bytes or headers follow.
RENDERING_SETTINGS = (
    "SITE_URL",
    "EMBED_ALLOWED_ORIGINS",
    "CONTENT_SECURITY_POLICY",
    "X_FRAME_OPTIONS",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "STATIC_URL",
    "STORAGES",
    "LANGUAGE_CODE",
    "LANGUAGES",
    "DEBUG",
)


def rendering_release():
    """The release stored pages are rendered for (StoredPage.release): CACHE_RELEASE and a
    digest of RENDERING_SETTINGS."""
    values = {name: getattr(settings, name, None) for name in RENDERING_SETTINGS}
    text = json.dumps(values, sort_keys=True, default=repr)
    return f"{settings.CACHE_RELEASE}.{hashlib.sha256(text.encode()).hexdigest()[:12]}"
