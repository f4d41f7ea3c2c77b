# Production image: the web app on gunicorn; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

RUN groupadd --system app && useradd --system --gid app --home /app app
WORKDIR /app
# Pango and a font for the PDF reports (WeasyPrint); libmagic for what an uploaded document really is.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core libmagic1 \
    && rm -rf /var/lib/apt/lists/*

COPY requirements/ requirements/
RUN pip install -r requirements/base.txt

COPY . .
# collectstatic needs settings but no secrets or database.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /data/private-media && chown -R app:app /app /data/private-media
USER app

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD ["python", "scripts/healthcheck.py"]
# Workers, threads, preload, recycling and timeouts: gunicorn.conf.py (sized for 2 cores; GUNICORN_* overrides).
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
