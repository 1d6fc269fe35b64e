"""The aiohttp side of HTTP mode: health next to whatever routes the Slack layer brings, and a server loop.

Knows aiohttp, not Slack: ``bot.slack.run`` hands in the handler for ``/slack/events``.
Readiness and metrics routes belong here too when they come.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

log = logging.getLogger(__name__)


def web_app(routes: dict[str, Handler], *, knowledge_version: str, client_max_size: int = 1024**2) -> web.Application:
    """An aiohttp application with ``routes`` (path -> POST handler) and the health route."""
    app = web.Application(client_max_size=client_max_size)
    for path, handler in routes.items():
        app.router.add_post(path, handler)
    return add_health(app, knowledge_version=knowledge_version)


def add_health(app: web.Application, *, knowledge_version: str) -> web.Application:
    """``GET /healthz``: the process is up and serving (it only starts with a valid knowledge base)."""

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "knowledge_version": knowledge_version})

    app.router.add_get("/healthz", healthz)
    return app


async def serve_until_stopped(
    app: web.Application,
    *,
    host: str,
    port: int,
    stop: asyncio.Event | None = None,
    on_listening: Callable[[int], None] | None = None,
    handle_signals: bool = True,
) -> None:
    """Serve ``app`` until ``stop`` is set (or, with ``handle_signals``, SIGTERM/SIGINT), then clean up.

    ``port`` 0 takes any free port; ``on_listening`` learns which one.
    """
    stop = stop or asyncio.Event()
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = _bound_port(runner, port)
        log.info("listening on http://%s:%d", host, bound)
        if on_listening:
            on_listening(bound)
        if handle_signals:
            stop_on_signals(stop)
        await stop.wait()
        log.info("stopping")
    finally:
        await runner.cleanup()


async def drain(timeout: float = 10.0) -> None:
    """Let work still running in the background (answers sent after Slack's request was acknowledged) finish.

    Called once the server has stopped taking requests, so a SIGTERM during a rollout does not drop
    an answer halfway; whatever is still running after ``timeout`` is cancelled by ``asyncio.run``.
    """
    current = asyncio.current_task()
    pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
    if pending:
        log.info("waiting for %d unfinished task(s)", len(pending))
        await asyncio.wait(pending, timeout=timeout)


def _bound_port(runner: web.AppRunner, fallback: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2 and isinstance(address[1], int):
            return address[1]
    return fallback


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGTERM (from an orchestrator) and SIGINT (Ctrl-C) both mean a graceful stop; ignored where unsupported."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
