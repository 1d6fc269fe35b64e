# platform-bot image: `docker build -t platform-bot .` from the repository root.
#
# The build stage makes wheels from the project's own metadata (pyproject.toml) and installs
# them into a virtual environment; the runtime stage copies only that environment, so no
# compiler, build backend or wheel file reaches the final image. Every package comes from
# requirements.lock at its pinned version, so two builds of one commit install the same thing.
#
# The runtime image writes nothing outside /tmp: it runs with a read-only root filesystem
# and an emptyDir (or tmpfs) at /tmp. Bytecode is compiled at install time, so Python never
# tries to write it at run time. No secrets here: tokens come from the environment at run time.

FROM python:3.11.14-slim-bookworm AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src
COPY requirements.lock pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge

# The only step that reaches the index fetches the locked wheels (--no-deps: nothing else). The
# stage's own Python gets them (hatchling among them) to build the project's wheel without
# build isolation, then `platform-bot` is installed into the environment from /wheels alone:
# its dependencies resolve to the locked versions, and a dependency the lock lacks fails the
# build. The environment gets no pip of its own: the stage's pip installs into it (--python).
RUN pip wheel --no-deps --wheel-dir /wheels --requirement requirements.lock \
 && pip install --no-index --no-deps --find-links=/wheels --requirement requirements.lock \
 && pip wheel --no-index --no-deps --no-build-isolation --wheel-dir /wheels . \
 && python -m venv --without-pip /opt/platform-bot \
 && pip --python /opt/platform-bot/bin/python install --no-index --find-links=/wheels /wheels/platform_bot-*.whl


FROM python:3.11.14-slim-bookworm

LABEL org.opencontainers.image.title="platform-bot" \
      org.opencontainers.image.description="A Slack chat-ops bot that answers platform-engineering questions" \
      org.opencontainers.image.licenses="Apache-2.0"

COPY --from=build /opt/platform-bot /opt/platform-bot

# HOME=/tmp: anything that insists on a home directory gets the one writable place.
ENV PATH=/opt/platform-bot/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    PORT=3000

# A numeric user, so Kubernetes' runAsNonRoot can verify it without an /etc/passwd entry.
USER 10001:10001

EXPOSE 3000

# slim images carry no curl: Python itself asks /healthz. Orchestrators with their own probes
# (Kubernetes, Cloud Run, ACI) ignore this; plain `docker run` and Compose use it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=3)"]

# HTTP mode by default; `platform-bot socket` for Socket Mode.
CMD ["platform-bot", "serve"]
