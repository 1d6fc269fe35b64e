"""A misbehaving Slack Web API: the bot retries what it may, never posts an answer twice, never crashes.

Each test makes the fake Slack fail ``chat.postMessage`` in one way, asks a question by @-mention
(answered with a real post, unlike slash commands, which are answered in their acknowledgement),
and checks what Slack ended up showing.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from bot.answer import Engine
from tests.faults.common import still_serving
from tests.slack.fake_slack import BOT_USER, Failure
from tests.slack.harness import CHANNEL, World, dm_event, mention_event, scenario, world

TIMEOUT = 0.3  # the bot's Web API client timeout in these tests; "slow" means well past it
SLOW = 0.6
POST = "chat.postMessage"
ERRORS = "errors"
RETRIES = "retries"
METRIC = re.compile(r"^platform_bot_slack_api_(?P<name>errors|retries)_total\{(?P<labels>[^}]*)\} (?P<value>\S+)$", re.MULTILINE)
LABEL = re.compile(r'(\w+)="([^"]*)"')


async def ask(w: World, question: str = "does aci support gpus?") -> dict[str, Any]:
    asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> {question}")
    status, _ = await w.bot.event(mention_event(asked))
    assert status == 200
    return asked


def answers_to(w: World, asked: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in w.slack.posted() if m.get("metadata", {}).get("event_payload", {}).get("reply_to") == asked["ts"]]


async def counters(w: World) -> dict[tuple[str, str, str], float]:
    """The Slack API counters on /metrics: (errors or retries, method, error or reason) -> count."""
    status, text = await w.bot.get("/metrics")
    assert status == 200
    out = {}
    for m in METRIC.finditer(text):
        labels = dict(LABEL.findall(m["labels"]))
        out[(m["name"], labels.get("method", ""), labels.get("error") or labels.get("reason") or "")] = float(m["value"])
    return out


@scenario
async def test_a_429_is_retried_after_its_retry_after_and_answered_once(engine: Engine) -> None:
    """Slack's 429 means it did not take the message: the bot waits the Retry-After seconds, sends it again, and it is posted once."""
    async with world(engine) as w:
        w.slack.fail_next("chat.postMessage", Failure(429, {"Retry-After": "1"}))
        asked = await ask(w)
        first, second = await w.slack.wait_for("chat.postMessage", 2)
        assert second.at - first.at >= 1.0
        assert len(answers_to(w, asked)) == 1
        # Only the read before answering: nothing to check after a 429, Slack said it did not post.
        assert [c.args["ts"] for c in w.slack.called("conversations.replies")] == [asked["ts"]]
        await still_serving(w)
        seen = await counters(w)
        assert seen[(ERRORS, POST, "fake_failure")] == 1 and seen[(RETRIES, POST, "rate_limited")] == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
@scenario
async def test_a_server_error_is_retried_and_answered_once(engine: Engine, status: int) -> None:
    """A 5xx that did not post the message: the bot checks the thread, finds no answer, sends it again; one answer."""
    async with world(engine) as w:
        w.slack.fail_next("chat.postMessage", Failure(status))
        asked = await ask(w)
        await w.slack.wait_for("chat.postMessage", 2)
        await still_serving(w)
        assert len(answers_to(w, asked)) == 1
        assert [c.args["ts"] for c in w.slack.called("conversations.replies")] == [asked["ts"]] * 2  # before answering, after the 5xx
        seen = await counters(w)
        assert seen[(ERRORS, POST, "fake_failure")] == 1 and seen[(RETRIES, POST, "server_error")] == 1


@pytest.mark.parametrize("status", [500, 503])
@scenario
async def test_a_server_error_after_slack_posted_is_not_posted_again(engine: Engine, status: int) -> None:
    """A 5xx that Slack sent after posting the message: the bot finds its answer in the thread and does not post it again."""
    async with world(engine) as w:
        w.slack.fail_next("chat.postMessage", Failure(status, deliver=True))
        asked = await ask(w)
        await w.slack.wait_for("conversations.replies", 2)  # the read before answering, then the look after the 5xx
        await still_serving(w)
        assert len(answers_to(w, asked)) == 1
        assert len([c for c in w.slack.called("chat.postMessage") if c.args["channel"] == CHANNEL]) == 1


