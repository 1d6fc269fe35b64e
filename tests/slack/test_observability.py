"""Health, readiness and metrics of the running app, the workspace allow-list, and the request logs, in both modes."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.answer import Engine
from bot.logs import JsonFormatter
from bot.slack.observe import surface_of
from bot.slack.run import SocketLink, run_socket_mode
from bot.slack.service import Service, build_service
from bot.web import listening
from tests.slack.fake_slack import TEAM, Failure, FakeSlack
from tests.slack.harness import (
    CHANNEL,
    FAST_RETRY,
    TOKEN,
    Bot,
    block_action,
    button_value,
    dm_event,
    home_opened_event,
    mention_event,
    scenario,
    slash_command,
    world,
)
from tests.slack.test_socket_mode import APP_TOKEN, envelope

OTHER_TEAM = "T0OTHER001"


def metric(text: str, name: str, **labels: str) -> float:
    """One sample's value in a Prometheus exposition (0 when absent)."""
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and s.labels == labels:
                return float(s.value)
    return 0.0


async def metrics_of(bot: Bot) -> str:
    status, text = await bot.get("/metrics")
    assert status == 200
    return text


async def eventually(check: Callable[[], Any], timeout: float = 5.0) -> None:
    """Poll an async ``check`` until it stops raising AssertionError."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            await check()
            return
        except AssertionError:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.02)


# -- HTTP mode -----------------------------------------------------------------------------------


@scenario
async def test_healthz_readyz_and_metrics_answer_on_the_running_server(engine: Engine) -> None:
    """/healthz and /readyz say ok with the knowledge version; /metrics is Prometheus text with the version as an info metric."""
    async with world(engine) as w:
        status, body = await w.bot.get("/healthz")
        assert status == 200 and json.loads(body) == {"status": "ok", "knowledge_version": engine.kb.version}
        status, body = await w.bot.get("/readyz")
        assert status == 200 and json.loads(body) == {"status": "ready", "knowledge_version": engine.kb.version, "problems": []}
        async with aiohttp.ClientSession() as session, session.get(f"{w.bot.url}/metrics") as r:
            assert r.status == 200 and r.headers["Content-Type"].startswith("text/plain")
            text = await r.text()
        assert metric(text, "platform_bot_knowledge_info", version=engine.kb.version) == 1
        assert metric(text, "platform_bot_requests_total", surface="slash") == 0


@scenario
async def test_a_signed_slash_command_moves_the_metrics(engine: Engine) -> None:
    """After one signed /platform question: one slash request, one answer by its intent, one latency observation; an
    uncovered question counts as unknown."""
    async with world(engine) as w:
        before = await metrics_of(w.bot)
        status, _ = await w.bot.command(slash_command("does ACI support GPUs?", w.slack.response_url(CHANNEL)))
        assert status == 200
        status, _ = await w.bot.command(slash_command("does heroku support gpus?", w.slack.response_url(CHANNEL)))
        assert status == 200

        async def moved() -> None:
            after = await metrics_of(w.bot)
            assert (
                metric(after, "platform_bot_requests_total", surface="slash")
                == metric(before, "platform_bot_requests_total", surface="slash") + 2
            )
            assert metric(after, "platform_bot_answers_total", surface="slash", intent="fact") == 1
            assert metric(after, "platform_bot_answers_total", surface="slash", intent="unknown") == 1
            assert metric(after, "platform_bot_unknown_questions_total", surface="slash") == 1
            assert metric(after, "platform_bot_answer_latency_seconds_count", surface="slash") == 2
            assert 0 < metric(after, "platform_bot_answer_latency_seconds_sum", surface="slash") < 3

        await eventually(moved)


@scenario
async def test_every_surface_and_feedback_is_counted(engine: Engine) -> None:
    """Mentions, DMs, the Home tab and button clicks count as their own surface; 👎 counts as feedback down."""
    async with world(engine) as w:
        asked = w.slack.post_user_message(CHANNEL, "<@UBOT0001> does fargate support GPUs?")
        await w.bot.event(mention_event(asked))
        [answer] = [c.args for c in await w.slack.wait_for("chat.postMessage")]
        await w.bot.event(dm_event("which platforms support revisions?"))
        await w.slack.wait_for("chat.postMessage", 2)
        await w.bot.event(home_opened_event())
        await w.slack.wait_for("views.publish")
        posted = w.slack.posted()[0]
        await w.bot.action(block_action("feedback_down", button_value(answer["blocks"], "feedback_down"), message=posted))
        await w.slack.wait_for("chat.postEphemeral")

        async def counted() -> None:
            text = await metrics_of(w.bot)
            for surface in ("mention", "dm", "home", "action"):
                assert metric(text, "platform_bot_requests_total", surface=surface) == 1, surface
            assert metric(text, "platform_bot_answers_total", surface="mention", intent="fact") == 1
            assert metric(text, "platform_bot_answers_total", surface="dm", intent="which") == 1
            assert metric(text, "platform_bot_feedback_total", vote="down") == 1
            assert metric(text, "platform_bot_feedback_total", vote="up") == 0
            assert metric(text, "platform_bot_in_flight") == 0

        await eventually(counted)


@scenario
async def test_slack_api_errors_and_retries_are_counted_by_method(engine: Engine) -> None:
    """A 429 and a 502 from views.publish are each counted as an error, and the two retries by their reason."""
    async with world(engine) as w:
        w.slack.fail_next("views.publish", Failure(429, {"Retry-After": "0"}), Failure(502))
        await w.bot.event(home_opened_event())
        await w.slack.wait_for("views.publish", 3)

        async def counted() -> None:
            text = await metrics_of(w.bot)
            assert metric(text, "platform_bot_slack_api_errors_total", method="views.publish", error="fake_failure") == 2
            assert metric(text, "platform_bot_slack_api_retries_total", method="views.publish", reason="rate_limited") == 1
            assert metric(text, "platform_bot_slack_api_retries_total", method="views.publish", reason="server_error") == 1
            assert metric(text, "platform_bot_slack_api_errors_total", method="auth.test", error="fake_failure") == 0

        await eventually(counted)


@scenario
async def test_each_replica_counts_on_its_own_registry(engine: Engine) -> None:
    """Two app instances in one process keep separate metrics: a question to one does not move the other's."""
    async with world(engine, instances=2) as w:
        first, second = w.bots
        await first.command(slash_command("does ACI support GPUs?", w.slack.response_url(CHANNEL)))
        await eventually(lambda: _requests_are(first, 1))
        assert metric(await metrics_of(second), "platform_bot_requests_total", surface="slash") == 0


