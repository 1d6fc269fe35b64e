"""Running the Slack app: ``platform-bot serve`` (HTTP mode) and ``platform-bot socket`` (Socket Mode).

Configuration comes from the environment and is checked before anything starts: a missing or
malformed variable ends the command with exit code 2 and a message naming the variable and where
to get it. Tokens never reach the logs: they are not logged by us, and every log line passes
through :class:`RedactingFormatter` in case a library would.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.answer import Engine
from bot.knowledge import load_knowledge
from bot.slack.app import build_app
from bot.slack.context import describe_error
from bot.slack.http import MAX_BODY, events_handler
from bot.web import drain, serve_until_stopped, stop_on_signals, web_app

EXIT_OK = 0
EXIT_UNAVAILABLE = 1
EXIT_USAGE = 2
DEFAULT_PORT = 3000
EVENTS_PATH = "/slack/events"
APPS_PAGE = "https://api.slack.com/apps"
_AUTH_ERRORS = {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"}

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Variable:
    """An environment variable the app needs, and where a person finds its value."""

    name: str
    where: str
    prefix: str = ""


BOT_TOKEN = Variable(
    "SLACK_BOT_TOKEN",
    f"the Bot User OAuth Token: {APPS_PAGE} > your app > OAuth & Permissions (install the app to the workspace first)",
    "xoxb-",
)
SIGNING_SECRET = Variable("SLACK_SIGNING_SECRET", f"{APPS_PAGE} > your app > Basic Information > App Credentials > Signing Secret")
APP_TOKEN = Variable(
    "SLACK_APP_TOKEN",
    f"an app-level token with the connections:write scope: {APPS_PAGE} > your app > Basic Information > App-Level Tokens "
    "(and turn Socket Mode on)",
    "xapp-",
)


class ConfigError(Exception):
    """The environment does not let the app start; the message says what to fix."""


def serve(knowledge_dir: str | None) -> int:
    """HTTP mode: Bolt's ``/slack/events`` plus ``GET /healthz`` on ``$PORT`` (default 3000)."""
    try:
        values = require(os.environ, BOT_TOKEN, SIGNING_SECRET)
        port = http_port(os.environ)
        base_url = api_url(os.environ)
    except ConfigError as exc:
        return _usage("serve", exc)
    engine = Engine(load_knowledge(knowledge_dir))  # an invalid knowledge base raises: the CLI reports it, nothing starts
    configure_logging(os.environ.get("LOG_LEVEL", "INFO"))
    secret = values[SIGNING_SECRET.name]
    app = build_app(engine, token=values[BOT_TOKEN.name], signing_secret=secret, base_url=base_url)
    host = os.environ.get("HOST", "0.0.0.0")
    return asyncio.run(_serve(app, http_app(app, engine, secret), host, port))


def socket(knowledge_dir: str | None) -> int:
    """Socket Mode: no public URL needed; Slack's events come over a WebSocket opened with ``SLACK_APP_TOKEN``."""
    try:
        values = require(os.environ, APP_TOKEN, BOT_TOKEN)
        base_url = api_url(os.environ)
    except ConfigError as exc:
        return _usage("socket", exc)
    engine = Engine(load_knowledge(knowledge_dir))
    configure_logging(os.environ.get("LOG_LEVEL", "INFO"))
    app = build_app(engine, token=values[BOT_TOKEN.name], base_url=base_url, socket_mode=True)
    return asyncio.run(_socket(app, values[APP_TOKEN.name]))


def http_app(app: AsyncApp, engine: Engine, signing_secret: str) -> web.Application:
    """The aiohttp application of HTTP mode: the route for events, commands and interactivity, and health."""
    return web_app({EVENTS_PATH: events_handler(app, signing_secret)}, knowledge_version=engine.kb.version, client_max_size=MAX_BODY)


async def run_socket_mode(app: AsyncApp, app_token: str, *, stop: asyncio.Event | None = None, handle_signals: bool = True) -> None:
    """Connect to Slack over Socket Mode and dispatch its envelopes through ``app`` until stopped.

    The WebSocket URL is fetched before connecting, so a refused app token fails here
    (``SlackApiError``) instead of in slack_sdk's endless reconnect loop.
    """
    stop = stop or asyncio.Event()
    handler = AsyncSocketModeHandler(app, app_token)
    try:
        handler.client.wss_uri = await handler.client.issue_new_wss_url()
        await handler.connect_async()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
        log.info("connected to Slack in Socket Mode")
        if handle_signals:
            stop_on_signals(stop)
        await stop.wait()
        log.info("stopping")
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated


