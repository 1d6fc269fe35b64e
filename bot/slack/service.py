"""One running bot, assembled: the Bolt app, the engine it answers from, its metrics and its lifecycle.

``platform-bot serve`` and ``platform-bot socket`` build one :class:`Service` each (tests build
several, like replicas); its :meth:`Service.web_app` serves the probes and the metrics in both
modes, :meth:`Service.reload` is what SIGHUP runs, and :attr:`Service.sign_in` keeps who the bot
is once the start-up ``auth.test`` has said so, for every request after.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.handler import default_interval_calculator
from slack_sdk.http_retry.interval_calculator import RetryIntervalCalculator
from slack_sdk.web.async_client import AsyncWebClient

from bot.answer import Engine
from bot.logs import emit
from bot.slack.app import build_app
from bot.slack.client import readable, web_client
from bot.slack.http import MAX_BODY, events_handler
from bot.slack.identity import SignIn
from bot.slack.live import LiveEngine, Reload
from bot.slack.metrics import SlackMetrics
from bot.slack.observe import instrument
from bot.web import Handler, Lifecycle, metrics_app, web_app

EVENTS_PATH = "/slack/events"

log = logging.getLogger(__name__)


@dataclass
class Service:
    app: AsyncApp
    live: LiveEngine
    metrics: SlackMetrics
    lifecycle: Lifecycle
    sign_in: SignIn
    _reloads: set[asyncio.Task[Reload]] = field(default_factory=set, repr=False)

    def web_app(self, routes: dict[str, Handler] | None = None, *, with_metrics: bool = True) -> web.Application:
        """The probes and (unless they are served apart, :meth:`metrics_app`) the metrics, plus ``routes``."""
        metrics = self.metrics.exposition if with_metrics else None
        return web_app(routes or {}, lifecycle=self.lifecycle, details=self.details, metrics=metrics, client_max_size=MAX_BODY)

    def http_app(self, signing_secret: str, *, with_metrics: bool = True) -> web.Application:
        """HTTP mode: ``POST /slack/events`` (events, commands and interactivity) next to the probes and the metrics."""
        return self.web_app({EVENTS_PATH: events_handler(self.app, signing_secret)}, with_metrics=with_metrics)

    def metrics_app(self) -> web.Application:
        """``GET /metrics`` alone, for ``METRICS_PORT``."""
        return metrics_app(self.metrics.exposition)

    def details(self) -> dict[str, Any]:
        """What the probes report besides their status: the knowledge version, and a rejected reload if the last one was."""
        found: dict[str, Any] = {"knowledge_version": self.live.version}
        last = self.live.last_reload
        if last is not None and last.result == "invalid":
            found["knowledge_reload"] = {"result": last.result, "problems": len(last.problems)}
        return found

    async def reload(self) -> Reload:
        """Reload the knowledge; log the outcome (every problem of a rejected one) and count it."""
        done = await self.live.reload()
        self.metrics.reloads.labels(done.result).inc()
        self.metrics.knowledge_version(done.version)
        fields: dict[str, Any] = {
            "event": "knowledge_reload",
            "result": done.result,
            "knowledge_version": done.version,
            "previous_version": done.previous,
            "directory": done.directory,
            "seconds": done.seconds,
        }
        if done.problems:
            fields["problems"] = list(done.problems)
        emit(log, fields, logging.ERROR if done.result == "invalid" else logging.INFO)
        return done

    def reload_soon(self) -> None:
        """Start :meth:`reload` from a signal handler (the task is kept until it finishes)."""
        task = asyncio.ensure_future(self.reload())
        self._reloads.add(task)
        task.add_done_callback(self._reloads.discard)


def build_service(
    engine: Engine | LiveEngine,
    *,
    token: str,
    signing_secret: str = "",
    socket_mode: bool = False,
    allowed_teams: Collection[str] = (),
    client: AsyncWebClient | None = None,
    base_url: str | None = None,
    retry_interval: RetryIntervalCalculator = default_interval_calculator,
    **app_options: Any,
) -> Service:
    """A :class:`Service` answering from ``engine``; ``app_options`` go to :func:`bot.slack.app.build_app`."""
    live = LiveEngine.of(engine)
    metrics = SlackMetrics()
    metrics.knowledge_version(live.version)
    lifecycle = Lifecycle()
    client = readable(client or web_client(token, base_url=base_url, retry_interval=retry_interval))
    sign_in = SignIn(client)
    app = build_app(
        live,
        token=token,
        signing_secret=signing_secret,
        socket_mode=socket_mode,
        metrics=metrics,
        client=client,
        retry_interval=retry_interval,
        sign_in=sign_in,
        **app_options,
    )
    instrument(app, metrics, lifecycle, allowed_teams)
    return Service(app, live, metrics, lifecycle, sign_in)
