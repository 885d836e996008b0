"""Settings of the SMART OTOP learning platform, read from the environment.

The defaults are the embedded ones (SQLite, tasks run in-process, local media); production sets
DATABASE_URL, CELERY_BROKER_URL, SITE_URL, SECRET_KEY, DEBUG=false and ALLOWED_HOSTS.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str(
    "SECRET_KEY", default="dev-only-insecure-key-change-me" if DEBUG else environ.Env.NOTSET
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "core",
    "accounts",
    "home",
    "courses",
    "producers",
    "learning",
    "certificates",
    "selection",
    "reports",
    "showcase",
    "api",
    "offline",
    "wagtail.contrib.forms",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.wagtail_users.UsersAppConfig",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.ThaiFirstLocaleMiddleware",
    "core.middleware.RefuseNulMiddleware",  # PostgreSQL refuses NUL in text: 400, not 500
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "offline.middleware.OfflineCachePolicyMiddleware",
    "home.middleware.PreviewFramingMiddleware",
    "courses.tree.TreeGenerationMiddleware",  # the course tree's generation read once a request
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "home.context_processors.site_settings",
                "home.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The default cache also holds every rate-limit counter (API throttles, certificate checks): in
# production it must be shared by all web workers, i.e. CACHE_URL=redis://... (see docs/operations.md).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # A frozen Redis must cost a request about a second, not hang it.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 1, "socket_timeout": 1}
    )

# Reverse proxies in front of the site (TLS terminator, load balancer) that append to
# X-Forwarded-For. 0: the TCP peer is the client. core.client_address reads it for sign-in
# lockouts, API throttles and rate limits alike.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Certificate checks on the public verify page, per client address and minute (core.rate_limits).
CERTIFICATES_VERIFY_PER_MINUTE = env.int("CERTIFICATES_VERIFY_PER_MINUTE", default=30)
# API request rates (DRF rate strings) for anonymous clients, counted per address, and per user.
API_ANON_RATE = env.str("API_ANON_RATE", default="60/minute")
API_USER_RATE = env.str("API_USER_RATE", default="600/minute")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # sign-in throttling, first
    "accounts.backends.EmailOrPhoneBackend",
]
# Five wrong passwords for one account from one address lock that pair out for 15 minutes, and
# AXES_ADDRESS_FAILURE_LIMIT failures over any accounts lock the address. The account is counted
# as normalised for sign-in (phone digits, email case), so other spellings are not fresh tries.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "accounts.sign_in.SignInLockoutHandler"
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in forms call it username (email or phone)
AXES_USERNAME_CALLABLE = "accounts.sign_in.axes_username"
AXES_CLIENT_IP_CALLABLE = "core.client_address.lockout_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
LOGIN_URL = "accounts:login"
# Pages made private "for signed-in users" send visitors to the site's own sign-in page.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Sign-up attempts (successful or not) from one address in an hour; slows probing for accounts.
SIGN_UPS_PER_ADDRESS_PER_HOUR = env.int("SIGN_UPS_PER_ADDRESS_PER_HOUR", default=20)
# One-time codes (sign-up, password reset, a new phone or email): sent to one phone/email, and
# asked for from one client address, in an hour.
ONE_TIME_CODES_PER_TARGET_PER_HOUR = env.int("ONE_TIME_CODES_PER_TARGET_PER_HOUR", default=5)
ONE_TIME_CODES_PER_ADDRESS_PER_HOUR = env.int("ONE_TIME_CODES_PER_ADDRESS_PER_HOUR", default=20)
# Training-session invitations (SMS or email) to one phone or email per day, re-sends included.
COHORT_INVITATIONS_PER_CONTACT_PER_DAY = env.int(
    "COHORT_INVITATIONS_PER_CONTACT_PER_DAY", default=3
)
# National ID entries a trainee may try in a day (the form must not become a way to test IDs).
NATIONAL_ID_TRIES_PER_DAY = env.int("NATIONAL_ID_TRIES_PER_DAY", default=5)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Version of the privacy notice a trainee consents to at sign-up (PDPA); bump it when the notice changes.
PRIVACY_NOTICE_VERSION = env.str("PRIVACY_NOTICE_VERSION", default="2026-11")

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("th", "ไทย")]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Sarabun is served by the site itself (no CDN), as the WOFF2 subsets in static/fonts/sarabun/.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

_default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SMART OTOP <no-reply@localhost>")
# Text messages (one-time codes): console:// logs them; twilio://SID:TOKEN@api.twilio.com?from=%2B...
# sends through Twilio's Messages API (see accounts/sms.py and docs/operations.md).
SMS_URL = env.str("SMS_URL", default="console://")

# Celery: with no broker configured, tasks run in-process so the embedded default needs no server.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# With the broker down or frozen, sending a task must fail within about a second (the periodic
# sweep catches up), not hang a request: short socket timeouts and no publish retry.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
    "retry_on_timeout": False,
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}

# Reports: downloads above this many rows are written by a Celery task on the "exports" queue.
REPORTS_ASYNC_THRESHOLD = env.int("REPORTS_ASYNC_THRESHOLD", default=5000)
# Days a background download's file is kept before the beat task deletes it.
REPORTS_DOWNLOAD_DAYS = env.int("REPORTS_DOWNLOAD_DAYS", default=7)
CELERY_TASK_ROUTES = {"reports.run_export": {"queue": "exports"}}
CELERY_BEAT_SCHEDULE["reports-delete-expired-exports"] = {
    "task": "reports.delete_expired_exports",
    "schedule": 6 * 60 * 60,
}
CELERY_BEAT_SCHEDULE["accounts-delete-old-one-time-codes"] = {
    "task": "accounts.delete_old_one_time_codes",
    "schedule": 24 * 60 * 60,
}
CELERY_BEAT_SCHEDULE["certificates-sweep"] = {
    "task": "certificates.tasks.sweep_certificates",
    "schedule": 600.0,  # every 10 minutes: issue what a lost message or a stopped worker left undone
}

# Offline reading: handouts larger than this stay online only when a trainee saves a course.
OFFLINE_HANDOUT_MAX_BYTES = env.int("OFFLINE_HANDOUT_MAX_BYTES", default=5 * 1024 * 1024)

WAGTAIL_SITE_NAME = "SMART OTOP Learning"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Admin avatars are Wagtail's own picture or an uploaded one: no Gravatar (it would send a hash of
# each user's email to a third party, and the CSP's img-src blocks it, leaving a broken image).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Also set for throttles other than api.throttling's, which ask core.client_address directly.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    # DRF's own anon/user throttles get the same rates; api.throttling reads the settings per request
    # so that a changed setting (a test) applies at once.
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE, "user": API_USER_RATE},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SMART OTOP Learning API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["api.schema.only_this_api"],
    "ENUM_NAME_OVERRIDES": {
        "ProducerStatusEnum": "producers.models.Producer.Status",
        "CertificateStatusEnum": "certificates.models.Certificate.Status",
        "ProductStandardKindEnum": "producers.models.ProductStandard.Kind",
    },
}

# Production hardening: on when DEBUG is off, so `manage.py check --deploy` is clean.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview sets SAMEORIGIN on its own views
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy for the public site: scripts, styles and fonts only from the site itself,
# no inline script. The Wagtail admin (which needs inline script) is left to Wagtail.
_MEDIA_ORIGINS = env.list("CSP_MEDIA_ORIGINS", default=[])  # e.g. the S3 bucket's https origin
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGINS],
        "media-src": ["'self'", *_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *_MEDIA_ORIGINS],  # saving a course fetches its pictures
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's default config gives "django" a console handler of its own; every line would
        # then print twice (there and through the root). The root prints it once; runserver's
        # request lines keep their own format, once.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
if not CELERY_BROKER_URL:
    # In-process tasks still take a producer from kombu's pool, which warns that the (unused)
    # empty broker URL has no hostname.
    LOGGING["loggers"]["kombu.connection"] = {"level": "ERROR"}
