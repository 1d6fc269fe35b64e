"""Delivering a message to Slack once: retried with backoff within a deadline, and looked for before it is sent again.

Every post the bot makes (answers, button results, "Share in channel", notices) goes through
:meth:`Courier.deliver`, which decides from the :class:`~bot.slack.faults.Fault` alone:

- Slack did not take it (429, ``ratelimited``, no connection): sent again after ``Retry-After``
  (seconds or an HTTP date) or a backoff, for as long as :attr:`Patience.deadline` allows; a
  Retry-After reaching past the deadline ends the delivery at once;
- it may have been taken (5xx, a dropped connection, a timeout, an answer that is not Slack's
  JSON): after a backoff the caller's ``look`` reads Slack back; if the message is there it is not
  sent again, and if it is not it is sent again, up to :attr:`Patience.tries` sends. Without a
  ``look`` (ephemeral messages cannot be read back), or when the look itself fails, it is never sent
  again: the :class:`Delivery` says it is unconfirmed, and the caller tells the person;
- Slack refused it: not sent again.

slack_sdk's own retry handlers would send a post again blindly, so the client used here has none
(:meth:`Courier.poster`); the handlers of the bot's other calls stay as they are.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.http_retry.handler import default_interval_calculator
from slack_sdk.http_retry.interval_calculator import RetryIntervalCalculator
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.slack.client import SlackClient
from bot.slack.context import already_posted
from bot.slack.faults import Fault, Kind, ResponseUrlError, classify
from bot.slack.metrics import RESPONSE_URL, SlackMetrics

POST = "chat.postMessage"
EPHEMERAL = "chat.postEphemeral"

Send = Callable[[], Awaitable[object]]
Look = Callable[[], Awaitable[bool | None]]
"""Is the message in Slack? True, False, or None when Slack could not be read."""
Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Patience:
    """How long a delivery keeps trying."""

    tries: int = 3
    """Sends in all while each failure leaves it unknown whether Slack took the message (each followed by a look)."""
    busy_tries: int = 12
    """Sends in all while Slack answers "not now" (429) or cannot be reached; the deadline usually ends them first."""
    deadline: float = 60.0
    """Seconds from the first send after which no retry starts."""
    interval: RetryIntervalCalculator = default_interval_calculator
    """Backoff before a retry that Slack gave no Retry-After for (slack_sdk's: 0.5 s doubling, with jitter)."""

    def __post_init__(self) -> None:
        if self.tries < 1 or self.busy_tries < 1 or self.deadline < 0:
            raise ValueError("a delivery needs at least one try and a deadline that is not negative")


@dataclass(frozen=True, slots=True)
class Delivery:
    """How a delivery ended."""

    posted: bool
    """The message is in Slack, sent by this delivery (perhaps by a try whose answer was lost)."""
    fault: Fault | None = None
    """The last failure, if any."""
    unconfirmed: bool = False
    """Not known to be posted, and not known not to be: it could not be looked for."""

    @property
    def error(self) -> str:
        return self.fault.label if self.fault else "none"


@dataclass(frozen=True, slots=True)
class Reply:
    """Where an answer to a message goes and which message it answers: enough to find it again in Slack."""

    channel: str
    reply_to: str
    """The ``ts`` of the message answered, carried in the answer's metadata."""
    thread_ts: str | None
    """The thread to post in (None: top level, as in a DM, where the DM's latest messages are searched instead)."""
    bot_id: str | None = None
    user: str | None = None
    """Who asked: the person a notice goes to if the answer cannot be posted."""


class Courier:
    """Posts to Slack once each; see the module docstring.

    ``metrics`` counts failed sends and retries by method; ``timeout`` bounds each send (the Web API
    client's own timeout, unless it brings its own session).
    """

    def __init__(
        self,
        patience: Patience | None = None,
        *,
        metrics: SlackMetrics | None = None,
        timeout: float = 30.0,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.patience = patience or Patience()
        self.metrics = metrics
        self.timeout = timeout
        self._clock = clock
        self._sleep = sleep
        self._session: aiohttp.ClientSession | None = None
        self._keeper: asyncio.Future[None] | None = None  # holds the task that closes the session at the end

    async def deliver(self, method: str, send: Send, *, look: Look | None = None, about: str = "a message") -> Delivery:
        """Send until Slack has the message, it is found there, or patience runs out; never raises a Slack failure."""
        started = self._clock()
        sends = {Kind.UNCERTAIN: 0, Kind.NOT_TAKEN: 0}
        while True:
            try:
                await send()
                return Delivery(posted=True)
            except Exception as exc:
                fault = classify(exc)
                if fault is None:
                    raise
            self._count(method, fault)
            if fault.kind is Kind.REFUSED:
                return Delivery(posted=False, fault=fault)
            if fault.kind is Kind.UNCERTAIN and look is None:
                return Delivery(posted=False, fault=fault, unconfirmed=True)
            sends[fault.kind] += 1
            tries = self.patience.tries if fault.kind is Kind.UNCERTAIN else self.patience.busy_tries
            backoff = self.patience.interval.calculate_sleep_duration(sends[fault.kind] - 1)
            wait = fault.retry_after if fault.retry_after is not None else backoff
            if sends[fault.kind] >= tries or self._clock() - started + wait > self.patience.deadline:
                if fault.kind is Kind.NOT_TAKEN:
                    return Delivery(posted=False, fault=fault)
                there = await self._look_after(backoff, look)  # a last look: the last send may have gone through
                return Delivery(posted=there is True, fault=fault, unconfirmed=there is None)
            if self.metrics is not None:
                self.metrics.api_retries.labels(method, fault.reason).inc()
            if fault.kind is Kind.NOT_TAKEN:
                log.info("%s for %s not taken (%s); sending it again in %.1fs", method, about, fault.label, wait)
                await self._sleep(wait)
                continue
            there = await self._look_after(wait, look)
            if there is not False:
                if there:
                    log.info("%s for %s went through despite %s; not sending it again", method, about, fault.label)
                return Delivery(posted=there is True, fault=fault, unconfirmed=there is None)
            log.info("%s for %s failed (%s) and it is not there; sending it again", method, about, fault.label)

    async def _look_after(self, wait: float, look: Look | None) -> bool | None:
        """Wait (a post Slack took may take a moment to show), then look."""
        await self._sleep(wait)
        return await look() if look is not None else None

    def _count(self, method: str, fault: Fault) -> None:
        if self.metrics is not None:
            self.metrics.api_errors.labels(method, fault.label[:64]).inc()

    async def post_answer(self, client: AsyncWebClient, reply: Reply, **message: Any) -> Delivery:
        """Post ``message`` as the answer to ``reply`` (its metadata must carry ``reply_to``), looked for in its thread or DM."""
        poster = self.poster(client)

        async def send() -> None:
            await poster.chat_postMessage(channel=reply.channel, thread_ts=reply.thread_ts, **message)

        async def look() -> bool | None:
            return await already_posted(
                client, channel=reply.channel, thread_ts=reply.thread_ts, bot_id=reply.bot_id, reply_to=reply.reply_to
            )

        return await self.deliver(POST, send, look=look, about=f"the answer to {reply.reply_to} in {reply.channel}")

    def poster(self, client: AsyncWebClient) -> SlackClient:
        """``client`` without retry handlers (:meth:`deliver` decides), on one kept-alive session for every post."""
        session = client.session if client.session is not None and not client.session.closed else self._keep_alive()
        return SlackClient.like(client, session=session, retry_handlers=[])

    async def respond(self, url: str, body: dict[str, Any]) -> None:
        """One post to a ``response_url``; anything but Slack's 200 ``ok`` raises :class:`ResponseUrlError`."""
        response = await AsyncWebhookClient(url=url, session=self._keep_alive(), retry_handlers=[]).send_dict(body)
        text = (response.body or "").strip()
        if response.status_code != 200 or not _ok(text):
            raise ResponseUrlError(response.status_code, text, dict(response.headers or {}))

    def _keep_alive(self) -> aiohttp.ClientSession:
        """One HTTP session for every post, so they reuse connections (slack_sdk otherwise opens one per call, TLS and all)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
            self._keeper = asyncio.ensure_future(_close_at_the_end(self._session))
        return self._session


def _ok(body: str) -> bool:
    """Is this Slack's answer to a successful ``response_url`` post: ``ok``, or JSON saying so (not a proxy's page)?"""
    if body == "ok":
        return True
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("ok") is True


async def _close_at_the_end(session: aiohttp.ClientSession) -> None:
    """Wait until cancelled, which ``asyncio.run`` does to every task left when the server has stopped, then close ``session``.

    So the kept connections close cleanly on shutdown, whoever runs the loop, with no hook to remember.
    """
    try:
        await asyncio.Event().wait()
    finally:
        await session.close()


__all__ = ["EPHEMERAL", "POST", "RESPONSE_URL", "Courier", "Delivery", "Patience", "Reply"]
