"""The aiohttp side: health, readiness and metrics next to whatever routes the Slack layer brings, and a server loop.

Knows aiohttp, not Slack: ``bot.slack`` hands in the handler for ``/slack/events``, the readiness
checks, the details the probes report and the metrics exposition.

- ``GET /healthz``: the process is up (it only starts with a valid knowledge base); 200 while it
  drains too, so an orchestrator does not kill it for finishing its work.
- ``GET /readyz``: 200 when every readiness check passes and the process is not stopping, else
  503; the JSON body lists the problems and carries the details (the knowledge version).
- ``GET /metrics``: Prometheus' text format; or, with :func:`metrics_app`, on a port of its own
  that a public deployment need not expose.

A stop (SIGTERM, SIGINT) is graceful and bounded: readiness turns 503 and new requests get a 503 at
once (Slack retries an event elsewhere), work in flight gets up to :data:`GRACE` seconds, then the
server closes. aiohttp's own default would wait 60 s, past the 10 s that ``docker stop`` and
serverless platforms allow before they kill.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web

from bot.logs import emit

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Check = Callable[[], Awaitable[str | None]]
"""A readiness condition: ``None`` when it holds, else what is wrong, in a few words."""
Details = Callable[[], Mapping[str, Any]]
Exposition = Callable[[str | None], tuple[bytes, str]]
"""The metrics for an ``Accept`` header: the body and its content type."""

GRACE = 8.0  # seconds for work in flight after a stop; within the 10 s that docker stop and serverless platforms give
CLOSE_TIMEOUT = 1.0  # seconds for responses still being written once the work is done

log = logging.getLogger(__name__)


class Lifecycle:
    """Whether the process takes new work, the work it has in flight, and what its readiness depends on."""

    def __init__(self) -> None:
        self.stopping = False
        self.stop_requested = asyncio.Event()
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._checks: list[Check] = []

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def require(self, check: Check) -> None:
        """Make readiness depend on ``check`` as well."""
        self._checks.append(check)

    async def problems(self) -> list[str]:
        """Why the process is not ready; empty when it is."""
        found = ["stopping"] if self.stopping else []
        for check in self._checks:
            problem = await check()
            if problem:
                found.append(problem)
        return found

    def stop(self) -> None:
        """Stop taking new work (readiness fails from now on) and let :func:`serve_until_stopped` wind down."""
        self.stopping = True
        self.stop_requested.set()

    def begin(self) -> None:
        self._in_flight += 1
        self._idle.clear()

    def end(self) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if not self._in_flight:
            self._idle.set()

    @contextlib.contextmanager
    def working(self) -> Iterator[None]:
        """Count the enclosed work as in flight."""
        self.begin()
        try:
            yield
        finally:
            self.end()

    async def drain(self, timeout: float) -> int:
        """Wait until no work is in flight, or ``timeout`` seconds; return how much is still in flight."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            # Work scheduled a moment ago (a listener Bolt starts after acknowledging) registers before we look.
            await asyncio.sleep(0)
            remaining = deadline - loop.time()
            if not self._in_flight or remaining <= 0:
                return self._in_flight
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._idle.wait(), remaining)


LIFECYCLE = web.AppKey("lifecycle", Lifecycle)


def web_app(
    routes: Mapping[str, Handler],
    *,
    lifecycle: Lifecycle | None = None,
    details: Details = dict,
    metrics: Exposition | None = None,
    client_max_size: int = 1024**2,
) -> web.Application:
    """An aiohttp application with ``routes`` (path -> POST handler, refused while stopping) and the probes."""
    lifecycle = lifecycle or Lifecycle()
    app = web.Application(client_max_size=client_max_size)
    app[LIFECYCLE] = lifecycle
    for path, handler in routes.items():
        app.router.add_post(path, taking_work(handler, lifecycle))

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", **details()})

    async def readyz(request: web.Request) -> web.Response:
        problems = await lifecycle.problems()
        body = {"status": "not ready" if problems else "ready", **details(), "problems": problems}
        return web.json_response(body, status=503 if problems else 200)

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    if metrics is not None:
        expose = metrics

        async def metrics_route(request: web.Request) -> web.Response:
            body, content_type = expose(request.headers.get("Accept"))
            return web.Response(body=body, headers={"Content-Type": content_type})

        app.router.add_get("/metrics", metrics_route)
    return app


