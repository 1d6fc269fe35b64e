"""Running the Slack app: ``platform-bot serve`` (HTTP mode) and ``platform-bot socket`` (Socket Mode).

Configuration comes from the environment and is checked before anything starts: a missing or
malformed variable ends the command with exit code 2 and a message naming the variable and where
to get it. Both modes serve ``/healthz``, ``/readyz`` and ``/metrics`` on ``$PORT`` (``/metrics``
on ``$METRICS_PORT`` instead when that is set, so it need not be public), log JSON lines to stdout,
drain on SIGTERM (bounded by ``DRAIN_SECONDS``) and reload the knowledge on SIGHUP. Tokens and the
signing secret never reach the logs: every line passes through :class:`Redactor`.

Then the bot signs in with ``auth.test``. A token Slack refuses ends the command with exit code 2;
a Slack that cannot be reached, or answers garbage, is asked again with backoff while the process
serves ``/healthz`` (200) and ``/readyz`` (503, saying why), so an orchestrator neither kills it nor
sends it traffic. No Slack fault ever ends in a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import re
import signal
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot import logs
from bot.answer import Engine
from bot.knowledge import load_knowledge
from bot.slack.channels import answer_channels
from bot.slack.faults import CALL_FAILURES, describe_error
from bot.slack.handoff import PlatformTeam, platform_team
from bot.slack.identity import REFUSED_TOKEN, SignIn
from bot.slack.ids import TEAM, id_list
from bot.slack.service import Service, build_service
from bot.web import GRACE, Lifecycle, listening, on_signal, stop_on_signals, until_stopped, wind_down

EXIT_OK = 0
EXIT_UNAVAILABLE = 1
EXIT_USAGE = 2
DEFAULT_PORT = 3000
MAX_DRAIN_SECONDS = 300.0
APPS_PAGE = "https://api.slack.com/apps"
FIRST_RETRY = 0.25  # seconds before auth.test is asked again at start-up; it doubles up to LAST_RETRY
LAST_RETRY = 30.0

T = TypeVar("T")

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


@dataclass(frozen=True, slots=True)
class Settings:
    """Where to listen, which Slack to talk to, whom to serve and whom to hand questions to, from the environment."""

    host: str
    port: int
    metrics_port: int | None
    """Where ``/metrics`` is served apart from ``port``; None: on ``port``, with the rest."""
    base_url: str | None
    allowed_teams: frozenset[str]
    drain_seconds: float
    platform_team: PlatformTeam | None = None
    answer_channels: frozenset[str] = frozenset()

    @classmethod
    def of(cls, env: Mapping[str, str]) -> Settings:
        """Every malformed variable is named in one :class:`ConfigError`."""
        problems: list[str] = []

        def read(reader: Callable[[Mapping[str, str]], T], fallback: T) -> T:
            try:
                return reader(env)
            except (ConfigError, ValueError) as exc:  # the readers of bot.slack.handoff and .channels raise ValueError
                problems.append(str(exc))
                return fallback

        settings = cls(
            host=env.get("HOST", "").strip() or "0.0.0.0",
            port=read(http_port, DEFAULT_PORT),
            metrics_port=read(metrics_port, None),
            base_url=read(api_url, None),
            allowed_teams=read(allowed_teams, frozenset()),
            drain_seconds=read(drain_seconds, GRACE),
            platform_team=read(platform_team, None),
            answer_channels=read(answer_channels, frozenset()),
        )
        if problems:
            raise ConfigError("\n".join(problems))
        return settings


def serve(knowledge_dir: str | None) -> int:
    """HTTP mode: Bolt's ``/slack/events`` plus the probes and metrics on ``$PORT`` (default 3000)."""
    try:
        values = require(os.environ, BOT_TOKEN, SIGNING_SECRET)
        settings = Settings.of(os.environ)
    except ConfigError as exc:
        return _usage("serve", exc)
    engine = Engine(load_knowledge(knowledge_dir))  # an invalid knowledge base raises: the CLI reports it, nothing starts
    configure_logging(os.environ.get("LOG_LEVEL", "INFO"), secrets=values.values())
    secret = values[SIGNING_SECRET.name]
    service = build_service(
        engine,
        token=values[BOT_TOKEN.name],
        signing_secret=secret,
        base_url=settings.base_url,
        allowed_teams=settings.allowed_teams,
        platform_team=settings.platform_team,
        answer_channels=settings.answer_channels,
    )
    return asyncio.run(_serve(service, secret, settings))


