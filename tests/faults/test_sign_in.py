"""Who the bot is in Slack: learnt once, by ``auth.test`` at start-up, and reused for every request after.

Bolt's single-workspace authorization calls ``auth.test`` itself on the first requests it sees; a
burst of them made one call each, and a failure there acknowledged a mention and dropped it, or told
a slash command's user to reinstall the app.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tests.faults.common import POST, text_plain
from tests.slack.fake_slack import BOT_USER, FakeSlack
from tests.slack.harness import CHANNEL, SECRET, TOKEN, Bot, dm_event, mention_event, scenario, slash_command
from tests.slack.process import BotProcess

REINSTALL = "reinstall"


@asynccontextmanager
async def serving(slack: FakeSlack) -> AsyncIterator[tuple[Bot, BotProcess]]:
    """``platform-bot serve`` against ``slack``, ready (signed in) before the test goes on."""
    env = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack.api_url, "PORT": "0", "HOST": "127.0.0.1"}
    process = await BotProcess.start("serve", env=env)
    try:
        bot = Bot(f"http://127.0.0.1:{await process.port()}")
        for _ in range(200):
            if (await bot.get("/readyz"))[0] == 200:
                break
            await asyncio.sleep(0.02)
        yield bot, process
    finally:
        await process.stop()


@scenario
async def test_after_start_up_a_failing_auth_test_costs_no_answer() -> None:
    """auth.test fails from the moment serve has started: a mention, a DM and a slash command are all answered as usual,
    nobody is told to reinstall, and auth.test was called once, at start-up."""
    slack = await FakeSlack().start()
    try:
        async with serving(slack) as (bot, process):
            slack.fail_always("auth.test", text_plain(503))
            asked = slack.post_user_message(CHANNEL, f"<@{BOT_USER}> does aci support gpus?")
            assert (await bot.event(mention_event(asked)))[0] == 200
            assert (await bot.event(dm_event("which platforms support gpus?")))[0] == 200
            status, body = await bot.command(slash_command("does fargate support gpus?", slack.response_url(CHANNEL)))
            assert status == 200 and REINSTALL not in body.lower()
            assert json.loads(body)["response_type"] == "ephemeral"
            await slack.wait_for(POST, 2)
        assert len(slack.called("auth.test")) == 1
        assert "Traceback" not in process.output
    finally:
        await slack.close()


@scenario
async def test_a_burst_of_first_requests_makes_no_auth_test_call() -> None:
    """21 requests at once, the first the process sees: no request calls auth.test (start-up already did, once)."""
    slack = await FakeSlack().start()
    slack.delays["auth.test"] = 0.05  # slow enough that concurrent callers would overlap
    try:
        async with serving(slack) as (bot, _):
            await asyncio.gather(*(bot.event(dm_event(f"does aci support gpus? {n}", channel=f"D0BURST{n:03d}")) for n in range(21)))
            await slack.wait_for(POST, 21)
        assert len(slack.called("auth.test")) == 1
    finally:
        await slack.close()
