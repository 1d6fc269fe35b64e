"""The real ``platform-bot serve`` as a process: SIGTERM drains and exits 0, SIGHUP reloads the knowledge, and its
stdout is JSON lines that ``platform-bot gaps`` reads."""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.gaps import build_report
from bot.knowledge import load_knowledge
from tests.conftest import KNOWLEDGE
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import CHANNEL, SECRET, TOKEN, Bot, block_action, button_value, dm_event, scenario, slash_command
from tests.slack.process import BotProcess
from tests.slack.test_live import FARGATE_GPU_NOTE, NEW_NOTE, break_platforms, reword_a_note
from tests.slack.test_observability import metric


def serve_env(slack: FakeSlack, **extra: str) -> dict[str, str]:
    """``platform-bot serve`` against the fake Slack on a free loopback port; nothing from the developer's shell leaks in."""
    return {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.api_url,
        "SLACK_APP_TOKEN": "",
        "PORT": "0",
        "HOST": "127.0.0.1",
        "LOG_LEVEL": "INFO",
        "ALLOWED_TEAM_IDS": "",
        "DRAIN_SECONDS": "",
        "PLATFORM_BOT_KNOWLEDGE": "",
        "PLATFORM_TEAM": "",
        "PLATFORM_TEAM_CHANNEL": "",
        "ANSWER_CHANNELS": "",
        **extra,
    }


