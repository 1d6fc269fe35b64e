"""Starting the app: environment checks, refusing bad configuration, logs without tokens, and the real commands."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.logs import JsonFormatter
from bot.slack.app import web_client
from bot.slack.run import BOT_TOKEN as BOT_TOKEN_VAR
from bot.slack.run import Redactor, Settings, preflight, redact, serve
from tests.slack.fake_slack import BAD_TOKEN, FakeSlack
from tests.slack.harness import DM, SECRET, TOKEN, Bot, dm_event, scenario
from tests.slack.process import BotProcess
from tests.slack.test_socket_mode import APP_TOKEN, envelope

SLACK_VARS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "PORT",
    "METRICS_PORT",
    "ALLOWED_TEAM_IDS",
    "DRAIN_SECONDS",
    "PLATFORM_TEAM",
    "PLATFORM_TEAM_CHANNEL",
    "ANSWER_CHANNELS",
)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in SLACK_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_serve_without_its_variables_exits_2_naming_each_and_where_to_get_it(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """platform-bot serve with no Slack variables ends at once with code 2, naming both variables and where they come from."""
    assert serve(None) == 2
    err = capsys.readouterr().err
    assert "SLACK_BOT_TOKEN is not set" in err and "OAuth & Permissions" in err
    assert "SLACK_SIGNING_SECRET is not set" in err and "Signing Secret" in err


def test_socket_without_its_variables_exits_2_naming_each(clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """platform-bot socket needs SLACK_APP_TOKEN and SLACK_BOT_TOKEN, and says where to get the app-level token."""
    clean_env.setenv("SLACK_BOT_TOKEN", TOKEN)
    assert main(["socket"]) == 2
    err = capsys.readouterr().err
    assert "SLACK_APP_TOKEN is not set" in err and "App-Level Tokens" in err and "connections:write" in err
    assert "SLACK_BOT_TOKEN" not in err and TOKEN not in err


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-user-token-not-a-bot-token", "should start with xoxb-"),
        ("PORT", "http", "PORT must be a TCP port number"),
        ("PORT", "70000", "PORT must be a TCP port number"),
        ("SLACK_API_URL", "slack.com/api", "SLACK_API_URL must be an http(s) URL"),
        ("ALLOWED_TEAM_IDS", "T0TEAM001, acme", "ALLOWED_TEAM_IDS must be comma-separated Slack workspace ids (T…)"),
        ("DRAIN_SECONDS", "soon", "DRAIN_SECONDS must be a number of seconds"),
        ("DRAIN_SECONDS", "-1", "DRAIN_SECONDS must be a number of seconds"),
        ("PLATFORM_TEAM", "@platform-team", "PLATFORM_TEAM must be a Slack user group id (S…) or a user id (U… or W…)"),
        ("PLATFORM_TEAM", "<!subteam^S0PLATFORM>", "PLATFORM_TEAM must be a Slack user group id"),
        ("PLATFORM_TEAM_CHANNEL", "C0PLATFORM", "PLATFORM_TEAM_CHANNEL is set but PLATFORM_TEAM is not"),
        ("PLATFORM_TEAM_CHANNEL", "#platform", "PLATFORM_TEAM_CHANNEL must be a Slack channel id (C… or G…)"),
        ("ANSWER_CHANNELS", "C0HELP0001,#ask-platform", "ANSWER_CHANNELS must be comma-separated Slack channel ids"),
        ("METRICS_PORT", "prometheus", "METRICS_PORT must be a TCP port number"),
        ("METRICS_PORT", "3000", "METRICS_PORT must differ from PORT"),
    ],
)
def test_malformed_variables_exit_2_without_echoing_secrets(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, value: str, message: str
) -> None:
    """A malformed variable ends serve with code 2 and says what is wrong; a token's value is never printed."""
    clean_env.setenv("SLACK_BOT_TOKEN", TOKEN)
    clean_env.setenv("SLACK_SIGNING_SECRET", SECRET)
    clean_env.setenv(name, value)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "xoxp-user-token" not in err and SECRET not in err


