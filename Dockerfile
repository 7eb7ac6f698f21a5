# The production image: gunicorn serving the site with production settings.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=dlhs.settings.production \
    PORT=8000

RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo zlib1g libwebp7 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 dlhs

WORKDIR /app
COPY pyproject.toml README.md ./
COPY dlhs dlhs
COPY pages pages
COPY news news
COPY people people
RUN pip install .
COPY . .
# collectstatic needs settings but no real secret and no database.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/media && chown -R dlhs /app/media

USER dlhs
EXPOSE 8000
CMD ["sh", "-c", "gunicorn dlhs.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --max-requests 5000 --max-requests-jitter 500 --access-logfile -"]