def socket(knowledge_dir: str | None) -> int:
    """Socket Mode: no public URL needed; Slack's events come over a WebSocket opened with ``SLACK_APP_TOKEN``."""
    try:
        values = require(os.environ, APP_TOKEN, BOT_TOKEN)
        settings = Settings.of(os.environ)
    except ConfigError as exc:
        return _usage("socket", exc)
    engine = Engine(load_knowledge(knowledge_dir))
    configure_logging(os.environ.get("LOG_LEVEL", "INFO"), secrets=values.values())
    service = build_service(
        engine,
        token=values[BOT_TOKEN.name],
        base_url=settings.base_url,
        socket_mode=True,
        allowed_teams=settings.allowed_teams,
        platform_team=settings.platform_team,
        answer_channels=settings.answer_channels,
    )
    return asyncio.run(_socket(service, values[APP_TOKEN.name], settings))


async def _serve(service: Service, signing_secret: str, settings: Settings) -> int:
    _handle_signals(service)
    service.lifecycle.require(service.sign_in.problem)
    app = service.http_app(signing_secret, with_metrics=settings.metrics_port is None)
    async with listening(app, host=settings.host, port=settings.port), _metrics_apart(service, settings):
        code = await sign_in_patiently(service.sign_in, BOT_TOKEN, service.lifecycle)
        if code != EXIT_OK:
            return code
        await until_stopped(service.lifecycle)
        await wind_down(service.lifecycle, settings.drain_seconds)
    return EXIT_OK


async def _socket(service: Service, app_token: str, settings: Settings) -> int:
    _handle_signals(service)
    service.lifecycle.require(service.sign_in.problem)
    link = SocketLink()
    service.lifecycle.require(link.problem)
    app = service.web_app(with_metrics=settings.metrics_port is None)
    async with listening(app, host=settings.host, port=settings.port), _metrics_apart(service, settings):
        code = await sign_in_patiently(service.sign_in, BOT_TOKEN, service.lifecycle)
        if code != EXIT_OK or service.lifecycle.stopping:
            return code
        try:
            await run_socket_mode(
                service.app, app_token, handle_signals=False, lifecycle=service.lifecycle, link=link, grace=settings.drain_seconds
            )
        except SlackApiError as exc:
            return _refused(APP_TOKEN, exc)
        except CALL_FAILURES as exc:
            print(f"platform-bot: cannot open the Socket Mode connection: {describe_error(exc)}", file=sys.stderr)
            return EXIT_UNAVAILABLE
    return EXIT_OK


@contextlib.asynccontextmanager
async def _metrics_apart(service: Service, settings: Settings) -> AsyncIterator[None]:
    """``/metrics`` on ``METRICS_PORT`` for the duration, when it is set."""
    if settings.metrics_port is None:
        yield
        return
    async with listening(service.metrics_app(), host=settings.host, port=settings.metrics_port, serving="/metrics"):
        yield


def _handle_signals(service: Service) -> None:
    """SIGTERM/SIGINT stop the service gracefully; SIGHUP reloads its knowledge."""
    stop_on_signals(service.lifecycle.stop)
    on_signal(signal.SIGHUP, service.reload_soon)


# -- Socket Mode ------------------------------------------------------------------------------


class SocketLink:
    """The Socket Mode connection as readiness sees it: not ready until connected, nor while reconnecting."""

    def __init__(self) -> None:
        self.client: SocketModeClient | None = None

    async def problem(self) -> str | None:
        if self.client is None or not await self.client.is_connected():
            return "not connected to Slack (Socket Mode)"
        return None


