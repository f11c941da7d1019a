"""Settings shared by every environment.

The database comes from ``DATABASE_URL`` (SQLite file under ``var/`` when unset).
The content security policy is the same everywhere, so that the browser tests run
against the policy production uses: no inline scripts or styles, nothing off-site.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from budgetkatalog.web import local_state
from budgetkatalog.web.accounts import sso

WEB_DIR = Path(__file__).resolve().parents[1]
# Where the SQLite database and other local state live: ``var/`` under the directory
# the server is started from, unless ``BUDGETKATALOG_VAR`` says otherwise.
VAR_DIR = Path(os.environ.get("BUDGETKATALOG_VAR", Path.cwd() / "var")).resolve()

# DJANGO_SECRET_KEY, or the installation's own key, generated on first run (mode 0600).
SECRET_KEY = local_state.secret_key(VAR_DIR)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "budgetkatalog.web.accounts",
    "budgetkatalog.web.auditlog",
    "budgetkatalog.web.catalogues",
    "budgetkatalog.web.public",
    "budgetkatalog.web.staff",
    "budgetkatalog.web.scenarios",
    "budgetkatalog.web.hearing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "budgetkatalog.web.middleware.LanguageQueryMiddleware",
    "budgetkatalog.web.middleware.ControlCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "budgetkatalog.web.middleware.PrivatePagesMiddleware",
]

ROOT_URLCONF = "budgetkatalog.web.urls"
WSGI_APPLICATION = "budgetkatalog.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'budgetkatalog.sqlite3'}", conn_max_age=600),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL, BEGIN IMMEDIATE and a busy timeout (local_state.sqlite_options); the file
    # itself is created with mode 0600 when the apps are ready (accounts.apps).
    DATABASES["default"]["OPTIONS"] = local_state.sqlite_options()

# Public pages of published (immutable) versions are cached whole for anonymous
# visitors (public/cache.py). Per process by default, in bounded memory; with
# BUDGETKATALOG_CACHE_URL=redis://host:port/db shared by every server process.
CACHES = local_state.caches(os.environ.get("BUDGETKATALOG_CACHE_URL", ""))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/konto/login/"
LOGIN_REDIRECT_URL = "/personale/"
LOGOUT_REDIRECT_URL = "/"
# Optional single sign-on over OpenID Connect (the municipality's Entra ID, AD FS, …):
# BUDGETKATALOG_OIDC_ISSUER or _DISCOVERY_URL, _CLIENT_ID, _CLIENT_SECRET, _ROLE_MAP
# and the rest in docs/deployment.md. None: password log-in only.
BUDGETKATALOG_SSO = sso.from_environ(os.environ)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Password-set links mailed to new users (``accounts.actions.do_send_password_link``)
# work once and for three days. Mail goes out over SMTP as the environment says.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
DEFAULT_FROM_EMAIL = os.environ.get("BUDGETKATALOG_MAIL_FROM", "budgetkatalog@localhost")
EMAIL_HOST = os.environ.get("BUDGETKATALOG_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("BUDGETKATALOG_SMTP_PORT", "25"))

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
WHITENOISE_USE_FINDERS = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# The public hearing (hearing/). Attachments are kept outside the web root and served
# only through a permission-checked view.
HEARING_FILES_DIR = Path(os.environ.get("BUDGETKATALOG_HEARING_FILES", VAR_DIR / "hearing-files"))
HEARING_ATTACHMENT_MAX_BYTES = 10_000_000
HEARING_ATTACHMENT_MAX_COUNT = 5
# How many proxies in front of the server append to X-Forwarded-For (0: none; the
# socket's peer is the client). The rate limits key on the address this yields.
HEARING_TRUSTED_PROXY_COUNT = int(os.environ.get("BUDGETKATALOG_TRUSTED_PROXIES", "0"))
# Responses per hour from one address and e-mail (or session), and from one address.
HEARING_RATE_PER_SENDER = int(os.environ.get("BUDGETKATALOG_HEARING_RATE_PER_SENDER", "20"))
HEARING_RATE_PER_ADDRESS = int(os.environ.get("BUDGETKATALOG_HEARING_RATE_PER_ADDRESS", "600"))
# Personal data in responses is deleted this many days after receipt
# (`budgetkatalog manage purge_hearing_data`), once the hearing's archive export exists.
HEARING_RETENTION_DAYS = int(os.environ.get("BUDGETKATALOG_HEARING_RETENTION_DAYS", "730"))

# Receipts go out through the outbox (`budgetkatalog manage send_outbox --loop`).
EMAIL_HOST = os.environ.get("BUDGETKATALOG_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("BUDGETKATALOG_SMTP_PORT", "25"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("BUDGETKATALOG_MAIL_FROM", "hoering@budgetkatalog.invalid")
