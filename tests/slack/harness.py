"""Driving the real app the way Slack does: signed requests to a running server, and Slack-shaped payloads.

Payload builders follow the examples in Slack's documentation (Events API ``event_callback``
envelopes, slash-command form posts, ``block_actions`` interaction payloads, Socket Mode envelopes).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import itertools
import json
import time
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.signature import SignatureVerifier

from bot.answer import Engine, Fact
from bot.slack.app import web_client
from bot.slack.delivery import Patience
from bot.slack.handoff import PlatformTeam
from bot.slack.outbox import Outbox
from bot.slack.service import Service, build_service
from bot.web import serve_until_stopped
from tests.slack.fake_slack import BOT_USER, TEAM, FakeSlack

TOKEN = "xoxb-1111-2222-testtoken"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
APP_ID = "A0PLATFORM"
USER = "U0ALICE01"
CHANNEL = "C0GENERAL1"
DM = "D0ALICEDM1"
TIMEOUT = 20.0
FAST_RETRY = FixedValueRetryIntervalCalculator(0.01)

_ids = itertools.count(1)


def scenario(fn: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test body on its own event loop (no pytest plugin needed), with a time limit."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(asyncio.wait_for(fn(*args, **kwargs), TIMEOUT))

    return run


# -- a running bot ----------------------------------------------------------------------------


@dataclass
class Bot:
    """One running instance of the app (one replica), reached over loopback."""

    url: str
    secret: str = SECRET
    service: Service | None = None
    """The running bot's parts (metrics, engine, lifecycle), for tests that look inside."""

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        sig = signature or str(SignatureVerifier(self.secret).generate_signature(timestamp=ts, body=body))
        all_headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig, **(headers or {})}
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"{self.url}/slack/events", data=body.encode(), headers=all_headers) as r,
        ):
            return r.status, await r.text()

    async def event(self, payload: dict[str, Any], *, retry: int | None = None, **kw: Any) -> tuple[int, str]:
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else None
        return await self.post(json.dumps(payload), "application/json", headers=headers, **kw)

    async def command(self, fields: dict[str, str], **kw: Any) -> tuple[int, str]:
        return await self.post(urllib.parse.urlencode(fields), "application/x-www-form-urlencoded", **kw)

    async def action(self, payload: dict[str, Any], **kw: Any) -> tuple[int, str]:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded", **kw)

    async def get(self, path: str) -> tuple[int, str]:
        async with aiohttp.ClientSession() as session, session.get(f"{self.url}{path}") as r:
            return r.status, await r.text()


@dataclass
class World:
    """A fake Slack workspace and the bot instances talking to it."""

    engine: Engine
    slack: FakeSlack
    bots: list[Bot] = field(default_factory=list)

    @property
    def bot(self) -> Bot:
        return self.bots[0]

    async def settle(self, bot: Bot | None = None) -> None:
        """Wait until everything sent to ``bot`` before now has been handled.

        A DM asking for help is sent last and its answer awaited; Bolt runs listeners in order, so
        by then earlier events have had their turn. Tests assert nothing extra was posted.
        """
        before = len(self.slack.called("chat.postMessage"))
        await (bot or self.bot).event(dm_event("help", channel="D0SETTLE01"))
        await self.slack.wait_for("chat.postMessage", before + 1)
        await asyncio.sleep(0.05)

    async def idle(self, timeout: float = 5.0) -> None:
        """Wait until every replica has finished all it was sent, answers waiting for their channel's turn included."""
        for bot in self.bots:
            await self.settle(bot)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while any(b.service is not None and b.service.lifecycle.in_flight for b in self.bots):
            assert loop.time() < deadline, "the bot is still busy"
            await asyncio.sleep(0.01)


@asynccontextmanager
async def world(engine: Engine, *, instances: int = 1, **options: Any) -> AsyncIterator[World]:
    """A fake Slack and ``instances`` replicas of the bot sharing it (``options``: see :func:`running_bot`)."""
    async with AsyncExitStack() as stack:
        slack = await FakeSlack().start()
        stack.push_async_callback(slack.close)
        w = World(engine, slack)
        for _ in range(instances):
            w.bots.append(await stack.enter_async_context(running_bot(engine, slack, **options)))
        yield w


@asynccontextmanager
async def running_bot(
    engine: Engine,
    slack: FakeSlack,
    *,
    token: str = TOKEN,
    timeout: float | None = None,
    outbox: Outbox | None = None,
    allowed_teams: Collection[str] = (),
    platform_team: PlatformTeam | None = None,
    answer_channels: Collection[str] = (),
    patience: Patience | None = None,
) -> AsyncIterator[Bot]:
    """The production HTTP app (``bot.slack.service.Service.http_app``) served on an ephemeral port.

    ``timeout`` shortens the Web API client's timeout (30 s by default); ``outbox`` replaces the
    default one (Slack's pace of one message per second per channel); ``allowed_teams`` is
    ``ALLOWED_TEAM_IDS``, ``platform_team`` ``PLATFORM_TEAM`` (and its channel) and
    ``answer_channels`` ``ANSWER_CHANNELS``; ``patience`` bounds each post's retries (by default:
    three tries, a minute, the fast retry interval).
    """
    client = web_client(token, base_url=slack.api_url, retry_interval=FAST_RETRY)
    if timeout is not None:
        client.timeout = timeout  # type: ignore[assignment]  # slack_sdk annotates it int; aiohttp takes any number
    service = build_service(
        engine,
        token=token,
        signing_secret=SECRET,
        client=client,
        retry_interval=FAST_RETRY,
        outbox=outbox,
        allowed_teams=allowed_teams,
        platform_team=platform_team,
        answer_channels=answer_channels,
        patience=patience,
    )
    stop = asyncio.Event()
    ports: list[int] = []
    task = asyncio.create_task(
        serve_until_stopped(service.http_app(SECRET), host="127.0.0.1", port=0, stop=stop, on_listening=ports.append, handle_signals=False)
    )
    while not ports and not task.done():
        await asyncio.sleep(0.005)
    try:
        yield Bot(f"http://127.0.0.1:{ports[0]}", service=service)
    finally:
        stop.set()
        await task


