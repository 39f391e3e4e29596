"""Django settings, all taken from SAFERBOARD_* environment variables.

SQLite under var/ is the default so one command can try the product;
SAFERBOARD_DATABASE_URL switches to PostgreSQL for real deployments and CI.
"""

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
# The checkout (or, when installed elsewhere, the working directory) holds var/.
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("SAFERBOARD_VAR_DIR", PROJECT_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _env_bool("SAFERBOARD_DEBUG", False)
# A development key: fine for `make run` on a laptop, never for production (`check --deploy`
# warns about it: core/checks.py).
DEVELOPMENT_SECRET_KEY = "saferboard-development-key-change-me-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SAFERBOARD_SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = _env_list("SAFERBOARD_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = _env_list("SAFERBOARD_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "saferboard.core",
    "saferboard.registry",
    "saferboard.meetings",
    "saferboard.actions",
    "saferboard.plans",
    "saferboard.performance",
    "saferboard.crime",
    "saferboard.funding",
    "saferboard.sharing",
    "saferboard.archive",
    "saferboard.assurance",
    # Two-factor authentication (TOTP) for information sharing.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "saferboard.api",
    # After our apps, so our registration/ templates win over the admin's.
    "django.contrib.admin",
    # Last, so saferboard.core's GOV.UK widget templates override Django's.
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor this session.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns lockouts into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "saferboard.urls"
WSGI_APPLICATION = "saferboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "saferboard.core.context_processors.workspace",
            ],
        },
    },
]
# Forms render with the GOV.UK Design System templates in core/templates/govuk/.
FORM_RENDERER = "saferboard.core.forms.GovUKRenderer"

_database_url = os.environ.get("SAFERBOARD_DATABASE_URL", "").strip()
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SAFERBOARD_SQLITE_PATH", str(VAR_DIR / "saferboard.sqlite3")),
            "OPTIONS": {
                # WAL lets readers carry on while one user saves; IMMEDIATE takes the
                # write lock at the start of a transaction instead of failing mid-way.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Tests use a file too (one per test process), not Django's shared in-memory
            # database: that one locks whole tables and fails at once where two
            # transactions meet, instead of waiting, so concurrency could not be tested.
            "TEST": {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failed logins (django-axes): per username, so one
# attacker cannot lock a whole office that shares an address.
AXES_FAILURE_LIMIT = int(os.environ.get("SAFERBOARD_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("SAFERBOARD_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# axes.W006 asks to lock by address too; we lock the account, deliberately, so a
# council office behind one address is not locked out by one person's typos.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

EMAIL_BACKEND = os.environ.get(
    "SAFERBOARD_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("SAFERBOARD_FROM_EMAIL", "saferboard <noreply@localhost>")
# Where people reach saferboard, for the links in e-mails (which have no request to go by).
SITE_URL = os.environ.get("SAFERBOARD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The largest meeting paper accepted for upload, in megabytes.
SAFERBOARD_PAPER_MAX_MB = float(os.environ.get("SAFERBOARD_PAPER_MAX_MB", "20"))
# The largest old pack accepted for archive import, in megabytes.
SAFERBOARD_ARCHIVE_MAX_MB = float(os.environ.get("SAFERBOARD_ARCHIVE_MAX_MB", "50"))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
ASSETS_DIR = Path(os.environ.get("SAFERBOARD_ASSETS_DIR", VAR_DIR / "assets"))
STATICFILES_DIRS = [ASSETS_DIR] if ASSETS_DIR.exists() else []
# Serve straight from the finders: no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Information sharing: the keys that encrypt request subjects' personal details (Fernet
# keys, comma-separated; the first encrypts, all decrypt, so a key can be rotated). Set it in
# production and keep it out of backups of the database. Without it, a key is made once in
# SHARING_KEY_FILE, which is fine for `make run` on a laptop, never for production.
SHARING_KEYS = _env_list("SAFERBOARD_SHARING_KEYS", "")
SHARING_KEY_FILE = Path(os.environ.get("SAFERBOARD_SHARING_KEY_FILE", VAR_DIR / "sharing.key"))
MEDIA_ROOT = Path(os.environ.get("SAFERBOARD_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _env_bool("SAFERBOARD_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "saferboard API",
    "DESCRIPTION": "Registry, meetings, actions, performance and plans of a Community Safety "
    "Partnership: bodies, organisations, people, posts, memberships, terms of reference, "
    "meetings, agenda items, papers, attendance, declarations, resolutions, actions and their "
    "updates, indicators and values, strategies, delivery plans and key actions. Every list is "
    "scoped to the partnerships the caller belongs to.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "SectorEnum": "saferboard.registry.models.Sector",
        "BodyKindEnum": "saferboard.registry.models.BodyKind",
        "MembershipCategoryEnum": "saferboard.registry.models.MembershipCategory",
        "BodyRoleEnum": "saferboard.registry.models.BodyRole",
        "MeetingStatusEnum": "saferboard.meetings.models.MeetingStatus",
        "AttendanceStatusEnum": "saferboard.meetings.models.AttendanceStatus",
        "ActionStatusEnum": "saferboard.actions.models.ActionStatus",
        "StrategyStatusEnum": "saferboard.plans.models.StrategyStatus",
        "PlanStatusEnum": "saferboard.plans.models.PlanStatus",
        "KeyActionStatusEnum": "saferboard.plans.models.KeyActionStatus",
    },
    # Swagger UI served from our own static files (drf-spectacular-sidecar), not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SAFERBOARD_LOG_LEVEL", "WARNING")},
}
