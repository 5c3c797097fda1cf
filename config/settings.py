"""Settings for the role reference.

Every value that differs between machines is read from the environment here, and only here.
Local defaults (DEBUG on, a SQLite file in the project) need no set-up; with DEBUG off the
settings refuse to load until the production values are given.
"""

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from content import languages

BASE_DIR = Path(__file__).resolve().parent.parent

# django-environ reads the values (lists, numbers, database and cache addresses), as
# cookiecutter-django and HackSoft's example do. An empty value counts as unset.
env = environ.Env()


def env_bool(name, default):
    """django-environ reads any unknown word as false: HTTPS=ture would turn HTTPS off."""
    value = env.str(name, default="").strip().lower()
    if value == "":
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default):
    return [item.strip() for item in env.list(name, default=[]) if item.strip()] or default


def env_int(name, default):
    if not env.str(name, default=""):
        return default
    try:
        return env.int(name)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {env.str(name)!r}."
        ) from None


def env_str(name, default=""):
    return env.str(name, default="") or default


def env_required(name):
    value = env_str(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")
    return value


DEBUG = env_bool("DEBUG", True)
# This machine's own names: the default in DEBUG, and scripts/serve's (make serve).
LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "local-development-only-not-secret")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS)
    SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
else:
    SECRET_KEY = env_required("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
    SITE_URL = env_required("SITE_URL")
# The site's one address: every absolute link (canonical, hreflang, og:url, the sitemap,
# the API's and oEmbed's addresses) is built from it, never from what a request claims.
if not re.fullmatch(r"https?://[^/\s]+", SITE_URL.rstrip("/")):
    raise ImproperlyConfigured(
        f"SITE_URL must be an address such as https://roles.example.org, not {SITE_URL!r}."
    )
SITE_URL = SITE_URL.rstrip("/")
# Pages are rendered for storing as requests to the site's own address.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, urlsplit(SITE_URL).hostname]

# Whether the site is served over HTTPS: secure cookies, redirects to https, HSTS.
# On by default in production; `make serve` turns it off to run on plain http locally.
HTTPS = env_bool("HTTPS", not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Same-origin referrers let the site notice a language switch; others get nothing.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

DATABASES = {
    "default": {
        **env.db_url_config(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")),
        "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes the write lock when it begins, and waits up to 20 s for it:
    # with SQLite's default (deferred) transactions, two admin saves at once, even of
    # different objects, both read, then one failed to write with "database is locked" (a
    # 500). Now they take turns, and the stale-edit check sees the save that came first.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Hangul and Cyrillic need a UTF-8 ctype for pg_trgm and case-insensitive matching.
    DATABASES["default"].setdefault("TEST", {}).update({"TEMPLATE": "template0", "CHARSET": "UTF8"})


# locmemcache:// (one process), redis://host:port/db or pymemcache://host:port (shared).
CACHE_URL_DEFAULT = "locmemcache://pages"
CACHES = {"default": env.cache_url_config(env_str("CACHE_URL", CACHE_URL_DEFAULT))}
# Readers get the pages rendered at publication (publishing/). Off, every page is rendered
# on request from what was published: the worst case `make bench` measures.
STORED_PAGES = env_bool("STORED_PAGES", True)
# Each server process keeps the stored pages it served lately in memory, up to this many
# bytes (0: none), and forgets them when a publication commits: told by PostgreSQL's NOTIFY
# on every host (STORED_PAGES_NOTIFY), or on SQLite by a stamp file every publication
# touches (content/process_memory.py).
STORED_PAGES_MEMORY = env_int("STORED_PAGES_MEMORY", 64 * 1024 * 1024)
STORED_PAGES_NOTIFY = env_bool("STORED_PAGES_NOTIFY", True)
STORED_PAGES_STAMP = Path(env_str("STORED_PAGES_STAMP") or BASE_DIR / ".published")
# The front cache (Varnish, config/front-cache.vcl; README "Serving"): how long it keeps a
# stored page without being told (s-maxage: a lost purge heals within it), how long it may
# answer with the old page while it fetches the new one, and how long with the old page
# when the servers behind it fail. Browsers always ask again (max-age=0, with the ETag).
FRONT_CACHE_SECONDS = env_int("FRONT_CACHE_SECONDS", 300)
FRONT_CACHE_STALE_SECONDS = env_int("FRONT_CACHE_STALE_SECONDS", 10)
FRONT_CACHE_STALE_IF_ERROR_SECONDS = env_int("FRONT_CACHE_STALE_IF_ERROR_SECONDS", 86400)
# Where a publication's purge is sent once it commits: every front cache's address
# (http://cache-1:80/,http://cache-2:80/), and the secret they check (X-Purge-Secret; empty:
# the front caches check the sender's address, FRONT_CACHE_PURGERS, instead).
FRONT_CACHE_PURGE = env_list("FRONT_CACHE_PURGE", [])
FRONT_CACHE_SECRET = env_str("FRONT_CACHE_SECRET")
# The addresses a front cache takes purges from (manage.py front_cache writes them into its
# configuration), and how long a purge may take before it is tried again.
FRONT_CACHE_PURGERS = env_list("FRONT_CACHE_PURGERS", ["127.0.0.1", "::1"])
FRONT_CACHE_PURGE_TIMEOUT = env_int("FRONT_CACHE_PURGE_TIMEOUT", 2)
# Each server process keeps the search answers it gave until the next publication, at most
# this many seconds (0: every search is answered afresh, as `make bench` measures it).
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 600)
# What the search engines' statements may take, together, for one search: one cut short
# finds nothing rather than holding a server's thread (search/engines.py).
SEARCH_TIME_LIMIT_MS = env_int("SEARCH_TIME_LIMIT_MS", 150)
# The largest translation file (XLIFF, PO, TMX, TBX) the workspace reads: refused before
# it is parsed. 5 MB holds every text of a few hundred roles.
TRANSLATION_FILE_MAX_BYTES = env_int("TRANSLATION_FILE_MAX_BYTES", 5 * 1024 * 1024)
# Each server process also keeps the whole answers it gave lately in memory, up to this many
# bytes, forgotten with the stored pages it keeps (search/middleware.py).
SEARCH_ANSWERS_MEMORY = env_int("SEARCH_ANSWERS_MEMORY", 16 * 1024 * 1024)

# Mail: the notices to reviewers and translators (publishing/notifications.py), sent after
# the change they tell of has committed. Printed to the console in DEBUG (make run); sent
# through an SMTP server in production. A notice that cannot be sent is logged, never an
# error for the one who published or submitted.
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A mail server that does not answer must not hold a request for long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or (
    f"Role reference <noreply@{urlsplit(SITE_URL).hostname}>"
)
# The task queue: publishing, re-rendering after a release, scheduled publications and
# mail run as tasks stored in the database, run by `manage.py work` (make serve starts one
# beside gunicorn; make run runs one in a thread of runserver: TASKS_WORKER_THREAD).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASKS_WORKER_THREAD = env_bool("TASKS_WORKER_THREAD", False)


def code_release():
    """A digest of the code that renders pages: the same in every process of one release,
    different after any change to the code, templates, static files or catalogues."""
    digest = hashlib.sha256()
    for top in ("config", "content", "roles", "metrics", "salaries", "articles", "linking",
                "search", "publishing", "workspace", "demo", "templates", "static",
                "locale"):  # fmt: skip
        for path in sorted((BASE_DIR / top).rglob("*")):
            if path.is_file() and path.suffix not in {".pyc", ".mo"}:
                digest.update(path.relative_to(BASE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# The release of the code: a stored page rendered by another release is rendered again by
# manage.py render_pages (run when the site is prepared), and served until then.
CACHE_RELEASE = env_str("CACHE_RELEASE") or code_release()

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must load before django.contrib.admin.
    "modeltranslation",
    # django.contrib.admin, with the site of config/admin.py.
    "config.apps.ReferenceAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "axes",
    # The task queue (publishing/tasks.py): the tasks API and its database backend.
    "django_tasks",
    "django_tasks_db",
    # The API's documentation page: Swagger UI's templates and static files, served by us.
    "ninja",
    # The kernel, then the content apps, then what puts them together (articles registers
    # the history of its parts once their apps have registered their translated fields),
    # search, and publishing, which keeps the search index with what it publishes.
    "content",
    "roles",
    "metrics",
    "salaries",
    "articles",
    "linking",
    "search",
    "publishing",
    # The records of publishing's background work (publishing/tasks.py).
    "publishing.background",
    "workspace",
    "demo",
]

MIDDLEWARE = [
    # /healthz and /readyz for load balancers and the front cache, before any host check,
    # session or stored page (publishing/health.py).
    "publishing.health.HealthMiddleware",
    # Outermost: Permissions-Policy and Cross-Origin-Resource-Policy on every answer, static
    # files included, and the CSP and frame headers on one that failed before getting them.
    "content.headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public addresses answer GET and HEAD alike, and 405 with Allow to anything else; outside
    # the conditional and cache layers, so that a HEAD gets its GET's ETag and 304.
    "content.methods.ReadOnlyMiddleware",
    # ETag on every page and API answer, and 304 for a matching If-None-Match or
    # If-Modified-Since, cached answers included.
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside the page cache: a language switch is remembered even when the page is cached.
    "content.negotiation.RememberLanguageMiddleware",
    # Stored pages are served outside everything that builds a page, so serving one costs
    # little; what is stored already carries the CSP, frame and language headers.
    "publishing.middleware.StoredPageMiddleware",
    # Search answers given lately, likewise served outside what builds a page.
    "search.middleware.SearchAnswersMiddleware",
    # Search answers and the API's answers made on request, compressed as the reader accepts
    # (stored pages come compressed); inside the search answers, which keep them so.
    "content.compression.CompressionMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "content.negotiation.LanguageAliasMiddleware",
    # LocaleMiddleware sits after sessions and the Accept-Language aliases and before
    # CommonMiddleware, so that the language prefix is resolved before any slash redirect.
    # Prefixed pages carry no Vary: Accept-Language; the redirects from unprefixed
    # addresses vary on Accept-Language and Cookie.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The admin login locks out a username from an address after repeated failures, for an hour,
# and logs every failure (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = 1
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# No banner at every start: make run would print it once per manage.py command.
AXES_VERBOSE = False
if env_bool("BEHIND_PROXY", False):
    AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 1)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# The only sign-in is the admin's: a refused ?next= (another site's address) lands there,
# not on Django's default /accounts/profile/, which does not exist.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# The readers' pages render through Jinja2 (jinja2/, config/jinja2.py: a cheaper render, the
# same bytes; docs/rendering.md); the admin and the API's docs stay on Django's engine
# (templates/). Each template name is in one folder only.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "config.jinja2.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "content.negotiation.language_links",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# From the language registry (content/languages.py), each named in its own language.
LANGUAGE_CODE = languages.SOURCE
LANGUAGES = languages.django_languages()
LOCALE_PATHS = [BASE_DIR / "locale"]
# The remembered language: a year, never sent cross-site, not readable by scripts.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

MODELTRANSLATION_DEFAULT_LANGUAGE = languages.SOURCE
MODELTRANSLATION_LANGUAGES = tuple(languages.CODES)
MODELTRANSLATION_FALLBACK_LANGUAGES = (languages.SOURCE,)

STATIC_URL = "static/"
# collectstatic fills STATIC_ROOT for production; in DEBUG whitenoise serves from the finders.
STATIC_ROOT = None if DEBUG else Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    # The apps' files less django-ninja's Redoc and source map, which no page uses.
    "config.staticfiles.AppStaticFiles",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A role's admin form edits every listed item in five languages: a long article posts well
# over Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors": {"()": "content.log_filters.ClientErrorsAreWarnings"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Logger filters do not reach child loggers: each of Django's security loggers is named.
    "loggers": {
        name: {"filters": ["client_errors"]}
        for name in [
            "django.request",
            *(
                f"django.security.{kind}"
                for kind in [
                    "DisallowedHost",
                    "DisallowedRedirect",
                    "RequestDataTooBig",
                    "SuspiciousOperation",
                    "SuspiciousMultipartForm",
                    "SuspiciousFileOperation",
                    "TooManyFieldsSent",
                    "TooManyFilesSent",
                    "InvalidSessionKey",
                    "SuspiciousSession",
                    # A staff user's crafted admin address (a lookup or to_field it refuses).
                    "DisallowedModelAdminLookup",
                    "DisallowedModelAdminToField",
                ]
            ),
        ]
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Scripts and styles come only from our static files: no inline script or style anywhere, so
# the policy needs no 'unsafe-inline' and no nonce (which a cached page could not carry).
# Pages may not be framed; the embed views widen frame-ancestors to EMBED_ALLOWED_ORIGINS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"


def _origin(value):
    if not re.fullmatch(r"https?://[a-z0-9.-]+(:[0-9]+)?", value):
        raise ImproperlyConfigured(
            f"EMBED_ALLOWED_ORIGINS: {value!r} is not an origin such as https://kb.example.com"
        )
    return value


# Knowledge bases allowed to show our embeddable cards in a frame.
EMBED_ALLOWED_ORIGINS = [_origin(o) for o in env_list("EMBED_ALLOWED_ORIGINS", [])]
# How knowledge-base authors reach the site's editors (an e-mail address or a web address),
# named by the linking guide: to have their site allowed to frame the cards, say. Unset, the
# guide names the editors' group.
EDITORS_CONTACT = env_str("EDITORS_CONTACT").strip()
# The licence the reference's content is published under: named by the downloads, their
# JSON-LD and the linking guide. The publisher decides it; CC BY 4.0 until they say otherwise.
CONTENT_LICENCE_URL = env_str("CONTENT_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")

# modeltranslation's tabbed forms need jQuery UI; it is served from our static files rather
# than a CDN, so that the admin works offline, in browser tests and under a strict CSP.
JQUERY_UI_URL = "vendor/jquery-ui-1.13.3/jquery-ui.min.js"
