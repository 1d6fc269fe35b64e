"""An answer Slack will not take, after every retry: the asker is told, an error line names the question, a metric counts it.

And an answer is logged and counted as given only once it is in Slack, so ``/metrics`` and
``platform-bot gaps`` count what people saw.
"""

from __future__ import annotations

import json
import logging
import time

import pytest

from bot.answer import Engine
from tests.faults.common import COULD_NOT_POST, EPHEMERAL, POST, answers_to, ask, metric, notices, tracebacks
from tests.slack.fake_slack import Failure
from tests.slack.harness import CHANNEL, DM, USER, dm_event, scenario, world

KEEPS_FAILING = {
    "503 every time": Failure(503),
    "reset every time": Failure(reset=True),
    "429 for an hour": Failure(429, {"Retry-After": "3600"}),
    "channel_not_found": Failure(200, error="channel_not_found"),
}


@pytest.mark.parametrize("failure", KEEPS_FAILING.values(), ids=KEEPS_FAILING.keys())
@scenario
async def test_a_mention_whose_answer_cannot_be_posted_ends_in_a_notice_a_log_line_and_a_metric(
    engine: Engine, failure: Failure, caplog: pytest.LogCaptureFixture
) -> None:
    """chat.postMessage keeps failing: after its retries (at once for a Retry-After past the deadline, or an error Slack
    will not change its mind on) the asker sees "I couldn't post the answer, please ask again" privately in the thread,
    one error line names the question, the undelivered counter moves and the answer counter does not."""
    caplog.set_level(logging.INFO)
    async with world(engine) as w:
        w.slack.fail_always(POST, failure)
        started = time.monotonic()
        asked = await ask(w)
        [told] = await w.slack.wait_for(EPHEMERAL)
        assert time.monotonic() - started < 5
        assert told.args["user"] == USER and told.args["channel"] == CHANNEL and told.args["thread_ts"] == asked["ts"]
        assert COULD_NOT_POST in told.args["text"] and "ask again" in told.args["text"]
        assert answers_to(w, asked["ts"]) == []
        assert await metric(w, "platform_bot_answers_undelivered_total", surface="mention") == 1
        assert await metric(w, "platform_bot_answers_total", surface="mention") == 0
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and asked["ts"] in errors[0].getMessage() + json.dumps(getattr(errors[0], "fields", {}))
    assert not [r for r in caplog.records if r.name == "bot.slack.answers"]  # not logged as answered: it never was
    assert not tracebacks(caplog)


@scenario
async def test_a_dm_answer_that_cannot_be_posted_is_replaced_by_a_notice(engine: Engine) -> None:
    """In the bot's DM the notice comes the same way, privately, when posting keeps failing."""
    async with world(engine) as w:
        w.slack.fail_always(POST, Failure(500))
        await w.bot.event(dm_event("does aci support gpus?", channel=DM))
        await w.slack.wait_until(lambda: bool(notices(w, COULD_NOT_POST)))
        assert await metric(w, "platform_bot_answers_undelivered_total", surface="dm") == 1
        assert await metric(w, "platform_bot_answers_total", surface="dm") == 0