async def _requests_are(bot: Bot, count: int) -> None:
    assert metric(await metrics_of(bot), "platform_bot_requests_total", surface="slash") == count


@scenario
async def test_answers_are_logged_as_answer_events_with_ids_and_latency(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    """Each answer is one structured record (bot.events.answer_event): surface, intent, knowledge version, ids and latency."""
    caplog.set_level(logging.INFO, logger="bot.slack.answers")
    async with world(engine) as w:
        await w.bot.command(slash_command("does heroku support gpus?", w.slack.response_url(CHANNEL)))
        await eventually(lambda: _has_records(caplog, "bot.slack.answers"))
    [record] = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "bot.slack.answers"]
    assert record["event"] == "answer" and record["surface"] == "slash" and record["intent"] == "unknown"
    assert record["question"] == "does heroku support gpus?" and record["knowledge_version"] == engine.kb.version
    assert record["team"] == TEAM and record["channel"] == CHANNEL and record["user"] == "U0ALICE01"
    assert 0 < record["latency_ms"] < 3000


async def _has_records(caplog: pytest.LogCaptureFixture, logger: str) -> None:
    assert any(r.name == logger for r in caplog.records)


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ({"command": "/platform"}, "slash"),
        ({"type": "block_actions"}, "action"),
        ({"type": "event_callback", "event": {"type": "app_mention"}}, "mention"),
        ({"type": "event_callback", "event": {"type": "message", "channel_type": "im"}}, "dm"),
        ({"type": "event_callback", "event": {"type": "message", "channel_type": "im", "subtype": "message_changed"}}, "other"),
        ({"type": "event_callback", "event": {"type": "message", "channel_type": "channel"}}, "channel"),
        ({"type": "event_callback", "event": {"type": "message", "channel_type": "group"}}, "channel"),
        ({"type": "event_callback", "event": {"type": "message", "channel_type": "channel", "bot_id": "B0OTHER"}}, "other"),
        ({"type": "event_callback", "event": {"type": "message", "channel_type": "mpim"}}, "other"),
        ({"type": "event_callback", "event": {"type": "app_home_opened"}}, "home"),
        ({"type": "url_verification"}, "other"),
        ("not a dict", "other"),
    ],
)
def test_surface_of_a_request(body: object, surface: str) -> None:
    """Requests are classified by the surface they come from: a person's channel message is 'channel' (help channels);
    edits, bots' messages and anything else are 'other'."""
    assert surface_of(body) == surface


# -- ALLOWED_TEAM_IDS ---------------------------------------------------------------------------


@scenario
async def test_requests_from_a_workspace_not_allowed_are_refused_and_counted(engine: Engine) -> None:
    """With ALLOWED_TEAM_IDS set to another workspace: a command and a click get 403, an event 200 and no answer; all counted."""
    async with world(engine, allowed_teams=[OTHER_TEAM]) as w:
        status, body = await w.bot.command(slash_command("does ACI support GPUs?", w.slack.response_url(CHANNEL)))
        assert status == 403 and "not allowed" in body
        status, _ = await w.bot.action(
            block_action("ask_suggestion:0", "does ACI support GPUs?", response_url=w.slack.response_url(CHANNEL))
        )
        assert status == 403
        status, _ = await w.bot.event(dm_event("does ACI support GPUs?"))
        assert status == 200
        await asyncio.sleep(0.2)
        assert not w.slack.called("chat.postMessage") and not w.slack.responses
        text = await metrics_of(w.bot)
        assert metric(text, "platform_bot_requests_refused_total", reason="team") == 3
        assert sum(metric(text, "platform_bot_requests_total", surface=s) for s in ("slash", "action", "dm")) == 0