def metrics_app(metrics: Exposition) -> web.Application:
    """An aiohttp application serving ``GET /metrics`` alone, for a port of its own."""
    app = web.Application()

    async def metrics_route(request: web.Request) -> web.Response:
        body, content_type = metrics(request.headers.get("Accept"))
        return web.Response(body=body, headers={"Content-Type": content_type})

    app.router.add_get("/metrics", metrics_route)
    return app


def taking_work(handler: Handler, lifecycle: Lifecycle) -> Handler:
    """``handler``, counted as work in flight; once stopping, a 503 instead (Slack retries an event elsewhere)."""

    async def handle(request: web.Request) -> web.StreamResponse:
        if lifecycle.stopping:
            return web.json_response({"error": "stopping; try another instance"}, status=503, headers={"Connection": "close"})
        with lifecycle.working():
            return await handler(request)

    return handle


async def serve_until_stopped(
    app: web.Application,
    *,
    host: str,
    port: int,
    stop: asyncio.Event | None = None,
    on_listening: Callable[[int], None] | None = None,
    handle_signals: bool = True,
    grace: float = GRACE,
) -> int:
    """Serve ``app`` until ``stop`` is set (or, with ``handle_signals``, SIGTERM/SIGINT), drain, then clean up.

    ``port`` 0 takes any free port; ``on_listening`` learns which one. Returns how much work was
    still in flight when ``grace`` ran out (0 when everything finished).
    """
    lifecycle = app.get(LIFECYCLE) or Lifecycle()
    async with listening(app, host=host, port=port, on_listening=on_listening):
        if handle_signals:
            stop_on_signals(lifecycle.stop)
        await until_stopped(lifecycle, stop)
        return await wind_down(lifecycle, grace)


@asynccontextmanager
async def listening(
    app: web.Application, *, host: str, port: int, on_listening: Callable[[int], None] | None = None, serving: str = ""
) -> AsyncIterator[int]:
    """``app`` served on ``host:port`` for the duration; yields the bound port. ``serving`` names it in the log line."""
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=CLOSE_TIMEOUT)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = _bound_port(runner, port)
        log.info("listening on http://%s:%d%s", host, bound, f" for {serving}" if serving else "")
        if on_listening:
            on_listening(bound)
        yield bound
    finally:
        await runner.cleanup()


async def until_stopped(lifecycle: Lifecycle, stop: asyncio.Event | None = None) -> None:
    """Wait for ``lifecycle.stop()`` (a signal) or ``stop`` (a test's or a caller's), then mark the lifecycle stopping."""
    waits = [asyncio.ensure_future(lifecycle.stop_requested.wait())]
    if stop is not None:
        waits.append(asyncio.ensure_future(stop.wait()))
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waits:
            w.cancel()
    lifecycle.stop()


async def wind_down(lifecycle: Lifecycle, grace: float = GRACE) -> int:
    """Give the work in flight up to ``grace`` seconds; log how it went; return what is left unfinished."""
    started = time.monotonic()
    emit(log, {"event": "stopping", "in_flight": lifecycle.in_flight, "grace_seconds": grace})
    left = await lifecycle.drain(grace)
    seconds = round(time.monotonic() - started, 3)
    if left:
        emit(log, {"event": "drained", "seconds": seconds, "unfinished": left}, logging.WARNING)
    else:
        emit(log, {"event": "drained", "seconds": seconds, "unfinished": 0})
    return left


def _bound_port(runner: web.AppRunner, fallback: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2 and isinstance(address[1], int):
            return address[1]
    return fallback


def stop_on_signals(stop: Callable[[], None]) -> None:
    """SIGTERM (from an orchestrator) and SIGINT (Ctrl-C) both mean a graceful stop; ignored where unsupported."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        on_signal(sig, stop)


def on_signal(sig: signal.Signals, callback: Callable[[], None]) -> None:
    """Run ``callback`` on the event loop when ``sig`` arrives; nothing where signals cannot be handled (not the main thread)."""
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        asyncio.get_running_loop().add_signal_handler(sig, callback)
