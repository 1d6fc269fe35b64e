"""Posting answers: paced per channel, never dropped.

Slack lets an app post about one message per second per channel (short bursts aside) and answers
429 beyond that. :class:`Outbox` gives each channel a lane: answers in one channel take turns, in
the order they arrived, each starting at least ``1 / rate`` seconds after the previous one, while
other channels go on unhindered. Nothing is dropped: past ``limit`` answers queued behind another
one in their channel, a new one that would queue waits for room (backpressure on the listener,
which Bolt runs after Slack has had its acknowledgement); an answer to a quiet channel never waits.
The lanes live in this process only: replicas share no state, so each paces what it posts, and
Slack's 429 (honoured with its ``Retry-After``) covers several replicas posting to one channel.

Each answer is delivered once, inside its turn, by :meth:`bot.slack.delivery.Courier.post_answer`;
a retry after a 429 holds the channel's turn, so the answers behind it wait too, as Slack asked.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

DEFAULT_RATE = 1.0  # posts per second per channel: Slack's documented pace for chat.postMessage
DEFAULT_LIMIT = 1000  # answers queued behind another in their channel, across channels, before new ones wait for room

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(slots=True)
class _Lane:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last: float = float("-inf")
    users: int = 0


class Outbox:
    """Per-channel pacing of answers; see the module docstring.

    ``rate`` is posts per second per channel, ``limit`` the room for queued answers. ``clock`` and
    ``sleep`` are for tests that check the pacing without waiting for it.
    """

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        *,
        limit: int = DEFAULT_LIMIT,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if rate <= 0 or limit < 1:
            raise ValueError("the outbox needs a positive rate and room for at least one answer")
        self.spacing = 1.0 / rate
        self.limit = limit
        self._clock = clock
        self._sleep = sleep
        self._room = asyncio.Semaphore(limit)
        self._lanes: dict[str, _Lane] = {}
        self._prune_at = 64
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
