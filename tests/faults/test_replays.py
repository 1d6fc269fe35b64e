"""The same request twice: one event reaching two replicas."""

from __future__ import annotations

from bot.answer import Engine
from tests.slack.fake_slack import BOT_USER
from tests.slack.harness import CHANNEL, mention_event, scenario, world


@scenario
async def test_a_mention_delivered_to_two_replicas_is_answered_once(engine: Engine) -> None:
    """The same event, first delivery on both (no retry header): the second replica finds the answer in the thread and stays quiet."""
    async with world(engine, instances=2) as w:
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> does cloud run support gpus?")
        event = mention_event(asked, event_id="Ev0TWICE0001")
        await w.bots[0].event(event)
        await w.slack.wait_for("chat.postMessage")
        await w.bots[1].event(event)
        for bot in w.bots:
            await w.settle(bot)
        assert len([m for m in w.slack.posted() if m.get("thread_ts") == asked["ts"]]) == 1