async def _serve(app: AsyncApp, web_app: web.Application, host: str, port: int) -> int:
    code = await preflight(app.client, BOT_TOKEN)
    if code != EXIT_OK:
        return code
    await serve_until_stopped(web_app, host=host, port=port)
    await drain()
    return EXIT_OK


async def _socket(app: AsyncApp, app_token: str) -> int:
    code = await preflight(app.client, BOT_TOKEN)
    if code != EXIT_OK:
        return code
    try:
        await run_socket_mode(app, app_token)
    except SlackApiError as exc:
        return _refused(APP_TOKEN, exc)
    await drain()
    return EXIT_OK


async def preflight(client: AsyncWebClient, token: Variable) -> int:
    """Check the bot token with ``auth.test`` before serving, so a wrong token stops the start, not the first answer."""
    try:
        auth = await client.auth_test()
    except SlackApiError as exc:
        return _refused(token, exc)
    except (SlackClientError, OSError, TimeoutError) as exc:
        print(f"platform-bot: cannot reach the Slack Web API at {client.base_url}: {describe_error(exc)}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    log.info("signed in to Slack as %s (bot user %s, team %s)", auth.get("user"), auth.get("user_id"), auth.get("team_id"))
    return EXIT_OK


def _refused(variable: Variable, exc: SlackApiError) -> int:
    error = describe_error(exc)
    if error in _AUTH_ERRORS:
        print(f"platform-bot: Slack refused {variable.name} ({error}). Get a valid one: {variable.where}.", file=sys.stderr)
        return EXIT_USAGE
    print(f"platform-bot: Slack answered {error} when checking {variable.name}.", file=sys.stderr)
    return EXIT_UNAVAILABLE


# -- configuration ------------------------------------------------------------------------


def require(env: Mapping[str, str], *variables: Variable) -> dict[str, str]:
    """The values of ``variables``; every missing or malformed one is named in a single :class:`ConfigError`."""
    problems = []
    values = {}
    for v in variables:
        value = env.get(v.name, "").strip()
        if not value:
            problems.append(f"{v.name} is not set. It is {v.where}.")
        elif v.prefix and not value.startswith(v.prefix):
            problems.append(f"{v.name} does not look right (it should start with {v.prefix}). It is {v.where}.")
        else:
            values[v.name] = value
    if problems:
        raise ConfigError("\n".join(problems))
    return values


def http_port(env: Mapping[str, str]) -> int:
    raw = env.get("PORT", "").strip() or str(DEFAULT_PORT)
    if not raw.isdigit() or not 0 <= int(raw) <= 65535:
        raise ConfigError(f"PORT must be a TCP port number (0-65535), not {raw!r}.")
    return int(raw)


def api_url(env: Mapping[str, str]) -> str | None:
    """``SLACK_API_URL``, the Web API base URL (for a proxy, or a fake Slack in tests), with its trailing slash."""
    raw = env.get("SLACK_API_URL", "").strip()
    if not raw:
        return None
    if not re.match(r"^https?://[^\s/]+", raw):
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, not {raw!r}.")
    return raw if raw.endswith("/") else raw + "/"


def _usage(command: str, exc: ConfigError) -> int:
    print(f"platform-bot {command}: cannot start.\n{exc}", file=sys.stderr)
    return EXIT_USAGE


# -- logging -------------------------------------------------------------------------------

_SECRET = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")


def redact(text: str) -> str:
    """Slack tokens in ``text`` replaced by their kind (``xoxb-…``)."""
    return _SECRET.sub(lambda m: f"{m.group(1)}-[redacted]", text)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then removes anything shaped like a Slack token, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(level: str = "INFO") -> None:
    """Log lines to stderr at ``level`` (``LOG_LEVEL``), tokens redacted."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    level = level.upper() if level.upper() in logging.getLevelNamesMapping() else "INFO"
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("slack_bolt.AsyncApp").addFilter(_client_given_warning)


def _client_given_warning(record: logging.LogRecord) -> bool:
    """Drop Bolt's start-up warning that the token is unused: it reads SLACK_BOT_TOKEN itself, and we pass a client built from it."""
    return not str(record.msg).startswith("As you gave `client` as well")
