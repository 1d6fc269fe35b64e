"""Answers from Slack that are not Slack's JSON: a proxy's text or HTML page, JSON cut short, a 429 with a date.

slack_sdk hands such an answer on as a string, as a bare aiohttp response, or (a 200 ``text/plain``)
raises AttributeError from its own ``validate()``; a Retry-After that is an HTTP date made its
rate-limit handler raise ValueError. None of it may cost an answer.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.answer import Engine
from bot.slack.context import describe_error
from bot.slack.outbox import Outbox
from tests.faults.common import (
    EPHEMERAL,
    POST,
    UNCONFIRMED,
    answers_to,
    ask,
    html_page,
    http_date,
    notices,
    still_serving,
    text_plain,
    tracebacks,
    truncated,
)
from tests.slack.fake_slack import Failure
from tests.slack.harness import DM, block_action, button_value, dm_event, home_opened_event, scenario, world

UNREADABLE = {
    "405 text/plain": text_plain(405, "Method Not Allowed"),
    "503 text/plain": text_plain(503),
    "502 HTML": html_page(502),
    "truncated JSON": truncated(),
    "200 text/plain": text_plain(200, "ok"),
}


@pytest.mark.parametrize("failure", UNREADABLE.values(), ids=UNREADABLE.keys())
@scenario
async def test_a_dm_is_answered_without_context_when_its_history_is_unreadable(
    engine: Engine, failure: Failure, caplog: pytest.LogCaptureFixture
) -> None:
    """conversations.history answering anything but Slack's JSON, every time: the DM is answered (without follow-up
    context) and one clear warning says why; no traceback."""
    caplog.set_level(logging.INFO)
    async with world(engine) as w:
        w.slack.fail_always("conversations.history", failure)
        event = dm_event("does aci support gpus?")
        await w.bot.event(event)
        await w.slack.wait_for(POST)
        w.slack.recover()
        await w.settle()
        assert len(answers_to(w, event["event"]["ts"])) == 1
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("bot.")]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "without its context" in warnings[0].getMessage()
    assert not tracebacks(caplog)


def test_describe_error_names_a_failure_whatever_the_body() -> None:
    """Slack's error code from JSON; the status and the kind of body otherwise (a string, an empty body, a bare aiohttp response)."""

    def response(data: Any, status: int, headers: dict[str, str] | None = None) -> AsyncSlackResponse:
        client = AsyncWebClient(token="xoxb-x")
        return AsyncSlackResponse(
            client=client, http_verb="POST", api_url="u", req_args={}, data=data, headers=headers or {}, status_code=status
        )

    assert describe_error(SlackApiError("x", response({"ok": False, "error": "channel_not_found"}, 200))) == "channel_not_found"
    assert "503" in describe_error(SlackApiError("x", response("upstream connect error", 503)))
    assert (
        describe_error(SlackApiError("x", response({}, 502, {"Content-Type": "text/html"}))) == "HTTP 502 with text/html, not Slack's JSON"
    )
    assert describe_error(SlackApiError("x", object())) != ""
    assert describe_error(aiohttp.ServerDisconnectedError()) == "ServerDisconnectedError"


@pytest.mark.parametrize(
    "failure",
    [text_plain(503), text_plain(502, "Bad Gateway"), truncated(), truncated(503), text_plain(200, "ok")],
    ids=["503 text/plain", "502 text/plain", "truncated 200", "truncated 503", "200 text/plain"],
)
@scenario
async def test_an_unreadable_answer_to_a_post_is_retried_and_posted_once(engine: Engine, failure: Failure) -> None:
    """chat.postMessage answered with text, HTML or cut-short JSON (Slack did not post): the bot checks, posts again, once."""
    async with world(engine) as w:
        w.slack.fail_next(POST, failure)
        asked = await ask(w)
        await w.slack.wait_for(POST, 2)
        await still_serving(w)
        assert len(answers_to(w, asked["ts"])) == 1


