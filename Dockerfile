# Budgetkatalog as a container: the web application from the wheel, production settings.
#   docker build -t budgetkatalog .
#   docker run -e DJANGO_SECRET_KEY=... -e DJANGO_ALLOWED_HOSTS=budget.kommune.dk \
#     -e DATABASE_URL=postgres://... -p 8000:8000 budgetkatalog
# See docs/deployment.md.

FROM python:3.11-slim-bookworm AS wheel
WORKDIR /src
COPY . .
RUN pip wheel --no-deps --no-cache-dir --wheel-dir /dist .

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=budgetkatalog.web.settings.production \
    BUDGETKATALOG_VAR=/var/lib/budgetkatalog \
    BUDGETKATALOG_STATIC_ROOT=/opt/budgetkatalog/static
COPY constraints.txt /tmp/constraints.txt
COPY --from=wheel /dist/ /tmp/dist/
RUN wheel="$(ls /tmp/dist/budgetkatalog-*.whl)" \
    && pip install --no-cache-dir -c /tmp/constraints.txt "budgetkatalog[web] @ file://$wheel" \
    && rm -r /tmp/dist /tmp/constraints.txt \
    && useradd --system --home-dir /var/lib/budgetkatalog --shell /usr/sbin/nologin budgetkatalog \
    && mkdir -p /var/lib/budgetkatalog /opt/budgetkatalog \
    && chown budgetkatalog /var/lib/budgetkatalog \
    # Static files are part of the image; the key is needed to load the settings only.
    && DJANGO_SECRET_KEY=collectstatic-only budgetkatalog manage collectstatic --noinput -v 0
USER budgetkatalog
WORKDIR /var/lib/budgetkatalog
VOLUME /var/lib/budgetkatalog
EXPOSE 8000
# One process migrates on start; with several replicas, run
# `budgetkatalog manage migrate` once per release and add --no-migrate here.
# Set BUDGETKATALOG_TRUSTED_PROXY to the HTTPS proxy's address (docs/deployment.md).
# With several replicas, set BUDGETKATALOG_CACHE_URL=redis://… as well: the hearing's
# rate limits (and the page cache) must be shared by every replica.
CMD ["budgetkatalog", "serve", "--host", "0.0.0.0", "--port", "8000"]