def test_an_invalid_knowledge_base_stops_serve_before_it_starts(
    clean_env: pytest.MonkeyPatch, kb_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """serve refuses to start on an invalid knowledge base: exit 1 with the loader's problems, nothing bound."""
    clean_env.setenv("SLACK_BOT_TOKEN", TOKEN)
    clean_env.setenv("SLACK_SIGNING_SECRET", SECRET)
    clean_env.setenv("SLACK_API_URL", "http://127.0.0.1:9/api/")  # never the real Slack, even if it got that far
    (kb_copy / "platforms.yaml").write_text("platforms: [", encoding="utf-8")
    assert main(["--knowledge", str(kb_copy), "serve"]) == 1
    assert "knowledge base is invalid" in capsys.readouterr().err


@scenario
async def test_a_refused_bot_token_stops_the_start_with_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Before serving, auth.test checks the bot token; one Slack refuses ends the start with code 2 and where to get a good one."""
    slack = await FakeSlack().start()
    try:
        assert await preflight(web_client(BAD_TOKEN, base_url=slack.api_url), BOT_TOKEN_VAR) == 2
        assert await preflight(web_client(TOKEN, base_url=slack.api_url), BOT_TOKEN_VAR) == 0
    finally:
        await slack.close()
    err = capsys.readouterr().err
    assert "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in err and BAD_TOKEN not in err


def test_log_lines_never_show_a_token() -> None:
    """The log formatter removes anything shaped like a Slack token, in messages and in tracebacks."""
    formatter = JsonFormatter(Redactor())
    try:
        raise RuntimeError(f"failed with {TOKEN}")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "token %s and %s", (TOKEN, APP_TOKEN), sys.exc_info())
    line = formatter.format(record)
    assert "testtoken" not in line and "apptoken" not in line
    assert "xoxb-[redacted]" in line and "xapp-[redacted]" in line
    assert redact("no secrets here") == "no secrets here"


def test_the_log_scrubber_removes_the_signing_secret_and_response_urls() -> None:
    """Besides token shapes, the scrubber removes the exact secret values it is given and Slack's response URLs (bearer URLs)."""
    scrub = Redactor([SECRET, TOKEN, "short"])
    line = scrub(f"secret={SECRET} token={TOKEN} url=https://hooks.slack.com/commands/T0/123/abcSECRETpart short")
    assert SECRET not in line and "testtoken" not in line and "abcSECRETpart" not in line
    assert "https://hooks.slack.com/[redacted]" in line and line.endswith(" short")  # values too short to be secrets stay


def test_settings_read_allowed_team_ids_and_the_drain_bound() -> None:
    """ALLOWED_TEAM_IDS is a comma-separated set of workspace or organization ids (empty: any); DRAIN_SECONDS defaults to 8."""
    settings = Settings.of({"ALLOWED_TEAM_IDS": " T0TEAM001, E0ORG0001 ,", "DRAIN_SECONDS": "2.5"})
    assert settings.allowed_teams == {"T0TEAM001", "E0ORG0001"} and settings.drain_seconds == 2.5
    assert settings.port == 3000 and settings.host == "0.0.0.0"
    assert Settings.of({}).allowed_teams == frozenset() and Settings.of({}).drain_seconds == 8.0


def test_settings_read_the_platform_team_and_the_help_channels() -> None:
    """PLATFORM_TEAM (with PLATFORM_TEAM_CHANNEL) and ANSWER_CHANNELS are read with the rest; unset, neither is there."""
    settings = Settings.of({"PLATFORM_TEAM": "S0PLATFORM", "PLATFORM_TEAM_CHANNEL": "C0PLATFORM", "ANSWER_CHANNELS": "C0HELP0001"})
    assert settings.platform_team is not None and settings.platform_team.mention == "<!subteam^S0PLATFORM>"
    assert settings.platform_team.channel == "C0PLATFORM" and settings.answer_channels == {"C0HELP0001"}
    assert Settings.of({}).platform_team is None and Settings.of({}).answer_channels == frozenset()


def test_settings_read_metrics_port_apart_from_port() -> None:
    """METRICS_PORT moves /metrics to a port of its own; unset, /metrics stays on PORT."""
    assert Settings.of({"METRICS_PORT": "9090"}).metrics_port == 9090
    assert Settings.of({"PORT": "8080", "METRICS_PORT": "3000"}).metrics_port == 3000
    assert Settings.of({}).metrics_port is None


# -- the real commands, as processes ---------------------------------------------------------------


@scenario
async def test_platform_bot_serve_answers_over_http_and_stops_cleanly_on_sigterm() -> None:
    """platform-bot serve listens on $PORT, serves /healthz and /slack/events against SLACK_API_URL, finishes in-flight answers and
    exits 0 on SIGTERM, and logs no secret."""
    slack = await FakeSlack().start()
    env = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.api_url,
        "PORT": "0",
        "HOST": "127.0.0.1",
        "LOG_LEVEL": "DEBUG",
        "SLACK_APP_TOKEN": "",
    }
    bot_process = await BotProcess.start("serve", env=env)
    try:
        bot = Bot(f"http://127.0.0.1:{await bot_process.port()}")
        status, body = await bot.get("/healthz")
        assert status == 200 and json.loads(body)["status"] == "ok"
        assert (await bot.event(dm_event("does aci support gpus?")))[0] == 200
        [call] = await slack.wait_for("chat.postMessage")
        assert call.args["channel"] == DM and call.token == TOKEN
        slack.delays["conversations.history"] = 0.5
        assert (await bot.event(dm_event("which platforms support GPUs?", channel="D0LASTWORD")))[0] == 200
        await slack.wait_for("conversations.history", 2)  # the answer is being prepared when SIGTERM comes
    finally:
        code = await bot_process.stop()
        await slack.close()
    assert "D0LASTWORD" in slack.messages, "an answer in flight at SIGTERM was dropped"
    output = bot_process.output
    assert code == 0, output
    assert TOKEN not in output and "testtoken" not in output and SECRET not in output