@scenario
async def test_a_post_that_went_through_before_its_answer_was_cut_short_is_not_posted_again(engine: Engine) -> None:
    """Slack posted the message but its JSON answer was cut short: the bot finds the answer in the thread and stops there."""
    async with world(engine) as w:
        w.slack.fail_next(POST, truncated(deliver=True))
        asked = await ask(w)
        await w.slack.wait_for("conversations.replies", 2)
        await still_serving(w)
        assert len(answers_to(w, asked["ts"])) == 1


@scenario
async def test_a_click_is_acknowledged_at_once_when_its_result_meets_an_unreadable_answer(engine: Engine) -> None:
    """A button whose ephemeral result gets cut-short JSON: Slack gets its 200 at once (not a 404 after 3 s), and the
    clicker is told the answer was not confirmed, through the click's response_url."""
    async with world(engine) as w:
        asked = await ask(w)
        await w.slack.wait_for(POST)
        [answer] = answers_to(w, asked["ts"])
        w.slack.fail_next(EPHEMERAL, truncated())
        click = block_action(
            "show_caveats", button_value(answer["blocks"], "show_caveats"), message=answer, response_url=w.slack.response_url("C0GENERAL1")
        )
        started = time.monotonic()
        status, _ = await w.bot.action(click)
        assert status == 200 and time.monotonic() - started < 1.0
        await w.slack.wait_until(lambda: bool(notices(w, UNCONFIRMED)))
        await still_serving(w)
        assert len(w.slack.called(EPHEMERAL)) == 1  # cut short at 200: it may have been shown, so it is not sent again


@scenario
async def test_a_429_whose_retry_after_is_a_date_is_honoured(engine: Engine) -> None:
    """Retry-After may be an HTTP date (RFC 9110): the bot waits until then, posts again, and the answer is posted once."""
    async with world(engine) as w:
        w.slack.fail_next(POST, Failure(429, {"Retry-After": http_date(1.5)}))
        asked = await ask(w)
        first, second = await w.slack.wait_for(POST, 2)
        assert second.at - first.at >= 0.45  # the date has whole seconds: 0.5 to 1.5 s after the first try (the backoff is 0.01 s)
        await still_serving(w)
        assert len(answers_to(w, asked["ts"])) == 1


@scenario
async def test_a_429_with_a_date_on_a_plain_web_api_call_is_honoured(engine: Engine) -> None:
    """The same for calls slack_sdk retries itself (views.publish): the Home tab is published after the date."""
    async with world(engine) as w:
        w.slack.fail_next("views.publish", Failure(429, {"Retry-After": http_date(1)}))
        await w.bot.event(home_opened_event())
        await w.slack.wait_for("views.publish", 2)
        await still_serving(w)


@scenario
async def test_a_dm_follow_up_survives_a_history_that_answers_200_text(engine: Engine) -> None:
    """Once the history reads again, follow-ups in the DM build on the answer as before: the failure left nothing behind."""
    async with world(engine, outbox=Outbox(100.0)) as w:
        w.slack.fail_next("conversations.history", text_plain(200, "ok"))
        first = dm_event("does fargate support gpus?", channel=DM)
        await w.bot.event(first)
        await w.slack.wait_for(POST)
        await w.bot.event(dm_event("and cloud run?", channel=DM))
        [_, follow_up] = await w.slack.wait_for(POST, 2)
        assert follow_up.args["metadata"]["event_payload"]["features"] == "gpu"


@scenario
async def test_the_fake_slack_routes_reads_as_get_and_posts_as_post(engine: Engine) -> None:
    """slack_sdk reads with GET and query parameters and posts with POST; the fake answers both, so faults on either are real."""
    async with world(engine) as w:
        asked = await ask(w)
        await w.slack.wait_for(POST)
        [read] = w.slack.called("conversations.replies")
        [post] = w.slack.called(POST)
        assert (read.verb, read.args["ts"], post.verb) == ("GET", asked["ts"], "POST")
