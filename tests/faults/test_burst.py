"""Bursts of mentions: every one answered, once, at each channel's posting pace, none dropped, even when Slack pushes back."""

from __future__ import annotations

import asyncio

from bot.answer import Engine
from bot.slack.outbox import Outbox
from tests.slack.fake_slack import BOT_USER, Failure
from tests.slack.harness import CHANNEL, mention_event, scenario, world

BURST = 500
RATE = 100.0  # posts per second per channel; production uses Slack's 1/s, scaled up here so the test takes seconds
LIMIT = 50  # room for queued answers: a tenth of the burst, so backpressure has to hold the rest
WINDOW = 0.5


@scenario
async def test_a_burst_of_500_mentions_in_one_channel_is_answered_in_full_at_the_channels_pace(engine: Engine) -> None:
    """500 mentions at once: 500 answers, one per question, never two within 1/rate at the fake Slack, the queue never past its room."""
    outbox = Outbox(RATE, limit=LIMIT)
    async with world(engine, outbox=outbox) as w:
        questions = ["does fargate support gpus?", "compare aci and cloud run", "which platforms scale to zero?", "help"]
        asked = [w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> {questions[n % 4]}") for n in range(BURST)]
        most_queued = 0
        sending = asyncio.Semaphore(32)

        async def send(message: dict[str, object]) -> int:
            async with sending:
                return (await w.bot.event(mention_event(message)))[0]

        async def watch() -> None:
            nonlocal most_queued
            while True:
                most_queued = max(most_queued, outbox.backlog)
                await asyncio.sleep(0.005)

        watcher = asyncio.create_task(watch())
        statuses = await asyncio.gather(*(send(m) for m in asked))
        assert set(statuses) == {200}
        posts = await w.slack.wait_for("chat.postMessage", BURST, timeout=15)
        watcher.cancel()

        replies = [c.args["metadata"]["event_payload"]["reply_to"] for c in posts]
        assert sorted(replies) == sorted(m["ts"] for m in asked)  # every question answered, none twice
        assert 0 < most_queued <= LIMIT
        times = sorted(c.at for c in posts)
        assert times[-1] - times[0] >= (BURST - 1) / RATE * 0.97
        for i, t in enumerate(times):  # no window of WINDOW seconds sees more than the pace allows (one of jitter)
            within = sum(1 for u in times[i : i + int(RATE * WINDOW) + 3] if u - t < WINDOW)
            assert within <= RATE * WINDOW + 2, f"{within} posts within {WINDOW}s from post {i}"
        await w.settle()
        assert len(w.slack.posted()) == BURST + 1


CHANNELS = 20
MENTIONS = 200


@scenario
async def test_200_mentions_in_20_channels_with_every_third_post_refused_are_all_answered_once(engine: Engine) -> None:
    """Every third chat.postMessage answered 429 (Retry-After 0, so the test need not wait): each of 200 mentions spread
    over 20 channels is answered, exactly once, and nobody is told their answer was lost."""
    async with world(engine, outbox=Outbox(RATE)) as w:
        w.slack.fail_every("chat.postMessage", 3, Failure(429, {"Retry-After": "0"}))
        questions = ["does fargate support gpus?", "compare aci and cloud run", "which platforms scale to zero?", "help"]
        asked = [w.slack.post_user_message(f"C0BURST{n % CHANNELS:03d}", f"<@{BOT_USER}> {questions[n % 4]}") for n in range(MENTIONS)]
        sending = asyncio.Semaphore(32)

        async def send(n: int, message: dict[str, object]) -> int:
            async with sending:
                return (await w.bot.event(mention_event(message, channel=f"C0BURST{n % CHANNELS:03d}")))[0]

        statuses = await asyncio.gather(*(send(n, m) for n, m in enumerate(asked)))
        assert set(statuses) == {200}
        answered = {m["ts"] for m in asked}

        def all_answered() -> bool:
            replies = [m["metadata"]["event_payload"].get("reply_to") for m in w.slack.posted() if "metadata" in m]
            return answered <= set(replies)

        await w.slack.wait_until(all_answered, timeout=15)
        w.slack.recover()
        await w.settle()
        replies = [m["metadata"]["event_payload"].get("reply_to") for m in w.slack.posted() if "metadata" in m]
        assert sorted(r for r in replies if r in answered) == sorted(answered)  # all 200, none twice
        assert not w.slack.ephemerals
