# Production image: gunicorn (web), celery worker and celery beat share it.
# Base image pinned by exact version; Python packages only from the hashed lock file
# requirements/base.txt (refresh it with `make lock`, see docs/operations.md).
FROM python:3.11.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=website.settings.production \
    MEDIA_ROOT=/app/media \
    PRIVATE_MEDIA_ROOT=/app/private_media

RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 app

WORKDIR /app
# The lock alone first, so the dependency layer is rebuilt only when the lock changes.
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes --no-deps -r requirements/base.txt
COPY . .

# collectstatic needs a (throw-away) secret; the real one comes from the environment at run time.
# The media folders belong to the app user: a new named volume mounted there copies this
# ownership, so uploads are writable without running as root.
RUN SECRET_KEY=build-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')-build-only-secret \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/private_media \
    && chown -R app:app /app/media /app/private_media /app/staticfiles

USER app
EXPOSE 8000
CMD ["gunicorn", "website.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
