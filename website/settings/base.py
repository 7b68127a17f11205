"""Settings shared by every environment. Values that vary come from the environment."""

from pathlib import Path

import django.conf.locale as django_locale
from django.utils.translation import gettext_lazy as _

from .env import (
    PROBLEMS,
    database_config,
    email_config_from_env,
    env,
    env_bool,
    env_choice,
    env_int,
    env_list,
    frontend_cache_config,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Our apps first so their templates override third-party ones.
    "core",
    "website",
    "accounts.apps.AccountsConfig",
    "taxonomy",
    "privacy",
    "notifications",
    "knowledge",
    "signals",
    "feedback",
    "communities",
    "search",
    "reporting",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "website.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "website.middleware.DutchFirstLocaleMiddleware",
    # Anonymous public pages: shared-cache headers, in-app page cache (docs/caching.md).
    "core.http_cache.PublicCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "privacy.middleware.GuardConfirmationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "website.context_processors.site_shell",
                "notifications.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {"default": database_config(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL is the cache (and, unless CELERY_BROKER_URL is set, also the broker). Production
# puts them on separate Redis databases: a cache eviction or FLUSHDB never touches the queue.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis, with a process-local fallback while Redis is unreachable (docs/faults.md).
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ls",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 1.0,
                "pause_seconds": 10,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Dutch first, English available.
LANGUAGE_CODE = "nl"
# nl and en for the whole interface; ar, uk and ti for the newcomer pages (feedback app),
# which take their language from the URL. Dutch unless the visitor chooses: the browser's
# Accept-Language is never used to switch (see website.middleware, docs/languages.md).
LANGUAGES = [
    ("nl", _("Nederlands")),
    ("en", _("English")),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ti", "ትግርኛ"),
]
INTERFACE_LANGUAGES = ["nl", "en"]
NEWCOMER_LANGUAGES = ["nl", "en", "ar", "uk", "ti"]
EXTRA_LANG_INFO = {
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
}
django_locale.LANG_INFO.update(EXTRA_LANG_INFO)  # Django knows no Tigrinya of its own
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "ls_language"
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
LANGUAGE_COOKIE_SAMESITE = "Lax"
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files without a public URL (community documents), streamed by views that check access.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
COMMUNITIES_DOCUMENT_ROOT = PRIVATE_MEDIA_ROOT / "communities"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: EMAIL_URL, e.g. smtp://user:password@mail.example.org:587/?tls=1 (console by default).
globals().update(email_config_from_env("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Lerend stelsel inburgering <noreply@lerendstelsel.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Lerend stelsel inburgering"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # permission checks on every download
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

_search_backend = {"BACKEND": "wagtail.search.backends.database"}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # SEARCH_CONFIG is a top-level key of the backend (inside OPTIONS it is ignored).
    _search_backend["SEARCH_CONFIG"] = "dutch"
WAGTAILSEARCH_BACKENDS = {"default": _search_backend}

# Elasticsearch is optional: the platform's own search module uses it when set.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
# RUM index for the PostgreSQL search fallback (used when the extension exists).
SEARCH_RUM = env_bool("SEARCH_RUM", True)
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", "lerendstelsel")
# OpenSearch instead of Elasticsearch (same index and queries, opensearch-py client).
OPENSEARCH_URL = env("OPENSEARCH_URL")
# After a failed request, search answers from the database for this long (one warning).
SEARCH_ENGINE_PAUSE_SECONDS = float(env("SEARCH_ENGINE_PAUSE_SECONDS", "30"))
SEARCH_ENGINE_TIMEOUT = float(env("SEARCH_ENGINE_TIMEOUT", "2"))

# Django REST framework: session auth for the site, tokens for partner systems.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "DEFAULT_PARSER_CLASSES": [
        "core.input_bounds.BoundedJSONParser",  # nesting limit, no 1e400 (a 400, not a 500)
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 25,
    # Per client address (core.ratelimit.client_ip) for anonymous requests, per user for
    # tokens and sessions; 429 with Retry-After beyond the rate.
    "DEFAULT_THROTTLE_CLASSES": [
        "core.throttling.AnonymousThrottle",
        "core.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("RATE_LIMIT_API_ANONYMOUS", "60/m"),
        "user": env("RATE_LIMIT_API_USER", "600/m"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lerend stelsel inburgering API",
    "DESCRIPTION": "Signals, follow-up and knowledge of the lerend stelsel (Wet inburgering 2021).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["website.api.only_public_api"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Stable component names where two fields share a name (the public contract).
    "ENUM_NAME_OVERRIDES": {
        "FrequencyEnum": "signals.models.Frequency",
        "SubscriptionFrequencyEnum": "notifications.models.NotificationPreference.Digest",
    },
}

# Celery: Redis in production; without REDIS_URL tasks run in-process (embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing fails fast when the broker is down (the outbox keeps the message pending).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    "socket_connect_timeout": 3,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "default"

# Outbox and notifications (notifications/outbox.py, notifications/services.py)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_DISPATCH_LEASE_SECONDS = env_int("OUTBOX_DISPATCH_LEASE_SECONDS", 300)
OUTBOX_DONE_RETENTION_DAYS = env_int("OUTBOX_DONE_RETENTION_DAYS", 30)
NOTIFICATIONS_FANOUT_THRESHOLD = env_int("NOTIFICATIONS_FANOUT_THRESHOLD", 50)
# Signals: routing, consultations and the voice of the supporters (docs/routing.md).
SIGNAL_RESPONSE_WORKING_DAYS = env_int("SIGNAL_RESPONSE_WORKING_DAYS", 3)
SIGNAL_HERKEND_THRESHOLD = env_int("SIGNAL_HERKEND_THRESHOLD", 10)
SIGNAL_REOPEN_SHARE = float(env("SIGNAL_REOPEN_SHARE", "0.5"))
NOTIFICATIONS_READ_RETENTION_DAYS = env_int("NOTIFICATIONS_READ_RETENTION_DAYS", 365)

# Security defaults; production.py tightens them further.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Platform settings
PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = env("RATE_LIMIT_ANONYMOUS_FORMS", "10/h")
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60, minimum=1)
# Reverse proxies whose X-Forwarded-For is believed (CIDR networks, comma-separated; default
# none: the direct peer is the client). See core.ratelimit.client_ip and docs/operations.md.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
FEEDBACK_CONTACT_RETENTION_DAYS = env_int("FEEDBACK_CONTACT_RETENTION_DAYS", 90, minimum=1)
# Lock-out of one address that fails many logins across accounts (docs/security.md).
LOGIN_ADDRESS_FAILURE_LIMIT = env_int(
    "LOGIN_ADDRESS_FAILURE_LIMIT", 4 * LOGIN_FAILURE_LIMIT, minimum=1
)
# JSON nesting the API accepts (deeper is a 400).
API_MAX_JSON_DEPTH = env_int("API_MAX_JSON_DEPTH", 32, minimum=2)
# Public phone numbers the personal-data guard lets through (E.164, comma-separated).
PRIVACY_GUARD_ALLOWED_PHONE_NUMBERS = env_list("PRIVACY_GUARD_ALLOWED_PHONE_NUMBERS", [])
# Days a feedback reference code shows its status.
FEEDBACK_REFERENCE_DAYS = env_int("FEEDBACK_REFERENCE_DAYS", 365, minimum=1)
# OpenID Connect providers (JSON list, docs/identity.md) and the removal grace period.
OIDC_PROVIDERS = env("OIDC_PROVIDERS", "[]")
ACCOUNT_REMOVAL_GRACE_DAYS = env_int("ACCOUNT_REMOVAL_GRACE_DAYS", 14, minimum=0)

# Page caching (docs/caching.md): headers for proxies/CDNs and the in-app page cache.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300, minimum=0)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 300)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 600)
PAGE_CACHE_PUBLIC_VIEWS = [
    "knowledge:theme",
    "signals:public_followup",
    "signals:public_detail",
    "reporting:public",
]
WAGTAILFRONTENDCACHE = frontend_cache_config()

_LOG_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO", _LOG_LEVELS)},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "elasticsearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
    },
}

# Malformed environment values (variable -> problem), refused by the core.checks system check.
ENVIRONMENT_PROBLEMS = PROBLEMS

from website.schedule import CELERY_BEAT_SCHEDULE  # noqa: E402,F401
