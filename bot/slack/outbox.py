"""Posting answers: paced per channel, never dropped, never posted twice.

Slack lets an app post about one message per second per channel (short bursts aside) and answers
429 beyond that. :class:`Outbox` gives each channel a lane: answers in one channel take turns, in
the order they arrived, each starting at least ``1 / rate`` seconds after the previous one, while
other channels go on unhindered. Nothing is dropped: past ``limit`` answers queued behind another
one in their channel, a new one that would queue waits for room (backpressure on the listener,
which Bolt runs after Slack has had its acknowledgement); an answer to a quiet channel never waits.
The lanes live in this process only: replicas share no state, so each paces what it posts, and
Slack's 429 (honoured with its ``Retry-After``) covers several replicas posting to one channel.

:meth:`Outbox.post` delivers an answer once. The client's retry handlers decide, as in slack_sdk,
what is retried and when. A 429 means Slack did not take the message, so it is simply sent again
after ``Retry-After``. A 5xx, a dropped connection or a response slower than the client's timeout
leave it unknown whether the message went through, and slack_sdk would send it again blindly (a
duplicate answer when it had). Here the thread (or DM) is read back first: if an answer carrying
this message's ``reply_to`` metadata is already there, it is not sent again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.handler import default_interval_calculator
from slack_sdk.http_retry.interval_calculator import RetryIntervalCalculator
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.context import KnownIds, describe_error, read_conversation

DEFAULT_RATE = 1.0  # posts per second per channel: Slack's documented pace for chat.postMessage
DEFAULT_LIMIT = 1000  # answers queued behind another in their channel, across channels, before new ones wait for room

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

_NO_IDS = KnownIds(frozenset(), frozenset())

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Reply:
    """Where an answer goes and which message it answers: enough to find it again in Slack."""

    channel: str
    reply_to: str
    """The ``ts`` of the message answered, carried in the answer's metadata."""
    thread_ts: str | None
    """The thread to post in (None: top level, as in a DM)."""
    direct: bool
    """In the bot's DM, where a top-level answer is found in the history rather than a thread."""
    bot_id: str | None = None


@dataclass(slots=True)
class _Lane:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last: float = float("-inf")
    users: int = 0


class Outbox:
    """Per-channel pacing and once-only delivery of answers; see the module docstring.

    ``rate`` is posts per second per channel, ``limit`` the room for queued answers; ``retries``
    and ``interval`` apply to timeouts only (the client's retry handlers govern everything else).
    ``clock`` and ``sleep`` are for tests that check the pacing without waiting for it.
    """

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        *,
        limit: int = DEFAULT_LIMIT,
        retries: int = 2,
        interval: RetryIntervalCalculator = default_interval_calculator,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if rate <= 0 or limit < 1 or retries < 0:
            raise ValueError("the outbox needs a positive rate, room for at least one answer and a non-negative retry count")
        self.spacing = 1.0 / rate
        self.limit = limit
        self._retries = retries
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._room = asyncio.Semaphore(limit)
        self._lanes: dict[str, _Lane] = {}
        self._prune_at = 64
        self._session: aiohttp.ClientSession | None = None
        self._keeper: asyncio.Future[None] | None = None  # holds the task that closes the session at the end
        self.pending = 0
        """Answers in progress or waiting for their turn, or for room (a gauge for metrics)."""
        self.backlog = 0
        """Answers holding room: queued behind another in their channel (at most ``limit``)."""

    @asynccontextmanager
    async def turn(self, channel: str) -> AsyncIterator[None]:
        """Wait for this channel's turn (and, behind others, for room); the body posts at most one message."""
        lane = self._lane(channel)
        queued = lane.users > 0  # only answers that queue behind another take room: an idle channel never waits for it
        lane.users += 1
        self.pending += 1
        try:
            async with self._room_for(queued), lane.lock:
                while (wait := lane.last + self.spacing - self._clock()) > 0:
                    await self._sleep(wait)
                lane.last = self._clock()
                yield
        finally:
            lane.users -= 1
            self.pending -= 1

    @asynccontextmanager
    async def _room_for(self, queued: bool) -> AsyncIterator[None]:
        if not queued:
            yield
            return
        async with self._room:
            self.backlog += 1
            try:
                yield
            finally:
                self.backlog -= 1

    async def post(self, client: AsyncWebClient, reply: Reply, **message: Any) -> bool:
        """Post ``message`` as the answer to ``reply``, once; False when it turned out to be there already.

        Meant to run inside :meth:`turn`. The client's own retry handlers decide whether and when to
        try again, exactly as slack_sdk would ask them (so whatever wraps them, such as the metrics,
        sees every attempt); only before a retry whose failure leaves the message's fate unknown is
        the thread read back. A timeout, which slack_sdk never retries, is retried the same way.
        Raises the last failure when no retry is left.
        """
        poster = _single_shot(client, self._keep_alive(client))
        handlers = list(client.retry_handlers or [])
        request = HttpRequest(method="POST", url=f"{client.base_url}chat.postMessage", headers={})
        state = RetryState()
        while True:
            failure: Exception
            response: HttpResponse | None = None
            error: Exception | None = None
            try:
                await poster.chat_postMessage(channel=reply.channel, thread_ts=reply.thread_ts, **message)
                return True
            except SlackApiError as exc:
                failure, response = exc, _http_response(exc)
            except (aiohttp.ClientError, TimeoutError) as exc:
                failure = error = exc
            handler = await _approving(handlers, state, request, response, error)
            if handler is not None:
                await handler.prepare_for_next_attempt_async(state=state, request=request, response=response, error=error)
            elif isinstance(error, TimeoutError) and state.current_attempt < self._retries:
                await self._sleep(self._interval.calculate_sleep_duration(state.current_attempt))
                state.increment_current_attempt()
            elif _uncertain(response) and await already_answered(client, reply):
                log.info("the answer to %s in %s went through despite %s", reply.reply_to, reply.channel, describe_error(failure))
                return False
            else:
                raise failure
            why = describe_error(failure)
            if not _uncertain(response):
                log.info("chat.postMessage in %s failed (%s); sending it again", reply.channel, why)
                continue
            if await already_answered(client, reply):
                log.info("the answer to %s in %s went through despite %s; not posting it again", reply.reply_to, reply.channel, why)
                return False
            log.info("chat.postMessage in %s failed (%s) and the answer is not there; sending it again", reply.channel, why)

    def _keep_alive(self, client: AsyncWebClient) -> aiohttp.ClientSession:
        """One HTTP session for every post, so they reuse connections (slack_sdk otherwise opens one per call, TLS and all)."""
        if client.session is not None and not client.session.closed:
            return client.session
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=client.timeout))
            self._keeper = asyncio.ensure_future(_close_at_the_end(self._session))
        return self._session

    def _lane(self, channel: str) -> _Lane:
        if len(self._lanes) >= self._prune_at:
            self._prune()
        lane = self._lanes.get(channel)
        if lane is None:
            lane = self._lanes[channel] = _Lane()
        return lane

    def _prune(self) -> None:
        """Forget channels with nothing waiting whose last post is more than one spacing ago (amortised O(1))."""
        now = self._clock()
        idle = [c for c, lane in self._lanes.items() if not lane.users and lane.last + self.spacing <= now]
        for c in idle:
            del self._lanes[c]
        self._prune_at = max(64, 2 * len(self._lanes))

    @property
    def channels(self) -> int:
        """Channels the outbox still tracks (for tests: idle ones are forgotten)."""
        return len(self._lanes)