class DrainingSocketModeHandler(AsyncSocketModeHandler):
    """Bolt's handler, with each envelope counted as work in flight; once stopping, new ones are not acknowledged,
    so Slack delivers them to another connection."""

    def __init__(self, app: AsyncApp, app_token: str, lifecycle: Lifecycle) -> None:
        super().__init__(app, app_token)
        self.lifecycle = lifecycle

    async def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]  # as Bolt's own
        if self.lifecycle.stopping:
            log.info("stopping: envelope %s left for Slack to deliver elsewhere", req.envelope_id)
            return
        with self.lifecycle.working():
            await super().handle(client, req)


async def run_socket_mode(
    app: AsyncApp,
    app_token: str,
    *,
    stop: asyncio.Event | None = None,
    handle_signals: bool = True,
    lifecycle: Lifecycle | None = None,
    link: SocketLink | None = None,
    grace: float = GRACE,
) -> None:
    """Connect to Slack over Socket Mode and dispatch its envelopes through ``app`` until stopped, then drain.

    The WebSocket URL is fetched before connecting, so a refused app token fails here
    (``SlackApiError``) instead of in slack_sdk's endless reconnect loop. ``link`` learns the
    connection, for readiness. On a stop, envelopes already taken are finished (up to ``grace``
    seconds) and acknowledged before the connection closes.
    """
    lifecycle = lifecycle or Lifecycle()
    handler = DrainingSocketModeHandler(app, app_token, lifecycle)
    if link is not None:
        link.client = handler.client
    try:
        handler.client.wss_uri = await handler.client.issue_new_wss_url()
        await handler.connect_async()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
        log.info("connected to Slack in Socket Mode")
        if handle_signals:
            stop_on_signals(lifecycle.stop)
        await until_stopped(lifecycle, stop)
        await wind_down(lifecycle, grace)
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated


# -- start-up checks ----------------------------------------------------------------------------


async def preflight(check: SignIn | AsyncWebClient, token: Variable) -> int:
    """Check the bot token with ``auth.test`` (keeping what it says in ``check``, a :class:`SignIn`, for the app to reuse).

    0 when signed in; 2 when Slack refuses the token; 1 when Slack could not be asked or answered
    something else. Each failure is one line on stderr, never a traceback.
    """
    code, problem = await _sign_in(check if isinstance(check, SignIn) else SignIn(check), token)
    if problem:
        print(f"platform-bot: {problem}", file=sys.stderr)
    return code


async def sign_in_patiently(sign_in: SignIn, token: Variable, lifecycle: Lifecycle) -> int:
    """:func:`preflight` until Slack answers, with backoff, or until the process is told to stop.

    A refused token ends it at once (2, with the line saying where to get a valid one); anything
    else is logged and tried again after 0.25 s, 0.5 s, 1 s ... up to 30 s, with jitter.
    """
    wait = FIRST_RETRY
    while not lifecycle.stopping:
        code, problem = await _sign_in(sign_in, token)
        if code != EXIT_UNAVAILABLE:
            if problem:
                print(f"platform-bot: {problem}", file=sys.stderr)
            return code
        pause = wait * random.uniform(0.8, 1.2)
        logs.emit(log, {"event": "waiting_for_slack", "problem": problem, "retry_in_seconds": round(pause, 2)}, logging.WARNING)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(lifecycle.stop_requested.wait(), pause)
        wait = min(wait * 2, LAST_RETRY)
    return EXIT_OK


async def _sign_in(sign_in: SignIn, token: Variable) -> tuple[int, str | None]:
    """The exit code ``auth.test`` leads to, and the line that explains a failure."""
    try:
        me = await sign_in.check()
    except SlackApiError as exc:
        return _refusal(token, exc)
    except CALL_FAILURES as exc:
        return EXIT_UNAVAILABLE, f"cannot reach the Slack Web API at {sign_in.client.base_url}: {describe_error(exc)}"
    logs.emit(log, {"event": "signed_in", "bot": me.name, "bot_user": me.bot_user_id, "team": me.team_id})
    return EXIT_OK, None


