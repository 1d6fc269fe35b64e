"""Button results and "Share in channel" when Slack fails: never shown twice, never lost without a word, the private copy kept.

Slack sometimes does the work and then answers 5xx or drops the connection. A result posted as a
real message (in the bot's DM, or shared in a channel) is looked for before it is sent again; an
ephemeral one cannot be read back, so it is not sent again and the clicker is told instead.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from bot.answer import Engine
from tests.faults.common import (
    EPHEMERAL,
    POST,
    RESPONSE_URL,
    UNCONFIRMED,
    answers_to,
    ask,
    notices,
    still_serving,
    tracebacks,
)
from tests.slack.fake_slack import Failure
from tests.slack.harness import CHANNEL, DM, World, block_action, button_value, dm_message_event, scenario, slash_command, world

COULD_NOT_SHARE = "couldn't share"
AFTER_THE_WORK = {
    "503 after posting": Failure(503, deliver=True),
    "reset after posting": Failure(reset=True, deliver=True),
    "dropped after posting": Failure(drop=True, deliver=True),
}


async def dm_answer(w: World) -> dict[str, Any]:
    asked = w.slack.post_user_message(DM, "windows containers on fargate?")
    await w.bot.event(dm_message_event(asked))
    await w.slack.wait_for(POST)
    [answer] = answers_to(w, asked["ts"])
    return answer


async def slash_answer(w: World, question: str = "compare fargate and cloud run on persistence") -> dict[str, Any]:
    status, body = await w.bot.command(slash_command(question, w.slack.response_url(CHANNEL)))
    assert status == 200
    parsed: dict[str, Any] = json.loads(body)
    return parsed


def private_click(w: World, body: dict[str, Any], action: str) -> dict[str, Any]:
    """A click on ``action`` under a private (ephemeral) slash answer, which Slack answers through its response_url."""
    return block_action(action, button_value(body["blocks"], action), response_url=w.slack.response_url(CHANNEL), ephemeral=True)


def public(w: World) -> list[dict[str, Any]]:
    """The bot's messages in the channel, for everyone to see."""
    return [m for m in w.slack.messages.get(CHANNEL, []) if m.get("bot_id")]


def results_in(messages: list[dict[str, Any]], features: str) -> list[dict[str, Any]]:
    return [
        m
        for m in messages
        if m.get("metadata", {}).get("event_payload", {}).get("features") == features and "reply_to" not in m["metadata"]["event_payload"]
    ]


@pytest.mark.parametrize("failure", AFTER_THE_WORK.values(), ids=AFTER_THE_WORK.keys())
@scenario
async def test_a_button_result_in_the_dm_is_posted_once_when_slack_fails_after_posting_it(engine: Engine, failure: Failure) -> None:
    """Compare all in the bot's DM: Slack posts the result, then fails; the bot finds it in the DM and does not post it again."""
    async with world(engine) as w:
        answer = await dm_answer(w)
        w.slack.fail_next(POST, failure)
        await w.bot.action(block_action("compare_all", button_value(answer["blocks"], "compare_all"), channel=DM, message=answer))
        await w.slack.wait_for(POST, 2)
        await still_serving(w)
        assert len(results_in(w.slack.messages[DM], "windows-containers")) == 1


@pytest.mark.parametrize("failure", AFTER_THE_WORK.values(), ids=AFTER_THE_WORK.keys())
@scenario
async def test_an_ephemeral_result_is_shown_once_when_slack_fails_after_showing_it(engine: Engine, failure: Failure) -> None:
    """Caveats on a thread answer: Slack shows the ephemeral result, then fails. It cannot be read back, so it is not sent
    again; the clicker is told Slack did not confirm it (through the click's response_url)."""
    async with world(engine) as w:
        asked = await ask(w)
        await w.slack.wait_for(POST)
        [answer] = answers_to(w, asked["ts"])
        w.slack.fail_next(EPHEMERAL, failure)
        click = block_action(
            "show_caveats", button_value(answer["blocks"], "show_caveats"), message=answer, response_url=w.slack.response_url(CHANNEL)
        )
        assert (await w.bot.action(click))[0] == 200
        await w.slack.wait_until(lambda: bool(notices(w, UNCONFIRMED)))
        await still_serving(w)
        assert len(w.slack.ephemerals) == 1


@scenario
async def test_an_ephemeral_result_refused_for_now_is_sent_again(engine: Engine) -> None:
    """A 429 means Slack did not show it: the ephemeral result is sent again after Retry-After and shown once, no notice."""
    async with world(engine) as w:
        asked = await ask(w)
        await w.slack.wait_for(POST)
        [answer] = answers_to(w, asked["ts"])
        w.slack.fail_next(EPHEMERAL, Failure(429, {"Retry-After": "0"}))
        await w.bot.action(block_action("show_caveats", button_value(answer["blocks"], "show_caveats"), message=answer))
        await w.slack.wait_for(EPHEMERAL, 2)
        await still_serving(w)
        assert len(w.slack.ephemerals) == 1 and not notices(w, UNCONFIRMED)