async def _close_at_the_end(session: aiohttp.ClientSession) -> None:
    """Wait until cancelled, which ``asyncio.run`` does to every task left when the server has stopped, then close ``session``.

    So the kept connections close cleanly on shutdown, whoever runs the loop, with no hook to remember.
    """
    try:
        await asyncio.Event().wait()
    finally:
        await session.close()


async def already_answered(client: AsyncWebClient, reply: Reply) -> bool:
    """Is an answer to ``reply.reply_to`` by this bot already in its thread (or DM)? A failed read counts as no."""
    conversation = await read_conversation(
        client,
        channel=reply.channel,
        ts=reply.reply_to,
        thread_ts=reply.thread_ts,
        direct=reply.direct,
        known=_NO_IDS,
        bot_id=reply.bot_id,
    )
    return conversation.answered


def _single_shot(client: AsyncWebClient, session: aiohttp.ClientSession) -> AsyncWebClient:
    """``client`` on ``session`` and without retry handlers: :meth:`Outbox.post` decides about retries itself."""
    poster = AsyncWebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        ssl=client.ssl,
        proxy=client.proxy,
        session=session,
        trust_env_in_session=client.trust_env_in_session,
        headers=client.headers,
        logger=client.logger,
        retry_handlers=[],
    )
    poster.default_params = dict(client.default_params)  # the team id of an org-wide install, when Bolt set one
    return poster


async def _approving(
    handlers: list[AsyncRetryHandler], state: RetryState, request: HttpRequest, response: HttpResponse | None, error: Exception | None
) -> AsyncRetryHandler | None:
    """The first handler that would retry this failure, asking them in order as slack_sdk does."""
    for handler in handlers:
        if await handler.can_retry_async(state=state, request=request, response=response, error=error):
            return handler
    return None


def _uncertain(response: HttpResponse | None) -> bool:
    """Might the message have been posted? Yes after no response at all (timeout, dropped connection) or a 5xx."""
    return response is None or response.status_code >= 500


def _http_response(exc: SlackApiError) -> HttpResponse:
    """slack_sdk's view of the response behind ``exc``, as its retry handlers expect it."""
    response = exc.response
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    headers = getattr(response, "headers", None)
    data = getattr(response, "data", None)
    return HttpResponse(
        status_code=status if isinstance(status, int) else 0,
        headers={str(k): [str(v)] for k, v in headers.items()} if isinstance(headers, Mapping) else {},
        body=data if isinstance(data, dict) else None,
    )
