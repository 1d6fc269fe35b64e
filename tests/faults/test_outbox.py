"""The outbox on its own: per-channel pacing, independence of channels, bounded room that never drops."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.slack.outbox import Outbox
from tests.slack.harness import scenario


class VirtualClock:
    """Time that only passes when someone sleeps: pacing checked exactly, without waiting for it."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)


@scenario
async def test_posts_in_one_channel_start_one_spacing_apart_in_arrival_order() -> None:
    """At one message per second, 20 answers to one channel start exactly 1 s apart, in the order they came."""
    clock = VirtualClock()
    outbox = Outbox(1.0, clock=clock, sleep=clock.sleep)
    starts: list[tuple[int, float]] = []

    async def answer(n: int) -> None:
        async with outbox.turn("C1"):
            starts.append((n, clock()))

    await asyncio.gather(*(answer(n) for n in range(20)))
    assert [n for n, _ in starts] == list(range(20))
    assert [t for _, t in starts] == [float(n) for n in range(20)]
    assert outbox.pending == 0


@scenario
async def test_a_quiet_channel_is_not_held_up_by_a_busy_one() -> None:
    """While one channel works through a queue at its pace, an answer to another channel goes out at once."""
    outbox = Outbox(20.0)  # 50 ms apart
    begin = time.monotonic()
    starts: dict[str, list[float]] = {"C1": [], "C2": []}

    async def answer(channel: str) -> None:
        async with outbox.turn(channel):
            starts[channel].append(time.monotonic() - begin)

    await asyncio.gather(*(answer("C1") for _ in range(5)), answer("C2"))
    assert starts["C2"][0] < 0.04
    gaps = [b - a for a, b in zip(starts["C1"], starts["C1"][1:], strict=False)]
    assert min(gaps) >= 0.05


@scenario
async def test_past_its_limit_the_outbox_makes_answers_wait_and_loses_none() -> None:
    """With room for 5 queued answers, 60 answers to 3 channels all go out, in order per channel, never more than 5 queued."""
    clock = VirtualClock()
    outbox = Outbox(10.0, limit=5, clock=clock, sleep=clock.sleep)
    sent: dict[str, list[int]] = {"C1": [], "C2": [], "C3": []}
    most_queued = 0

    async def answer(channel: str, n: int) -> None:
        nonlocal most_queued
        async with outbox.turn(channel):
            most_queued = max(most_queued, outbox.backlog)
            sent[channel].append(n)

    await asyncio.gather(*(answer(f"C{1 + n % 3}", n) for n in range(60)))
    assert most_queued == 5
    assert sum(len(v) for v in sent.values()) == 60
    assert all(v == sorted(v) for v in sent.values())
    assert outbox.pending == 0 and outbox.backlog == 0


@scenario
async def test_a_cancelled_answer_gives_its_turn_and_room_back() -> None:
    """An answer cancelled while waiting (a shutdown) frees its place: the ones behind it still go out."""
    clock = VirtualClock()
    outbox = Outbox(1.0, limit=1, clock=clock, sleep=clock.sleep)
    gate = asyncio.Event()
    done: list[int] = []

    async def answer(n: int, hold: bool = False) -> None:
        async with outbox.turn("C1"):
            if hold:
                await gate.wait()
            done.append(n)

    first = asyncio.create_task(answer(0, hold=True))
    second = asyncio.create_task(answer(1))
    await asyncio.sleep(0.01)
    second.cancel()
    third = asyncio.create_task(answer(2))
    await asyncio.sleep(0.01)
    gate.set()
    await asyncio.gather(first, third)
    assert done == [0, 2]
    assert outbox.pending == 0 and outbox.backlog == 0


@scenario
async def test_channels_gone_quiet_are_forgotten() -> None:
    """Answers to 2,000 different channels leave the outbox tracking only a handful: its memory does not grow with channels."""
    outbox = Outbox(1_000_000.0)
    for n in range(2000):
        async with outbox.turn(f"C{n}"):
            pass
    assert outbox.channels <= 64


def test_an_outbox_needs_a_positive_rate_and_room() -> None:
    """A zero rate or no room would stop every answer, so such an outbox is refused outright."""
    for bad in ({"rate": 0.0}, {"rate": 1.0, "limit": 0}, {"rate": -1.0}):
        with pytest.raises(ValueError):
            Outbox(**bad)  # type: ignore[arg-type]
