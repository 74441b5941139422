"""Parcours settings: every value comes from the environment, with embedded defaults.

A fresh clone runs with no `.env`: SQLite and files in the data folder, a secret key
generated there on first run, mail written to the console. Production sets
`DATABASE_URL`, `PARCOURS_SECURE=true`, `ALLOWED_HOSTS`, mail and storage variables
(see docs/deploy.md).
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DATA_DIR = Path(env("PARCOURS_DATA_DIR", str(BASE_DIR / "data"))).resolve()
# The SQLite database, the generated secret key and the files live here.
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key():
    """The key given by the environment, or one generated once into the data folder.

    Never committed: `data/` is ignored by git. Losing it signs everyone out and
    invalidates pending invitation links, nothing more.
    """
    if key := env("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The address people use to reach Parcours: links in e-mails and on login cards.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# How many reverse proxies in front of Parcours append to X-Forwarded-For. With 0,
# REMOTE_ADDR is the client; with 1, the last X-Forwarded-For entry is (the one our
# own proxy wrote: earlier entries are whatever the client sent).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))

INSTALLED_APPS = [
    # First, so that its createsuperuser (coordinators sign in by e-mail) wins over auth's.
    "parcours.people",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "parcours.core",
    "parcours.audit",
    "parcours.rooms",
    "parcours.courses",
    "parcours.referrals",
    "parcours.notifications",
    "parcours.progress",
    "parcours.reports",
    "parcours.volunteers",
    "parcours.locker",
    "parcours.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before WhiteNoise, which answers static files itself: they get the header too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "parcours.people.middleware.TraineeSessionMiddleware",
    # Coordinators set up their second factor before anything else.
    "parcours.people.middleware.TwoFactorMiddleware",
    # Volunteers accept the confidentiality charter before any trainee data.
    "parcours.volunteers.middleware.CharterMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "parcours.urls"
WSGI_APPLICATION = "parcours.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "parcours" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parcours.core.context_processors.parcours",
            ],
        },
    },
]

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
# SQLite options remove "database is locked" under concurrent writers (STACK_NOTES):
# WAL, a 30 s busy timeout and IMMEDIATE transactions, so a read-then-write
# transaction takes the write lock up front instead of failing half-way.
# Persistent connections on both: reconnecting costs a PostgreSQL page 8x its throughput,
# and an SQLite page its file opening and PRAGMAs (public home: 6.5 -> 4 ms).
_database_url = env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'parcours.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "people:home"
LOGOUT_REDIRECT_URL = "public_home"

# Argon2 with a memory cost sized for a class signing in at once: see
# parcours/people/hashers.py for the reasoning.
PASSWORD_HASHERS = [
    "parcours.people.hashers.ParcoursArgon2Hasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "parcours.people.validators.FrenchCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions. Trainees' sessions are shortened further by TraineeSessionMiddleware.
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script reads these cookies (forms and htmx carry the CSRF token in a field).
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = False
# Messages in the session, not in a cookie: a cookie is signed but readable, and
# "Amina Rakoto est ajoutée…" would stay in the browser of a shared computer.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
TRAINEE_IDLE_TIMEOUT = int(env("TRAINEE_IDLE_TIMEOUT", str(15 * 60)))

# Per-account sign-in lockout (never per network address: a class room shares one).
LOGIN_PAUSE_AFTER = 5
LOGIN_PAUSE_MINUTES = 15
LOGIN_LOCK_AFTER = 10
# Per-address limits on public forms (parcours/core/ratelimit.py), generous because a
# class room shares one address: failed sign-ins (passwords, PINs, second-step codes)…
SIGN_IN_LIMIT_PER_ADDRESS = int(env("SIGN_IN_LIMIT_PER_ADDRESS", "50"))
SIGN_IN_LIMIT_WINDOW_MINUTES = int(env("SIGN_IN_LIMIT_WINDOW_MINUTES", "10"))
# …and unknown or expired token links (invitations, download links).
TOKEN_LIMIT_PER_ADDRESS = int(env("TOKEN_LIMIT_PER_ADDRESS", "20"))
TOKEN_LIMIT_WINDOW_MINUTES = int(env("TOKEN_LIMIT_WINDOW_MINUTES", "10"))
# Coordinators see everything: they cannot use Parcours before setting up a second
# factor (an authenticator app). `parcours demo` turns this off for its own server.
PARCOURS_REQUIRE_COORDINATOR_2FA = env_bool("PARCOURS_REQUIRE_COORDINATOR_2FA", True)

LANGUAGE_CODE = "fr"
# Arabic covers the trainees' pages (staff pages fall back to French where untranslated).
LANGUAGES = [("fr", "Français"), ("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "parcours" / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
_collect_static = env_bool("PARCOURS_COLLECTSTATIC", False)
# Without collectstatic, whitenoise serves straight from the app folders (finders).
STATIC_ROOT = DATA_DIR / "static" if _collect_static else None
WHITENOISE_USE_FINDERS = not _collect_static
STATICFILES_DIRS = [BASE_DIR / "parcours" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "files"},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _collect_static
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}

# The locker (trainees' documents, parcours/locker/). Objects live under random keys in
# the "locker" storage: the data folder by default, an S3-compatible bucket when
# S3_BUCKET is set. Files are always streamed through Parcours, which checks access and
# writes the journal first: the bucket must not be public.
LOCKER_QUOTA_MB = int(env("LOCKER_QUOTA_MB", "500"))  # per trainee; coordinators change it
LOCKER_MAX_FILE_MB = int(env("LOCKER_MAX_FILE_MB", "50"))
LOCKER_TRASH_DAYS = int(env("LOCKER_TRASH_DAYS", "30"))
# Uploads are received here before they are checked and stored; what an interrupted
# upload leaves behind is removed by the worker (clean_up_locker).
LOCKER_UPLOAD_DIR = DATA_DIR / "locker-uploads"
if env("S3_BUCKET"):
    from boto3.s3.transfer import TransferConfig

    STORAGES["locker"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "region_name": env("S3_REGION") or None,
            "querystring_expire": 60,
            "default_acl": None,
            # Keys are random and never reused: no need to ask the bucket first.
            "file_overwrite": True,
            # Large files go up in 8 MB parts, two at a time: memory stays bounded
            # (boto3's default, ten at a time, would hold up to 80 MB per upload).
            "transfer_config": TransferConfig(max_concurrency=2),
        },
    }
else:
    STORAGES["locker"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Readable by the service account only: these are people's papers.
        "OPTIONS": {
            "location": DATA_DIR / "locker",
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
# Virus scan of every upload before it becomes visible: a clamd socket (preferred: the
# signatures stay loaded), or the clamscan program (loads them for every file: slow).
# Both empty: no scan.
CLAMAV_SOCKET = env("CLAMAV_SOCKET")
CLAMSCAN_PATH = env("CLAMSCAN_PATH")
# clamscan's signature database (-d); empty: clamscan's own default.
CLAMSCAN_DATABASE = env("CLAMSCAN_DATABASE")

# Mail: console by default, a folder of .eml files with MAIL=file, SMTP with MAIL=smtp.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Parcours <parcours@localhost>")
_mail = env("MAIL", "console")
if _mail == "smtp":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("SMTP_HOST", "localhost"),
                "port": int(env("SMTP_PORT", "25")),
                "username": env("SMTP_USER") or None,
                "password": env("SMTP_PASSWORD") or None,
                "use_tls": env_bool("SMTP_STARTTLS", False),
                "use_ssl": env_bool("SMTP_SSL", False),
                "timeout": 10,
            },
        }
    }
elif _mail == "file":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(DATA_DIR / "mail")},
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# SMS to trainees (parcours/notifications/sms.py): console by default, JSON lines in
# <data dir>/sms/ with SMS=file, Brevo's transactional SMS API with SMS=http.
SMS_BACKEND = env("SMS", "console")
SMS_API_URL = env("SMS_API_URL", "https://api.brevo.com/v3/transactionalSMS/send")
SMS_API_KEY = env("SMS_API_KEY")
# Shown as the sender: at most 11 letters or digits, or a phone number.
SMS_SENDER = env("SMS_SENDER", "Parcours")

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Content-Security-Policy: nothing inline, nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "parcours.core.views.csrf_failure"

# Behind HTTPS (production): secure cookies, redirect, HSTS.
if env_bool("PARCOURS_SECURE", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SILENCED_SYSTEM_CHECKS = [] if env_bool("SECURE_HSTS_PRELOAD", False) else ["security.W021"]

# Logs go to stderr; they carry internal ids only (see docs/deploy.md).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs 4xx with the request path; paths can carry usernames (login card QR).
        "django.request": {"level": "ERROR"},
        # The task worker announces every poll at INFO.
        "django_tasks_db": {"level": "WARNING"},
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

PROGRAMME_NAME = env("PROGRAMME_NAME", "Parcours")
# After this many unexcused absences in a row, the trainer and the referrer are alerted (once).
ABSENCE_ALERT_AFTER = int(env("ABSENCE_ALERT_AFTER", "2"))
# Declined and withdrawn volunteer applications are deleted this many days after the decision.
APPLICATION_RETENTION_DAYS = int(env("APPLICATION_RETENTION_DAYS", "183"))
# A trainee's data is anonymised this many months after the last session they attended
# (or after their record was created, when they never came); the coordinators are
# warned 30 days before and may keep a record for now (parcours/privacy/retention.py).
PARCOURS_RETENTION_MONTHS = int(env("PARCOURS_RETENTION_MONTHS", "24"))
# Entries of the audit journal older than this many months are deleted by the same job.
PARCOURS_AUDIT_RETENTION_MONTHS = int(env("PARCOURS_AUDIT_RETENTION_MONTHS", "12"))
# The confidentiality charter trainers accept before reaching trainee data; changing its
# text means a new version here, which every trainer accepts again.
CHARTER_VERSION = "2026-11"

CACHES = {
    # Per process: small things cheap to recompute.
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Shared by every server process and every server of a network, in the database (a
    # table made by core's migration 0003): figures costly to compute once — statistics,
    # sent reports' PDFs. Nothing to install or run beside the database.
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "parcours_cache",
        "OPTIONS": {"MAX_ENTRIES": int(env("PARCOURS_SHARED_CACHE_ENTRIES", "5000"))},
    },
}

# The statistics page's figures are kept this many seconds for the same period and site
# (reports/statistics.py): seconds of aggregation on a national network, asked many times a
# day. They are kept in the shared cache, and the worker computes the usual periods ahead
# (the last twelve months, this year and last year) every STATISTICS_CACHE_SECONDS, so
# that no coordinator waits for them.
STATISTICS_CACHE_SECONDS = int(env("STATISTICS_CACHE_SECONDS", "600"))
