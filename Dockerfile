# The FAQ bot in a container: `docker compose up -d` (see compose.yaml and docs/deployment.md).
# BASE is any Debian-based image with Python 3.11+ (python3 and its venv module).
ARG BASE=python:3.11-slim-bookworm
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    FAQ_DIR=/app/faq \
    BOT_DB_PATH=/data/bot.sqlite3

# The package and its dependencies, as pyproject.toml lists them (one list for every way to install).
# Behind a TLS-inspecting proxy, mount its CA for the build and pass --build-arg PIP_CERT=<that path>.
ARG PIP_CERT
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --quiet --upgrade pip \
 && /opt/venv/bin/pip install --no-cache-dir --quiet . \
 && rm -rf /src
# The shipped FAQ; compose mounts the clinic's own folder over it, read-only.
WORKDIR /app
COPY faq ./faq

# Not root; the data folder is the only place it writes.
RUN useradd --system --no-create-home --shell /usr/sbin/nologin bot \
 && mkdir -p /data && chown bot /data
USER bot
VOLUME /data

# SIGTERM (docker stop) finishes the replies in flight, confirms what was answered and exits
# within 10 s; whatever was not answered is delivered again to the next start.
STOPSIGNAL SIGTERM
CMD ["/opt/venv/bin/python", "-m", "bot", "run"]
