"""Settings for the Celery worker subprocess of test_reliability.py (not for production).

The test process passes the broker, the SMTP port and its test database through the
environment, so the worker uses exactly what the test sees.
"""

import json
import os

from website.settings.test import *  # noqa: F401,F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = os.environ["RELIABILITY_BROKER_URL"]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["RELIABILITY_SMTP_PORT"])
EMAIL_USE_TLS = False
EMAIL_USE_SSL = False
EMAIL_TIMEOUT = 30
DATABASES = {"default": {**DATABASES["default"], **json.loads(os.environ["RELIABILITY_DB"])}}  # noqa: F405
DATABASES["default"].pop("TEST", None)