def _refusal(variable: Variable, exc: SlackApiError) -> tuple[int, str]:
    error = describe_error(exc)
    if error in REFUSED_TOKEN:
        return EXIT_USAGE, f"Slack refused {variable.name} ({error}). Get a valid one: {variable.where}."
    return EXIT_UNAVAILABLE, f"Slack answered {error} when checking {variable.name}."


def _refused(variable: Variable, exc: SlackApiError) -> int:
    code, problem = _refusal(variable, exc)
    print(f"platform-bot: {problem}", file=sys.stderr)
    return code


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


def metrics_port(env: Mapping[str, str]) -> int | None:
    """``METRICS_PORT``: serve ``/metrics`` on this port instead of ``PORT`` (unset: on ``PORT``)."""
    raw = env.get("METRICS_PORT", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 0 <= int(raw) <= 65535:
        raise ConfigError(f"METRICS_PORT must be a TCP port number (0-65535), not {raw!r}.")
    if raw != "0" and raw == (env.get("PORT", "").strip() or str(DEFAULT_PORT)):
        raise ConfigError(f"METRICS_PORT must differ from PORT ({raw}): it exists to keep /metrics off the public port.")
    return int(raw)


def api_url(env: Mapping[str, str]) -> str | None:
    """``SLACK_API_URL``, the Web API base URL (for a proxy, or a fake Slack in tests), with its trailing slash."""
    raw = env.get("SLACK_API_URL", "").strip()
    if not raw:
        return None
    if not re.match(r"^https?://[^\s/]+", raw):
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, not {raw!r}.")
    return raw if raw.endswith("/") else raw + "/"


def allowed_teams(env: Mapping[str, str]) -> frozenset[str]:
    """``ALLOWED_TEAM_IDS``: the workspaces (T…) or Enterprise Grid organizations (E…) served; empty means any."""
    ids, bad = id_list(env, "ALLOWED_TEAM_IDS", TEAM)
    if bad:
        raise ConfigError(
            f"ALLOWED_TEAM_IDS must be comma-separated Slack workspace ids (T…) or organization ids (E…), not {', '.join(map(repr, bad))}. "
            "A workspace's id is in its web address (app.slack.com/client/T…/…) and in auth.test's team_id."
        )
    return ids


def drain_seconds(env: Mapping[str, str]) -> float:
    """``DRAIN_SECONDS``: how long a stop waits for work in flight (default 8, under the 10 s most platforms allow)."""
    raw = env.get("DRAIN_SECONDS", "").strip()
    if not raw:
        return GRACE
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= MAX_DRAIN_SECONDS:
        raise ConfigError(f"DRAIN_SECONDS must be a number of seconds from 0 to {MAX_DRAIN_SECONDS:.0f}, not {raw!r}.")
    return value


def _usage(command: str, exc: ConfigError) -> int:
    print(f"platform-bot {command}: cannot start.\n{exc}", file=sys.stderr)
    return EXIT_USAGE


# -- logging -------------------------------------------------------------------------------

_SECRET = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
_HOOK = re.compile(r"(https://hooks\.slack\.com/)[^\s\"'<>]+")
MIN_SECRET = 8  # shorter values would scrub ordinary words; Slack's secrets are far longer


def redact(text: str) -> str:
    """Slack tokens in ``text`` replaced by their kind (``xoxb-…``), and ``response_url``s (bearer URLs) by their host."""
    return _HOOK.sub(r"\1[redacted]", _SECRET.sub(lambda m: f"{m.group(1)}-[redacted]", text))


class Redactor:
    """:func:`redact`, plus these exact values (the signing secret has no recognisable shape)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets = sorted({s for s in secrets if len(s) >= MIN_SECRET}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return redact(text)


def configure_logging(level: str = "INFO", *, secrets: Iterable[str] = ()) -> None:
    """JSON lines on stdout at ``level`` (``LOG_LEVEL``), scrubbed of tokens, ``secrets`` and response URLs."""
    logs.configure(level, scrub=Redactor(secrets))
