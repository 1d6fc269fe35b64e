"""A fake Slack on an ephemeral loopback port: the Web API, ``response_url`` and Socket Mode's WebSocket.

It records every call the bot makes and keeps the messages posted per channel, so that
``conversations.replies`` and ``conversations.history`` answer from what was really posted (user
messages the test put there, and the bot's answers with their metadata). Several bot instances can
share one fake, like replicas sharing one Slack workspace. The Web API is routed for every HTTP
method: slack_sdk sends the reads (``conversations.history``, ``conversations.replies``) as GET
with query parameters and the rest as POST.

It can misbehave the way Slack and the proxies in front of it do (:class:`Failure`): a status with
Slack's JSON error, or a body that is not JSON at all (a proxy's ``text/plain`` or HTML page), JSON
cut short, a connection closed or reset, an answer too slow to wait for, each before or after the
call took effect.
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_USER = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM = "T0TEAM001"
BAD_TOKEN = "xoxb-refused"


@dataclass
class Call:
    """One Web API call as Slack received it."""

    method: str
    args: dict[str, Any]
    token: str | None
    at: float = field(default_factory=time.monotonic)
    """When it arrived (``time.monotonic``)."""
    verb: str = "POST"
    """The HTTP method it came with: slack_sdk sends reads as GET with query parameters."""


@dataclass
class ResponsePost:
    """One post to a ``response_url``."""

    channel: str
    body: dict[str, Any]


@dataclass
class Failure:
    """How a call of a method goes wrong.

    ``status`` and ``headers`` make the response, whose body is Slack's JSON with ``error`` (or, at
    200, the call's real result); ``body`` replaces it with raw text of ``content_type`` (a proxy's
    page), and ``truncate`` cuts the JSON short. ``delay`` holds the response back (past the bot's
    client timeout, to make it time out); ``drop`` closes the connection instead of answering and
    ``reset`` resets it. With ``deliver`` the call takes effect first (the message is posted) and
    only the response fails, as when Slack is slow or the connection drops after Slack has done
    the work.
    """

    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    deliver: bool = False
    error: str = "fake_failure"
    body: str | None = None
    content_type: str = "application/json"
    truncate: bool = False
    reset: bool = False


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.responses: list[ResponsePost] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.failures: dict[str, list[Failure]] = {}
        self.always: dict[str, Failure] = {}
        self.every: dict[str, tuple[int, Failure]] = {}
        self._counts: dict[str, int] = {}
        self.ephemerals: list[dict[str, Any]] = []
        """Ephemeral messages Slack showed (``chat.postEphemeral`` calls that took effect)."""
        self.views: list[dict[str, Any]] = []
        """Home tabs published (``views.publish`` calls that took effect)."""
        self.delays: dict[str, float] = {}
        self.socket_acks: list[dict[str, Any]] = []
        self.socket_connected = asyncio.Event()
        self._ws: web.WebSocketResponse | None = None
        self._clock = 1_700_000_000_000_100
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.url = ""

    # -- lifecycle ------------------------------------------------------------------

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{channel}/{n}", self._response_url)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, channel: str) -> str:
        return f"{self.url}/response/{channel}/{self._tick()}"

    # -- what tests set up and read -------------------------------------------------

    def post_user_message(self, channel: str, text: str, *, user: str = "U0ALICE01", thread_ts: str | None = None) -> dict[str, Any]:
        """A person's message, as Slack stores it before telling the bot about it."""
        message = {"type": "message", "user": user, "text": text, "ts": self._tick()}
        if thread_ts:
            message["thread_ts"] = thread_ts
        self.messages.setdefault(channel, []).append(message)
        return message

    def fail_next(self, method: str, *failures: Failure) -> None:
        """The next calls of ``method`` (a Web API method, or ``response_url``) fail, one failure each."""
        self.failures.setdefault(method, []).extend(failures)

    def fail_always(self, method: str, failure: Failure) -> None:
        """Every call of ``method`` fails so (after those :meth:`fail_next` set up), until :meth:`recover`."""
        self.always[method] = failure

    def fail_every(self, method: str, n: int, failure: Failure) -> None:
        """Every ``n``-th call of ``method`` (the n-th, the 2n-th, ...) fails so."""
        self.every[method] = (n, failure)

    def recover(self) -> None:
        self.failures.clear()
        self.always.clear()
        self.every.clear()

    def _failure(self, method: str) -> Failure | None:
        count = self._counts[method] = self._counts.get(method, 0) + 1
        pending = self.failures.get(method)
        if pending:
            return pending.pop(0)
        if method in self.every and count % self.every[method][0] == 0:
            return self.every[method][1]
        return self.always.get(method)

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def posted(self) -> list[dict[str, Any]]:
        """The bot's messages, in every channel, in the order posted."""
        return sorted((m for ms in self.messages.values() for m in ms if m.get("bot_id") == BOT_ID), key=lambda m: m["ts"])

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        await self._wait(lambda: len(self.called(method)) >= count, timeout)
        return self.called(method)

    async def wait_for_responses(self, count: int = 1, timeout: float = 5.0) -> list[ResponsePost]:
        await self._wait(lambda: len(self.responses) >= count, timeout)
        return self.responses

    async def wait_for_acks(self, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        await self._wait(lambda: len(self.socket_acks) >= count, timeout)
        return self.socket_acks

    async def wait_until(self, done: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until ``done()`` holds, checked after every call the fake receives."""
        await self._wait(done, timeout)

    async def send_envelope(self, envelope: dict[str, Any]) -> None:
        """Push a Socket Mode envelope to the connected bot."""
        await asyncio.wait_for(self.socket_connected.wait(), 5)
        assert self._ws is not None
        await self._ws.send_str(json.dumps(envelope))

    async def _wait(self, done: Any, timeout: float) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(done), timeout)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def _tick(self) -> str:
        self._clock += 100
        seconds, micros = divmod(self._clock, 1_000_000)
        return f"{seconds}.{micros:06d}"

    # -- the Web API ------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(dict(await request.post()))
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or args.pop("token", None)
        self.calls.append(Call(method, args, token, verb=request.method))
        await self._notify()
        await asyncio.sleep(self.delays.get(method, 0))
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        failure = self._failure(method)

        def effect() -> dict[str, Any]:
            if handler is None:
                return {"ok": False, "error": "unknown_method"}
            result: dict[str, Any] = handler(args, token, request)
            return result

        if failure is not None:
            return await self._fail(failure, effect, request)
        result = effect()
        await self._notify()
        return web.json_response(result)

    async def _fail(self, failure: Failure, effect: Callable[[], dict[str, Any]], request: web.Request) -> web.StreamResponse:
        result: dict[str, Any] = {"ok": False, "error": failure.error}
        if failure.deliver:
            result = effect()
            await self._notify()
        await asyncio.sleep(failure.delay)
        if failure.drop or failure.reset:
            _close(request, reset=failure.reset)
            return web.Response()
        if failure.status != 200:
            result = {"ok": False, "error": failure.error}
        if failure.body is not None:
            return web.Response(
                status=failure.status, body=failure.body.encode(), content_type=failure.content_type, headers=failure.headers
            )
        text = json.dumps(result)
        if failure.truncate:
            text = text[: len(text) // 2]
        return web.Response(status=failure.status, body=text.encode(), content_type=failure.content_type, headers=failure.headers)

    def _auth_test(self, args: dict[str, Any], token: str | None, request: web.Request) -> dict[str, Any]:
        if token == BAD_TOKEN or not token:
            return {"ok": False, "error": "invalid_auth"}
        return {
            "ok": True,
            "url": "https://fake.slack.com/",
            "team": "Fake",
            "user": "platform-bot",
            "team_id": TEAM,
            "user_id": BOT_USER,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _chat_postMessage(self, args: dict[str, Any], token: str | None, request: web.Request) -> dict[str, Any]:
        message = self._bot_message(args)
        self.messages.setdefault(str(args["channel"]), []).append(message)
        return {"ok": True, "channel": args["channel"], "ts": message["ts"], "message": message}

    def _chat_postEphemeral(self, args: dict[str, Any], token: str | None, request: web.Request) -> dict[str, Any]:
        self.ephemerals.append(args)
        return {"ok": True, "message_ts": self._tick()}

    def _views_publish(self, args: dict[str, Any], token: str | None, request: web.Request) -> dict[str, Any]:
        view = args.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        self.views.append({"user_id": args.get("user_id"), **(view or {})})
        return {"ok": True, "view": {"id": "V0HOME001", **(view or {})}}

    def _conversations_replies(self, args: dict[str, Any], token: str | None, request: web.Request) -> dict[str, Any]:
        channel, ts = str(args.get("channel")), str(args.get("ts"))
        thread = [m for m in self.messages.get(channel, []) if m["ts"] == ts or m.get("thread_ts") == ts]
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        return {"ok": True, "messages": self._shown(sorted(thread, key=lambda m: m["ts"]), args), "has_more": False}

    def _conversations_history(self, args: dict[str, Any], token: str | None, request: web.Request) -> dict[str, Any]:
        channel = str(args.get("channel"))
        oldest = float(args.get("oldest") or 0)  # exclusive, as Slack's default
        top = [m for m in self.messages.get(channel, []) if not m.get("thread_ts") or m["thread_ts"] == m["ts"]]
        top = [m for m in top if float(m["ts"]) > oldest]
        newest_first = sorted(top, key=lambda m: m["ts"], reverse=True)[: int(args.get("limit", 100))]
        return {"ok": True, "messages": self._shown(newest_first, args), "has_more": False}

    def _chat_getPermalink(self, args: dict[str, Any], token: str | None, request: web.Request) -> dict[str, Any]:
        """A permalink for a message that is there; Slack has none for ephemeral messages (never stored) or unknown ones."""
        channel, ts = str(args.get("channel")), str(args.get("message_ts"))
        if not any(m["ts"] == ts for m in self.messages.get(channel, [])):
            return {"ok": False, "error": "message_not_found"}
        return {"ok": True, "channel": channel, "permalink": f"https://fake.slack.com/archives/{channel}/p{ts.replace('.', '')}"}

    def _apps_connections_open(self, args: dict[str, Any], token: str | None, request: web.Request) -> dict[str, Any]:
        if not token or not token.startswith("xapp-"):
            return {"ok": False, "error": "not_allowed_token_type"}
        return {"ok": True, "url": f"ws://127.0.0.1:{self.url.rsplit(':', 1)[1]}/socket"}

    def _bot_message(self, args: dict[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "ts": self._tick(), "text": args.get("text", "")}
        for key in ("blocks", "metadata"):
            value = args.get(key)
            if isinstance(value, str):
                value = json.loads(value)
            if value:
                message[key] = value
        if args.get("thread_ts"):
            message["thread_ts"] = args["thread_ts"]
        return message

    @staticmethod
    def _shown(messages: Iterable[dict[str, Any]], args: dict[str, Any]) -> list[dict[str, Any]]:
        """Slack only returns metadata when asked for it with ``include_all_metadata``."""
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        return [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"} for m in messages]

    # -- response_url and Socket Mode ----------------------------------------------------------

    async def _response_url(self, request: web.Request) -> web.StreamResponse:
        """A post to a ``response_url``; what took effect is in :attr:`responses` (and, shared, in the channel)."""
        channel = request.match_info["channel"]
        body = await request.json()
        self.calls.append(Call("response_url", body, None))
        await self._notify()

        def effect() -> dict[str, Any]:
            self.responses.append(ResponsePost(channel, body))
            if body.get("response_type") == "in_channel":
                self.messages.setdefault(channel, []).append(self._bot_message(body))
            return {"ok": True}

        failure = self._failure("response_url")
        if failure is not None:
            return await self._fail(failure, effect, request)
        effect()
        await self._notify()
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}}))
        self.socket_connected.set()
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                self.socket_acks.append(json.loads(msg.data))
                await self._notify()
        return ws


def _close(request: web.Request, *, reset: bool) -> None:
    """Close the connection without an answer: a plain close, or a reset (RST, as a crashing proxy sends)."""
    transport = request.transport
    assert transport is not None
    if reset:
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.close()
