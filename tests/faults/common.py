"""What the fault tests share: proxy-shaped failures, questions asked the way Slack delivers them, and what Slack ended up showing."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import re
import time
from typing import Any

import pytest

from tests.slack.fake_slack import BOT_USER, Failure
from tests.slack.harness import CHANNEL, World, dm_event, mention_event

POST = "chat.postMessage"
EPHEMERAL = "chat.postEphemeral"
RESPONSE_URL = "response_url"
SETTLE = "D0SETTLE02"
COULD_NOT_POST = "couldn't post the answer"
UNCONFIRMED = "didn't confirm"


def text_plain(status: int, text: str = "upstream connect error or disconnect/reset before headers") -> Failure:
    """What Envoy, a load balancer or a corporate proxy answers instead of Slack: a short text/plain page."""
    return Failure(status, body=text, content_type="text/plain")


def html_page(status: int) -> Failure:
    return Failure(
        status,
        body=f"<html><head><title>{status} Bad Gateway</title></head><body><h1>{status}</h1></body></html>",
        content_type="text/html",
    )


def truncated(status: int = 200, *, deliver: bool = False) -> Failure:
    """Slack's JSON, cut short (the connection closed mid-body)."""
    return Failure(status, truncate=True, deliver=deliver)


def http_date(seconds_from_now: float) -> str:
    """An HTTP date (RFC 9110 IMF-fixdate), as a Retry-After header may carry one."""
    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


async def ask(w: World, question: str = "can fargate scale to zero?", *, channel: str = CHANNEL) -> dict[str, Any]:
    """A mention in ``channel``: the person's message is in Slack, then the event reaches the bot."""
    asked = w.slack.post_user_message(channel, f"<@{BOT_USER}> {question}")
    status, _ = await w.bot.event(mention_event(asked, channel=channel))
    assert status == 200
    return asked


def answers_to(w: World, asked_ts: str) -> list[dict[str, Any]]:
    """The bot's messages in Slack that answer the message ``asked_ts``."""
    return [m for m in w.slack.posted() if m.get("metadata", {}).get("event_payload", {}).get("reply_to") == asked_ts]


def notices(w: World, words: str) -> list[str]:
    """Every text the bot showed a person (posts, ephemeral messages, response_url posts) that contains ``words``."""
    texts = [str(m.get("text", "")) for m in w.slack.posted()]
    texts += [str(e.get("text", "")) for e in w.slack.ephemerals]
    texts += [str(r.body.get("text", "")) for r in w.slack.responses]
    return [t for t in texts if words in t]


async def still_serving(w: World) -> None:
    """The process is up and answers the next question (which also lets any stray duplicate arrive first)."""
    assert (await w.bot.get("/healthz"))[0] == 200
    before = len(w.slack.messages.get(SETTLE, []))
    await w.bot.event(dm_event("help", channel=SETTLE))
    await w.slack.wait_until(lambda: len(w.slack.messages.get(SETTLE, [])) > before)
    await asyncio.sleep(0.05)


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info]


METRIC_LINE = re.compile(r"^(?P<name>[a-z_]+)(?:\{(?P<labels>[^}]*)\})? (?P<value>\S+)$", re.MULTILINE)
LABEL = re.compile(r'(\w+)="([^"]*)"')


async def metric(w: World, name: str, **labels: str) -> float:
    """The sum of ``name`` on the bot's /metrics over the series whose labels include ``labels``."""
    status, text = await w.bot.get("/metrics")
    assert status == 200
    total = 0.0
    for m in METRIC_LINE.finditer(text):
        found = dict(LABEL.findall(m["labels"] or ""))
        if m["name"] == name and all(found.get(k) == v for k, v in labels.items()):
            total += float(m["value"])
    return total