@scenario
async def test_a_response_slower_than_the_client_timeout_is_not_posted_twice(engine: Engine) -> None:
    """Slack posts the message but answers after the client has given up: the bot finds the answer and does not post it again."""
    async with world(engine, timeout=TIMEOUT) as w:
        w.slack.fail_next("chat.postMessage", Failure(200, delay=SLOW, deliver=True))
        asked = await ask(w)
        await w.slack.wait_for("conversations.replies", 2)
        await still_serving(w)
        assert len(answers_to(w, asked)) == 1
        assert len([c for c in w.slack.called("chat.postMessage") if c.args["channel"] == CHANNEL]) == 1
        assert (await counters(w))[(ERRORS, POST, "TimeoutError")] == 1


@scenario
async def test_a_timed_out_post_that_never_went_through_is_sent_again(engine: Engine) -> None:
    """Slack hangs past the client timeout without posting: the bot checks, finds nothing, and posts the answer once."""
    async with world(engine, timeout=TIMEOUT) as w:
        w.slack.fail_next("chat.postMessage", Failure(503, delay=SLOW))
        asked = await ask(w)
        await w.slack.wait_for("chat.postMessage", 2, timeout=10)
        await still_serving(w)
        assert len(answers_to(w, asked)) == 1


@pytest.mark.parametrize("delivered", [True, False], ids=["after-posting", "before-posting"])
@scenario
async def test_a_dropped_connection_never_duplicates_or_loses_the_answer(engine: Engine, delivered: bool) -> None:
    """The connection drops with no response, after or before Slack posted: either way exactly one answer ends up in the thread.

    slack_sdk's connection-error handler would resend blindly, posting a duplicate when Slack had
    the message already; the bot checks the thread for the answer's ``reply_to`` first.
    """
    async with world(engine) as w:
        w.slack.fail_next("chat.postMessage", Failure(drop=True, deliver=delivered))
        asked = await ask(w)
        await w.slack.wait_for("chat.postMessage", 1 if delivered else 2)
        await w.slack.wait_for("conversations.replies", 2)
        await still_serving(w)
        assert len(answers_to(w, asked)) == 1
        expected_posts = 1 if delivered else 2
        assert len([c for c in w.slack.called("chat.postMessage") if c.args["channel"] == CHANNEL]) == expected_posts
        seen = await counters(w)
        assert seen[(ERRORS, POST, "ServerDisconnectedError")] == 1 and seen[(RETRIES, POST, "connection_error")] == 1


@scenario
async def test_when_slack_keeps_failing_the_answer_is_given_up_and_the_bot_carries_on(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    """Three failures in a row (the first try and two retries, each followed by a look): the answer is given up with one error
    line, the asker is told privately, nothing crashes."""
    caplog.set_level(logging.INFO)
    async with world(engine, timeout=TIMEOUT) as w:
        w.slack.fail_next("chat.postMessage", Failure(503), Failure(drop=True), Failure(500, delay=SLOW))
        asked = await ask(w)
        await w.slack.wait_for("chat.postMessage", 3, timeout=10)
        await w.slack.wait_for("conversations.replies", 4, timeout=10)  # the read before answering, a look after each failure
        [told] = await w.slack.wait_for("chat.postEphemeral")
        assert "couldn't post the answer" in told.args["text"]
        await still_serving(w)
        assert answers_to(w, asked) == []
        seen = await counters(w)
        assert sum(v for (name, method, _), v in seen.items() if name == ERRORS and method == POST) == 3
    failed = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in failed] == ["answer_undelivered"] and failed[0].levelno == logging.ERROR
    assert not [r for r in caplog.records if r.exc_info]  # a log line, not a traceback


@scenario
async def test_a_failing_thread_read_still_gets_the_question_answered(engine: Engine) -> None:
    """When reading the thread fails (500, then a dropped connection), a follow-up is still answered, only without its context."""
    async with world(engine) as w:
        parent = w.slack.post_user_message(CHANNEL, "we pick a platform")
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> does aci support gpus?", thread_ts=parent["ts"])
        w.slack.fail_next("conversations.replies", Failure(500), Failure(500), Failure(500))
        await w.bot.event(mention_event(asked))
        await w.slack.wait_for("chat.postMessage")
        assert len(answers_to(w, asked)) == 1


@scenario
async def test_a_dm_answer_is_not_duplicated_when_the_connection_drops_after_posting(engine: Engine) -> None:
    """In the bot's DM the answer is looked for in the DM's history, and not posted twice either."""
    async with world(engine) as w:
        w.slack.fail_next("chat.postMessage", Failure(drop=True, deliver=True))
        event = dm_event("does aci support gpus?", channel="D0FAULTS01")
        await w.bot.event(event)
        await w.slack.wait_for("conversations.history", 2)  # the context read, then the check
        await still_serving(w)
        assert len(w.slack.messages["D0FAULTS01"]) == 1
