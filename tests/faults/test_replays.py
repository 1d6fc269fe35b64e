"""The same request twice: a captured signed request replayed within Slack's five-minute window, and one event reaching two replicas."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse

from bot.answer import Engine
from tests.faults.common import EPHEMERAL, POST, answers_to, ask, still_serving
from tests.slack.harness import CHANNEL, block_action, button_value, mention_event, scenario, world


@scenario
async def test_a_replayed_click_is_not_run_again(engine: Engine) -> None:
    """The very same signed click sent again (same body, timestamp and signature) is acknowledged and not run a second time."""
    async with world(engine) as w:
        asked = await ask(w)
        await w.slack.wait_for(POST)
        [answer] = answers_to(w, asked["ts"])
        click = block_action("show_caveats", button_value(answer["blocks"], "show_caveats"), message=answer)
        body = urllib.parse.urlencode({"payload": json.dumps(click)})
        signed_at = int(time.time())
        first = await w.bot.post(body, "application/x-www-form-urlencoded", timestamp=signed_at)
        await w.slack.wait_for(EPHEMERAL)
        replayed = await asyncio.gather(*(w.bot.post(body, "application/x-www-form-urlencoded", timestamp=signed_at) for _ in range(3)))
        assert [first[0], *(s for s, _ in replayed)] == [200, 200, 200, 200]
        await still_serving(w)
        assert len(w.slack.called(EPHEMERAL)) == 1


@scenario
async def test_a_replayed_mention_is_not_answered_again(engine: Engine) -> None:
    """A replayed event (no X-Slack-Retry-Num, same signature) gets no second answer on the replica that answered it."""
    async with world(engine) as w:
        asked = w.slack.post_user_message(CHANNEL, "<@UBOT0001> compare fargate and aci")
        body = json.dumps(mention_event(asked))
        signed_at = int(time.time())
        await w.bot.post(body, "application/json", timestamp=signed_at)
        await w.slack.wait_for(POST)
        await w.bot.post(body, "application/json", timestamp=signed_at)
        await still_serving(w)
        assert len(answers_to(w, asked["ts"])) == 1


@scenario
async def test_a_mention_delivered_to_two_replicas_is_answered_once(engine: Engine) -> None:
    """The same event, first delivery on both (no retry header): the second replica finds the answer in the thread and stays quiet."""
    async with world(engine, instances=2) as w:
        asked = w.slack.post_user_message(CHANNEL, "<@UBOT0001> does cloud run support gpus?")
        event = mention_event(asked, event_id="Ev0TWICE0001")
        await w.bots[0].event(event)
        await w.slack.wait_for(POST)
        await w.bots[1].event(event)
        for bot in w.bots:
            await w.settle(bot)
        assert len(answers_to(w, asked["ts"])) == 1