@pytest.mark.parametrize("failure", AFTER_THE_WORK.values(), ids=AFTER_THE_WORK.keys())
@scenario
async def test_a_result_through_response_url_is_shown_once_when_slack_fails_after_showing_it(engine: Engine, failure: Failure) -> None:
    """Caveats on an ephemeral slash answer: the response_url post takes effect, then fails. Not sent again; the clicker is
    told through chat.postEphemeral instead."""
    async with world(engine) as w:
        body = await slash_answer(w, "can fargate scale to zero?")
        w.slack.fail_next(RESPONSE_URL, failure)
        click = private_click(w, body, "show_caveats")
        assert (await w.bot.action(click))[0] == 200
        await w.slack.wait_until(lambda: bool(notices(w, UNCONFIRMED)))
        await still_serving(w)
        assert len([r for r in w.slack.responses if r.body.get("response_type") == "ephemeral"]) == 1


@pytest.mark.parametrize("failure", AFTER_THE_WORK.values(), ids=AFTER_THE_WORK.keys())
@scenario
async def test_share_in_channel_posts_one_public_copy_when_slack_fails_after_posting_it(engine: Engine, failure: Failure) -> None:
    """Share in channel: the public post lands, then Slack fails. The bot finds it in the channel, does not post it again,
    and removes the private copy."""
    async with world(engine) as w:
        body = await slash_answer(w)
        w.slack.fail_next(RESPONSE_URL, failure)
        click = private_click(w, body, "share_answer")
        assert (await w.bot.action(click))[0] == 200
        await w.slack.wait_until(lambda: any(r.body.get("delete_original") for r in w.slack.responses))
        await still_serving(w)
        assert len(public(w)) == 1


REFUSED = {
    "404 expired": Failure(404, error="expired_url"),
    "410 gone": Failure(410, body="Gone", content_type="text/plain"),
    "403 forbidden": Failure(403, error="not_allowed"),
}


@pytest.mark.parametrize("failure", REFUSED.values(), ids=REFUSED.keys())
@scenario
async def test_a_share_slack_refuses_keeps_the_private_copy(engine: Engine, failure: Failure) -> None:
    """The public post is refused (an expired or used-up response_url, a channel the bot may not post in): the private copy
    is not deleted, and the clicker is told the share failed."""
    async with world(engine) as w:
        body = await slash_answer(w)
        w.slack.fail_next(RESPONSE_URL, failure)
        click = private_click(w, body, "share_answer")
        assert (await w.bot.action(click))[0] == 200
        await w.slack.wait_until(lambda: bool(notices(w, COULD_NOT_SHARE)))
        await still_serving(w)
        assert not [r for r in w.slack.responses if r.body.get("delete_original")]
        assert not public(w)


@scenario
async def test_a_share_that_keeps_failing_keeps_the_private_copy(engine: Engine) -> None:
    """Every public post answers 500 without posting: after its retries the share gives up, keeps the private copy and says so."""
    async with world(engine) as w:
        body = await slash_answer(w)
        w.slack.fail_always(RESPONSE_URL, Failure(500))
        click = private_click(w, body, "share_answer")
        assert (await w.bot.action(click))[0] == 200
        await w.slack.wait_until(lambda: bool(notices(w, COULD_NOT_SHARE)))
        assert not [r for r in w.slack.responses if r.body.get("delete_original")]
        assert len(w.slack.called(RESPONSE_URL)) >= 2


BAD_VALUES = {
    "nested brackets": "[" * 1000 + "]" * 1000,
    "not json": "{",
}


@pytest.mark.parametrize("action_id", ["compare_all", "show_caveats", "share_answer", "feedback_up"])
@pytest.mark.parametrize("value", BAD_VALUES.values(), ids=BAD_VALUES.keys())
@scenario
async def test_a_button_value_nested_too_deep_is_handled_like_any_bad_value(
    engine: Engine, action_id: str, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    """1,000 nested brackets make json.loads raise RecursionError: the click is acknowledged and ignored like any bad value."""
    caplog.set_level(logging.INFO)
    async with world(engine) as w:
        status, _ = await w.bot.action(block_action(action_id, value))
        assert status == 200
        await still_serving(w)
        if not action_id.startswith("feedback"):  # a vote is thanked whatever its value; the others do nothing
            assert not w.slack.ephemerals and not w.slack.responses
        assert not public(w)
    assert not tracebacks(caplog)


@scenario
async def test_a_response_url_answering_200_with_a_proxy_page_is_not_taken_for_success(engine: Engine) -> None:
    """Slack's response_url answers 200 "ok"; a 200 with a proxy's page did not post: the share looks, finds nothing, posts
    again, and the public copy is there once, the private one removed after it."""
    async with world(engine) as w:
        body = await slash_answer(w)
        w.slack.fail_next(RESPONSE_URL, Failure(200, body="<html><body>Service Unavailable</body></html>", content_type="text/html"))
        click = private_click(w, body, "share_answer")
        assert (await w.bot.action(click))[0] == 200
        await w.slack.wait_until(lambda: any(r.body.get("delete_original") for r in w.slack.responses))
        assert len(public(w)) == 1 and len(w.slack.called(RESPONSE_URL)) == 3  # the page, the post again, the removal
