"""The process lifecycle: work in flight is waited for, within a bound; a stopping server refuses new work."""

from __future__ import annotations

import asyncio
import time

from aiohttp import web

from bot.web import Lifecycle, taking_work


def test_drain_waits_for_work_in_flight() -> None:
    """drain() returns as soon as the last piece of work ends, with nothing left."""

    async def scenario() -> tuple[int, float]:
        lifecycle = Lifecycle()
        lifecycle.begin()
        asyncio.get_running_loop().call_later(0.05, lifecycle.end)
        started = time.monotonic()
        return await lifecycle.drain(5), time.monotonic() - started

    left, took = asyncio.run(scenario())
    assert left == 0 and 0.04 < took < 1


def test_drain_gives_up_after_its_timeout() -> None:
    """Work that never ends holds drain() for its timeout only, and is reported as left unfinished."""

    async def scenario() -> tuple[int, float]:
        lifecycle = Lifecycle()
        lifecycle.begin()
        started = time.monotonic()
        return await lifecycle.drain(0.1), time.monotonic() - started

    left, took = asyncio.run(scenario())
    assert left == 1 and 0.09 < took < 1


def test_a_stopping_lifecycle_refuses_work_and_fails_readiness() -> None:
    """Once stop() is called, handlers answer 503 without running and readiness lists 'stopping'."""

    async def scenario() -> tuple[int, list[str], int]:
        ran: list[bool] = []

        async def handler(request: web.Request) -> web.StreamResponse:
            ran.append(True)
            return web.Response()

        lifecycle = Lifecycle()
        lifecycle.stop()
        response = await taking_work(handler, lifecycle)(None)  # type: ignore[arg-type]  # never read when stopping
        return response.status, await lifecycle.problems(), len(ran)

    assert asyncio.run(scenario()) == (503, ["stopping"], 0)