@scenario
async def test_metrics_port_serves_metrics_apart_from_the_public_port() -> None:
    """With METRICS_PORT, /metrics answers there and no longer on $PORT, where Slack's endpoint and the probes stay."""
    slack = await FakeSlack().start()
    env = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack.api_url, "PORT": "0", "METRICS_PORT": "0"}
    bot_process = await BotProcess.start("serve", env={**env, "HOST": "127.0.0.1"})
    try:
        public = Bot(f"http://127.0.0.1:{await bot_process.port()}")
        found = await bot_process.wait_for(lambda r: str(r.get("message", "")).endswith("for /metrics"))
        private = Bot(str(found["message"]).split()[2])
        assert (await public.get("/healthz"))[0] == 200
        assert (await public.get("/metrics"))[0] == 404
        status, text = await private.get("/metrics")
        assert status == 200 and "platform_bot_requests_total" in text
        assert (await private.get("/healthz"))[0] == 404
    finally:
        await bot_process.stop()
        await slack.close()


@scenario
async def test_platform_bot_socket_answers_over_the_websocket_and_stops_cleanly() -> None:
    """platform-bot socket connects with SLACK_APP_TOKEN, answers an envelope, exits 0 on SIGTERM and logs no token."""
    slack = await FakeSlack().start()
    env = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": slack.api_url,
        "LOG_LEVEL": "DEBUG",
        "PORT": "0",
        "HOST": "127.0.0.1",
    }
    bot_process = await BotProcess.start("socket", env=env)
    try:
        await bot_process.wait_for(lambda r: r["message"] == "connected to Slack in Socket Mode")
        await slack.send_envelope(envelope("events_api", dm_event("which platforms support GPUs?"), "env-sub-1"))
        [call] = await slack.wait_for("chat.postMessage")
        assert call.args["metadata"]["event_payload"]["intent"] == "which"
        await slack.wait_for_acks(1)
    finally:
        code = await bot_process.stop()
        await slack.close()
    output = bot_process.output
    assert code == 0, output
    assert "testtoken" not in output and "apptoken" not in output


def test_the_cli_help_lists_both_slack_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """platform-bot --help offers serve and socket next to ask and kb."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "serve" in out and "socket" in out
