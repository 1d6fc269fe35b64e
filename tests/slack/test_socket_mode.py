"""The same app in Socket Mode: Slack's envelopes arrive over a WebSocket (the fake's), acks go back over it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

from bot.answer import Engine
from bot.slack.app import build_app
from bot.slack.run import run_socket_mode
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import (
    CHANNEL,
    DM,
    FAST_RETRY,
    TOKEN,
    block_action,
    button_value,
    current,
    dm_event,
    scenario,
    slash_command,
)

APP_TOKEN = "xapp-1-A0PLATFORM-1234-apptoken"


@asynccontextmanager
async def socket_bot(engine: Engine, app_token: str = APP_TOKEN) -> AsyncIterator[FakeSlack]:
    """The bot connected in Socket Mode to a fake Slack, as ``platform-bot socket`` runs it."""
    slack = await FakeSlack().start()
    app = build_app(engine, token=TOKEN, base_url=slack.api_url, socket_mode=True, retry_interval=FAST_RETRY)
    stop = asyncio.Event()
    task = asyncio.create_task(run_socket_mode(app, app_token, stop=stop, handle_signals=False))
    try:
        await asyncio.wait_for(slack.socket_connected.wait(), 5)
        yield slack
    finally:
        stop.set()
        await task
        await slack.close()


def envelope(kind: str, payload: dict[str, Any], envelope_id: str, **extra: Any) -> dict[str, Any]:
    """A Socket Mode envelope (https://docs.slack.dev/apis/events-api/using-socket-mode/)."""
    return {"envelope_id": envelope_id, "type": kind, "payload": payload, "accepts_response_payload": kind != "events_api", **extra}


@scenario
async def test_slash_command_envelope_is_acknowledged_with_the_answer(engine: Engine) -> None:
    """A slash command over Socket Mode is acked on the same envelope with the ephemeral answer."""
    async with socket_bot(engine) as slack:
        await slack.send_envelope(envelope("slash_commands", slash_command("does ACI support GPUs?", slack.response_url(CHANNEL)), "env-1"))
        [ack] = await slack.wait_for_acks(1)
        assert ack["envelope_id"] == "env-1"
        assert ack["payload"]["response_type"] == "ephemeral"
        assert (current(engine, "aci", "gpu").value or "") in json.dumps(ack["payload"]["blocks"], ensure_ascii=False)


@scenario
async def test_events_are_answered_once_even_when_redelivered(engine: Engine) -> None:
    """An events_api envelope is acked and answered; its redelivery (retry_attempt, same event_id) is acked but not answered."""
    async with socket_bot(engine) as slack:
        question = slack.post_user_message(DM, "does cloud run scale to zero")
        event = dm_event(question["text"], ts=question["ts"], event_id="Ev0SOCKET001")
        await slack.send_envelope(envelope("events_api", event, "env-2"))
        [call] = await slack.wait_for("chat.postMessage")
        assert call.args["channel"] == DM and call.args["metadata"]["event_payload"]["features"] == "scale-to-zero"
        await slack.send_envelope(envelope("events_api", event, "env-3", retry_attempt=1, retry_reason="timeout"))
        await slack.wait_for_acks(2)
        await asyncio.sleep(0.1)
        assert [a["envelope_id"] for a in slack.socket_acks] == ["env-2", "env-3"]
        assert len(slack.called("chat.postMessage")) == 1


@scenario
async def test_interactive_envelope_runs_the_button(engine: Engine) -> None:
    """A button click over Socket Mode is acked and its result sent like in HTTP mode."""
    async with socket_bot(engine) as slack:
        await slack.send_envelope(
            envelope("slash_commands", slash_command("can fargate scale to zero?", slack.response_url(CHANNEL)), "env-4")
        )
        [ack] = await slack.wait_for_acks(1)
        value = button_value(ack["payload"]["blocks"], "show_caveats")
        click = block_action("show_caveats", value, response_url=slack.response_url(CHANNEL), ephemeral=True)
        await slack.send_envelope(envelope("interactive", click, "env-5"))
        [post] = await slack.wait_for_responses(1)
        assert engine.kb.caveats["fargate-no-builtin-autoscale"].title in json.dumps(post.body["blocks"], ensure_ascii=False)


@scenario
async def test_a_refused_app_token_fails_at_once(engine: Engine) -> None:
    """An app token Slack refuses ends run_socket_mode with Slack's error instead of reconnecting forever."""
    slack = await FakeSlack().start()
    try:
        app = build_app(engine, token=TOKEN, base_url=slack.api_url, socket_mode=True)
        with pytest.raises(SlackApiError):
            await run_socket_mode(app, "xoxb-not-an-app-token", stop=asyncio.Event(), handle_signals=False)
    finally:
        await slack.close()
