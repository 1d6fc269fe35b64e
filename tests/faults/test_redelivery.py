"""Slack redelivers an event (``X-Slack-Retry-Num`` 1 to 3, same ``event_id``) while the first delivery is still being answered."""

from __future__ import annotations

import asyncio

from bot.answer import Engine
from tests.slack.fake_slack import BOT_USER, Failure
from tests.slack.harness import CHANNEL, mention_event, scenario, world


@scenario
async def test_redeliveries_to_the_same_replica_during_a_slow_answer_get_no_second_reply(engine: Engine) -> None:
    """Retries 1, 2 and 3 arrive while the first answer is still on its way to Slack: all acknowledged, one reply, one post."""
    async with world(engine) as w:
        w.slack.delays["chat.postMessage"] = 0.5
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> does fargate support gpus?")
        event = mention_event(asked, event_id="Ev0SLOWFIRST")
        assert (await w.bot.event(event))[0] == 200
        statuses = await asyncio.gather(*(w.bot.event(event, retry=n) for n in (1, 2, 3)))
        assert [s for s, _ in statuses] == [200, 200, 200]
        await w.slack.wait_until(lambda: any(m.get("thread_ts") == asked["ts"] for m in w.slack.posted()))
        w.slack.delays.clear()
        await w.settle()
        assert len([m for m in w.slack.posted() if m.get("thread_ts") == asked["ts"]]) == 1
        assert len([c for c in w.slack.called("chat.postMessage") if c.args["channel"] == CHANNEL]) == 1


@scenario
async def test_redeliveries_to_other_replicas_while_the_first_post_is_in_flight_get_no_second_reply(engine: Engine) -> None:
    """Slack has taken the first answer but not yet responded; retries reaching other replicas find it in the thread and stay quiet."""
    async with world(engine, instances=3) as w:
        w.slack.fail_next("chat.postMessage", Failure(200, delay=0.5, deliver=True))
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> compare fargate and cloud run")
        event = mention_event(asked, event_id="Ev0INFLIGHT1")
        await w.bots[0].event(event)
        await w.slack.wait_for("chat.postMessage")
        statuses = await asyncio.gather(*(w.bots[n % 3].event(event, retry=n) for n in (1, 2, 3)))
        assert [s for s, _ in statuses] == [200, 200, 200]
        for bot in w.bots:
            await w.settle(bot)
        assert len([m for m in w.slack.posted() if m.get("thread_ts") == asked["ts"]]) == 1
        assert len([c for c in w.slack.called("chat.postMessage") if c.args["channel"] == CHANNEL]) == 1