# -- payloads ----------------------------------------------------------------------------------


def event_callback(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    """The Events API envelope around ``event`` (https://docs.slack.dev/apis/events-api/)."""
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": TEAM, "user_id": BOT_USER, "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
        "event_context": "4-eyJldCI6ImFwcF9tZW50aW9uIn0",
    }


def mention_event(message: dict[str, Any], channel: str = CHANNEL, **kw: Any) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": message["user"],
        "text": message["text"],
        "ts": message["ts"],
        "channel": channel,
        "event_ts": message["ts"],
        "team": TEAM,
    }
    if message.get("thread_ts"):
        event["thread_ts"] = message["thread_ts"]
    return event_callback(event, **kw)


def channel_event(message: dict[str, Any], channel: str, *, channel_type: str = "channel", **kw: Any) -> dict[str, Any]:
    """A ``message.channels`` (``message.groups`` with ``channel_type="group"``) event for a message Slack stored."""
    event = {
        "type": "message",
        "channel": channel,
        "user": message["user"],
        "text": message["text"],
        "ts": message["ts"],
        "event_ts": message["ts"],
        "channel_type": channel_type,
        "team": TEAM,
    }
    if message.get("thread_ts"):
        event["thread_ts"] = message["thread_ts"]
    return event_callback(event, **kw)


def dm_event(
    text: str,
    *,
    channel: str = DM,
    ts: str | None = None,
    thread_ts: str | None = None,
    user: str = USER,
    extra: dict[str, Any] | None = None,
    **kw: Any,
) -> dict[str, Any]:
    ts = ts or f"{int(time.time())}.{next(_ids):06d}"
    event: dict[str, Any] = {
        "type": "message",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": "im",
        "team": TEAM,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    event.update(extra or {})
    return event_callback(event, **kw)


def dm_message_event(message: dict[str, Any], channel: str = DM, **kw: Any) -> dict[str, Any]:
    return dm_event(message["text"], channel=channel, ts=message["ts"], thread_ts=message.get("thread_ts"), user=message["user"], **kw)


def home_opened_event(tab: str = "home") -> dict[str, Any]:
    return event_callback({"type": "app_home_opened", "user": USER, "channel": DM, "tab": tab, "event_ts": f"{time.time():.6f}"})


def slash_command(text: str, response_url: str, *, channel: str = CHANNEL) -> dict[str, str]:
    """A slash command as Slack posts it (https://docs.slack.dev/interactivity/implementing-slash-commands/)."""
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "team_domain": "fake",
        "channel_id": channel,
        "channel_name": "general",
        "user_id": USER,
        "user_name": "alice",
        "command": "/platform",
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"13345224609.738474920.{next(_ids):019x}",  # Slack's is new for each command
    }


def block_action(
    action_id: str,
    value: str,
    *,
    channel: str = CHANNEL,
    response_url: str | None = None,
    message: dict[str, Any] | None = None,
    ephemeral: bool = False,
    user: str = USER,
) -> dict[str, Any]:
    """A ``block_actions`` payload for a button click (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload/)."""
    container: dict[str, Any] = {
        "type": "message",
        "message_ts": (message or {}).get("ts", "1700000000.000100"),
        "channel_id": channel,
        "is_ephemeral": ephemeral,
    }
    if message and message.get("thread_ts"):
        container["thread_ts"] = message["thread_ts"]
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": "alice", "name": "alice", "team_id": TEAM},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "container": container,
        "trigger_id": "12466734323.1395872398.7a4e4c0e3b4b4b4b",
        "team": {"id": TEAM, "domain": "fake"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel, "name": "general" if channel.startswith("C") else "directmessage"},
        "state": {"values": {}},
        "actions": [
            {
                "action_id": action_id,
                "block_id": "b1",
                "text": {"type": "plain_text", "text": "x", "emoji": True},
                "value": value,
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    if response_url:
        payload["response_url"] = response_url
    if message and not ephemeral:
        payload["message"] = message
    return payload


def button_value(blocks: list[dict[str, Any]], action_id: str) -> str:
    """The value of the button ``action_id`` in posted blocks (what a click sends back)."""
    for b in blocks:
        for e in b.get("elements", []) if b.get("type") == "actions" else []:
            if e.get("action_id") == action_id:
                return str(e["value"])
    raise AssertionError(f"no {action_id} button in {json.dumps(blocks)[:500]}")


def all_text(obj: Any) -> str:
    """Every string in a payload, joined: what a reader of the message could see or a client could parse."""
    if isinstance(obj, str):
        return obj
    if isinstance(obj, dict):
        return "\n".join(all_text(v) for k, v in obj.items() if k != "value")
    if isinstance(obj, list):
        return "\n".join(all_text(v) for v in obj)
    return ""


def current(engine: Engine, platform: str, feature: str) -> Fact:
    """A platform x feature as of today, for the whole platform: what an answer naming only the platform says."""
    return engine.catalog(dt.date.today()).fact(platform, feature)