@scenario
async def test_requests_from_an_allowed_workspace_are_answered(engine: Engine) -> None:
    """A workspace listed in ALLOWED_TEAM_IDS (next to others) is served as usual."""
    async with world(engine, allowed_teams=[OTHER_TEAM, TEAM]) as w:
        status, body = await w.bot.command(slash_command("does ACI support GPUs?", w.slack.response_url(CHANNEL)))
        assert status == 200 and json.loads(body)["response_type"] == "ephemeral"


# -- Socket Mode ---------------------------------------------------------------------------------


@dataclass
class SocketBot:
    slack: FakeSlack
    service: Service
    probes: Bot


@asynccontextmanager
async def socket_service(engine: Engine, **options: Any) -> AsyncIterator[SocketBot]:
    """``platform-bot socket`` in-process: the Socket Mode connection to a fake Slack and the probes on a port of their own."""
    slack = await FakeSlack().start()
    service = build_service(engine, token=TOKEN, base_url=slack.api_url, socket_mode=True, retry_interval=FAST_RETRY, **options)
    link = SocketLink()
    service.lifecycle.require(link.problem)
    stop = asyncio.Event()
    try:
        async with listening(service.web_app(), host="127.0.0.1", port=0) as port:
            probes = Bot(f"http://127.0.0.1:{port}", service=service)
            status, _ = await probes.get("/readyz")
            assert status == 503, "ready before the socket is connected"
            task = asyncio.create_task(
                run_socket_mode(service.app, APP_TOKEN, stop=stop, handle_signals=False, lifecycle=service.lifecycle, link=link)
            )
            try:
                await asyncio.wait_for(slack.socket_connected.wait(), 5)
                yield SocketBot(slack, service, probes)
            finally:
                stop.set()
                await task
    finally:
        await slack.close()


@scenario
async def test_socket_mode_serves_the_same_three_endpoints(engine: Engine) -> None:
    """In Socket Mode /healthz, /readyz (once connected) and /metrics answer on the port, and an envelope moves the metrics."""
    async with socket_service(engine) as bot:
        await eventually(lambda: _status_is(bot.probes, "/readyz", 200))
        status, body = await bot.probes.get("/healthz")
        assert status == 200 and json.loads(body)["knowledge_version"] == engine.kb.version
        await bot.slack.send_envelope(
            envelope("slash_commands", slash_command("does ACI support GPUs?", bot.slack.response_url(CHANNEL)), "e1")
        )
        await bot.slack.wait_for_acks(1)

        async def counted() -> None:
            text = await metrics_of(bot.probes)
            assert metric(text, "platform_bot_requests_total", surface="slash") == 1
            assert metric(text, "platform_bot_answers_total", surface="slash", intent="fact") == 1

        await eventually(counted)


@scenario
async def test_socket_mode_is_not_ready_while_the_socket_is_down(engine: Engine) -> None:
    """When Slack's WebSocket goes away (and cannot be reopened), /readyz turns 503 naming the socket; /healthz stays 200."""
    async with socket_service(engine) as bot:
        await eventually(lambda: _status_is(bot.probes, "/readyz", 200))
        await bot.slack.close()  # Slack unreachable: the socket closes and reconnecting fails
        await eventually(lambda: _status_is(bot.probes, "/readyz", 503))
        status, body = await bot.probes.get("/readyz")
        assert json.loads(body)["problems"] == ["not connected to Slack (Socket Mode)"]
        assert (await bot.probes.get("/healthz"))[0] == 200


@scenario
async def test_socket_mode_ignores_a_workspace_not_allowed(engine: Engine) -> None:
    """Over Socket Mode an envelope from a workspace outside ALLOWED_TEAM_IDS is acknowledged (no redelivery) and not answered."""
    async with socket_service(engine, allowed_teams=[OTHER_TEAM]) as bot:
        await bot.slack.send_envelope(
            envelope("slash_commands", slash_command("does ACI support GPUs?", bot.slack.response_url(CHANNEL)), "e2")
        )
        [ack] = await bot.slack.wait_for_acks(1)
        assert ack["envelope_id"] == "e2" and not ack.get("payload")
        text = await metrics_of(bot.probes)
        assert metric(text, "platform_bot_requests_refused_total", reason="team") == 1


async def _status_is(bot: Bot, path: str, expected: int) -> None:
    assert (await bot.get(path))[0] == expected