async def until(check: Callable[[], Awaitable[bool]], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def ready_status(bot: Bot) -> tuple[int, dict[str, Any]]:
    status, body = await bot.get("/readyz")
    return status, json.loads(body)


@scenario
async def test_sigterm_during_a_request_still_answers_it_refuses_new_work_and_exits_0() -> None:
    """On SIGTERM readiness turns 503 at once and a new Slack request gets 503, while the answer already being prepared is
    still posted; then the process exits 0, having logged the drain."""
    slack = await FakeSlack().start()
    process = await BotProcess.start("serve", env=serve_env(slack))
    try:
        bot = Bot(f"http://127.0.0.1:{await process.port()}")
        slack.delays["conversations.history"] = 1.0
        assert (await bot.event(dm_event("which platforms support GPUs?", channel="D0INFLIGHT")))[0] == 200
        await slack.wait_for("conversations.history")  # the answer is being prepared
        sent = time.monotonic()
        process.signal(signal.SIGTERM)
        await until(lambda: _ready_is(bot, 503))
        not_ready_after = time.monotonic() - sent
        status, body = await ready_status(bot)
        assert body["problems"] == ["stopping"]
        assert (await bot.get("/healthz"))[0] == 200, "liveness holds while draining"
        assert (await bot.event(dm_event("are you still there?", channel="D0TOOLATE")))[0] == 503
        code = await process.exit_code()
        stopped_after = time.monotonic() - sent
    finally:
        await process.stop()
        await slack.close()
    assert code == 0, process.output
    assert "D0INFLIGHT" in slack.messages, "the answer in flight at SIGTERM was dropped"
    assert "D0TOOLATE" not in slack.messages
    [drained] = [r for r in process.records() if r.get("event") == "drained"]
    assert drained["unfinished"] == 0 and drained["seconds"] < 3
    assert not_ready_after < 0.5 and stopped_after < 3, (not_ready_after, stopped_after)


async def _ready_is(bot: Bot, expected: int) -> bool:
    return (await bot.get("/readyz"))[0] == expected


@scenario
async def test_the_drain_is_bounded_and_still_exits_0() -> None:
    """Work that outlasts DRAIN_SECONDS does not hold the stop: the process exits 0 soon after, logging what it left unfinished."""
    slack = await FakeSlack().start()
    process = await BotProcess.start("serve", env=serve_env(slack, DRAIN_SECONDS="0.3"))
    try:
        bot = Bot(f"http://127.0.0.1:{await process.port()}")
        slack.delays["conversations.history"] = 2.0  # far longer than the drain allows
        assert (await bot.event(dm_event("which platforms support GPUs?", channel="D0SLOWPOKE")))[0] == 200
        await slack.wait_for("conversations.history")
        sent = time.monotonic()
        code = await process.stop()
        stopped_after = time.monotonic() - sent
    finally:
        await process.stop()
        await slack.close()
    assert code == 0, process.output
    assert stopped_after < 1.5, stopped_after
    [drained] = [r for r in process.records() if r.get("event") == "drained"]
    assert drained["unfinished"] == 1 and drained["level"] == "warning"


@scenario
async def test_sighup_reloads_the_knowledge_and_a_broken_one_changes_nothing(kb_copy: Path) -> None:
    """SIGHUP with a broken knowledge directory logs its problems and counts a rejected reload, and answers, /readyz and the
    version stay as they were; SIGHUP after fixing it swaps the new knowledge in: new version everywhere, new answers."""
    slack = await FakeSlack().start()
    process = await BotProcess.start("serve", env=serve_env(slack, PLATFORM_BOT_KNOWLEDGE=str(kb_copy)))

    def question() -> dict[str, str]:  # a new command each time, as Slack sends (the same signed bytes twice would be a replay)
        return slash_command("does EKS on Fargate support GPUs?", slack.response_url(CHANNEL))

    try:
        bot = Bot(f"http://127.0.0.1:{await process.port()}")
        first = load_knowledge(kb_copy).version
        status, before = await bot.command(question())
        assert status == 200 and FARGATE_GPU_NOTE in before and f"Knowledge version `{first}`" in before

        break_platforms(kb_copy)
        process.signal(signal.SIGHUP)
        rejected = await process.wait_for(lambda r: r.get("event") == "knowledge_reload")
        assert rejected["result"] == "invalid" and rejected["level"] == "error" and rejected["knowledge_version"] == first
        assert any("platforms.yaml" in p for p in rejected["problems"])
        assert (await bot.command(question()))[1] == before, "a rejected reload changed the answer"
        status, ready = await ready_status(bot)
        assert status == 200 and ready["knowledge_version"] == first and ready["knowledge_reload"]["result"] == "invalid"
        text = (await bot.get("/metrics"))[1]
        assert metric(text, "platform_bot_knowledge_reloads_total", result="invalid") == 1
        assert metric(text, "platform_bot_knowledge_info", version=first) == 1

        shutil.copy2(KNOWLEDGE / "platforms.yaml", kb_copy / "platforms.yaml")
        reword_a_note(kb_copy)
        second = load_knowledge(kb_copy).version
        process.signal(signal.SIGHUP)
        swapped = await process.wait_for(lambda r: r.get("event") == "knowledge_reload" and r["result"] != "invalid")
        assert swapped["result"] == "ok" and swapped["knowledge_version"] == second != first and swapped["previous_version"] == first
        status, after = await bot.command(question())
        assert NEW_NOTE in after and FARGATE_GPU_NOTE not in after and f"Knowledge version `{second}`" in after
        assert (await ready_status(bot))[1] == {"status": "ready", "knowledge_version": second, "problems": []}
        text = (await bot.get("/metrics"))[1]
        assert metric(text, "platform_bot_knowledge_reloads_total", result="ok") == 1
        assert metric(text, "platform_bot_knowledge_info", version=second) == 1
        answers = [r for r in process.records() if r.get("event") == "answer"]
        assert [a["knowledge_version"] for a in answers] == [first, first, second]
    finally:
        code = await process.stop()
        await slack.close()
    assert code == 0, process.output
    # the reload's duration is logged (how long a load and build take is measured in bench/engine.py, not asserted)
    assert isinstance(swapped["seconds"], float) and swapped["seconds"] > 0


@scenario
async def test_the_log_is_json_lines_without_secrets_that_platform_bot_gaps_reads(tmp_path: Path) -> None:
    """Every stdout line of a real server (at DEBUG, libraries included) is a JSON object with time, level, logger and
    message, none shows a token or the signing secret, and `platform-bot gaps` finds the unknown question, the 👎 and
    the hand-off (PLATFORM_TEAM set in the environment) in it."""
    slack = await FakeSlack().start()
    env = serve_env(slack, LOG_LEVEL="DEBUG", PLATFORM_TEAM="S0PLATFORM", PLATFORM_TEAM_CHANNEL="C0PLATFORM")
    process = await BotProcess.start("serve", env=env)
    try:
        bot = Bot(f"http://127.0.0.1:{await process.port()}")
        status, body = await bot.command(slash_command("does heroku support gpus?", slack.response_url(CHANNEL)))
        assert status == 200
        await bot.event(dm_event("which platforms support revisions?"))
        [call] = await slack.wait_for("chat.postMessage")
        answer = slack.posted()[0]
        await bot.action(block_action("feedback_down", button_value(call.args["blocks"], "feedback_down"), message=answer))
        await slack.wait_for("chat.postEphemeral")
        handoff = button_value(json.loads(body)["blocks"], "ask_platform_team")
        await bot.action(block_action("ask_platform_team", handoff, response_url=slack.response_url(CHANNEL), ephemeral=True))
        [_, posted] = await slack.wait_for("chat.postMessage", 2)
        assert posted.args["channel"] == "C0PLATFORM" and posted.args["text"].startswith("<!subteam^S0PLATFORM>")
        await process.wait_for(lambda r: r.get("event") == "handoff")
    finally:
        code = await process.stop()
        await slack.close()
    assert code == 0, process.output
    log = tmp_path / "platform-bot.log"
    log.write_text("".join(process.stdout), encoding="utf-8")
    records = process.records()
    assert len(records) > 10 and all({"time", "level", "logger", "message"} <= r.keys() for r in records)
    assert {r["level"] for r in records} >= {"debug", "info"}
    for secret in (TOKEN, "testtoken", SECRET):
        assert secret not in process.output
    report = build_report([log])
    assert report.lines_skipped == 0
    gaps = {(kind, q) for g in report.by_topic for kind in g.kinds for q in g.questions}
    assert ("unknown", "does heroku support gpus?") in gaps
    assert ("thumbs-down", "which platforms support revisions?") in gaps
    assert ("handoff", "does heroku support gpus?") in gaps
