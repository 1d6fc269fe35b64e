"""Starting while Slack misbehaves: a clear line instead of a traceback, and ``serve`` waits for Slack instead of exiting.

Only a token Slack refuses (``invalid_auth`` and the like) stops the start, with exit code 2; a
Slack that is briefly unreachable or answers garbage is retried with backoff while ``/healthz``
answers and ``/readyz`` says 503.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.slack.app import web_client
from bot.slack.run import BOT_TOKEN, preflight
from tests.faults.common import text_plain, truncated
from tests.slack.fake_slack import BAD_TOKEN, Failure, FakeSlack
from tests.slack.harness import FAST_RETRY, SECRET, TOKEN, Bot, scenario
from tests.slack.process import BotProcess

STARTUP_FAULTS = {
    "connection reset": Failure(reset=True),
    "connection dropped": Failure(drop=True),
    "503 text/plain": text_plain(503),
    "200 text/plain": text_plain(200, "ok"),
    "truncated JSON": truncated(),
    "502 HTML": Failure(502, body="<html><body>Bad Gateway</body></html>", content_type="text/html"),
}


@pytest.mark.parametrize("failure", STARTUP_FAULTS.values(), ids=STARTUP_FAULTS.keys())
@scenario
async def test_an_unreadable_auth_test_ends_the_check_with_a_clear_line(capsys: pytest.CaptureFixture[str], failure: Failure) -> None:
    """The start-up check meets a reset, a proxy's text or cut-short JSON: it says Slack could not be reached, in one line,
    and reports it as unavailable (1), not as a refused token and never as a traceback."""
    slack = await FakeSlack().start()
    try:
        slack.fail_always("auth.test", failure)
        assert await preflight(web_client(TOKEN, base_url=slack.api_url, retry_interval=FAST_RETRY), BOT_TOKEN) == 1
    finally:
        await slack.close()
    err = capsys.readouterr().err
    assert err.startswith("platform-bot: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert "SLACK_BOT_TOKEN" not in err or "refused" not in err


def serve_env(slack: FakeSlack, token: str = TOKEN) -> dict[str, str]:
    return {"SLACK_BOT_TOKEN": token, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack.api_url, "PORT": "0", "HOST": "127.0.0.1"}


@scenario
async def test_serve_waits_for_an_unreachable_slack_with_healthz_up_and_readyz_503() -> None:
    """auth.test keeps failing at start-up: serve stays up, /healthz answers 200, /readyz 503 with the reason, auth.test is
    tried again with backoff; when Slack recovers the bot becomes ready. No traceback anywhere."""
    slack = await FakeSlack().start()
    slack.fail_always("auth.test", text_plain(503))
    process = await BotProcess.start("serve", env=serve_env(slack))
    try:
        bot = Bot(f"http://127.0.0.1:{await process.port()}")
        await slack.wait_for("auth.test", 2, timeout=10)
        assert (await bot.get("/healthz"))[0] == 200
        status, body = await bot.get("/readyz")
        assert status == 503 and "slack" in body.lower()
        tries = slack.called("auth.test")
        assert tries[-1].at - tries[-2].at >= 0.2  # not a tight loop
        slack.recover()
        for _ in range(400):
            if (await bot.get("/readyz"))[0] == 200:
                break
            await asyncio.sleep(0.025)
        assert (await bot.get("/readyz"))[0] == 200
    finally:
        code = await process.stop()
        await slack.close()
    assert code == 0, process.output
    assert "Traceback" not in process.output


@scenario
async def test_serve_still_exits_2_for_a_token_slack_refuses() -> None:
    """A refused token is not a passing fault: serve ends at once with code 2 and says where to get a valid one."""
    slack = await FakeSlack().start()
    process = await BotProcess.start("serve", env=serve_env(slack, BAD_TOKEN))
    try:
        code = await process.exit_code(timeout=15)
    finally:
        await slack.close()
    assert code == 2
    assert "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in process.output and "Traceback" not in process.output
