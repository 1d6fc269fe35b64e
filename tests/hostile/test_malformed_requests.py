"""Requests to ``/slack/events`` that no Slack would send: each gets a 4xx or an empty 200, never a 500 or a traceback.

``tests/slack/test_http.py`` covers bad signatures, stale timestamps and signed bodies of the wrong
shape; these are the rest: broken headers, wrong content types, truncated, huge, deep or undecodable
bodies, and payload types nobody handles.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import time
import urllib.parse

import aiohttp
import pytest

from bot.answer import Engine
from tests.slack.harness import SECRET, Bot, dm_event, scenario, world

SIGNED = object()  # the header is computed for the body


def signed_headers(body: bytes, content_type: str | None, *, timestamp: object = SIGNED, signature: object = SIGNED) -> dict[str, str]:
    ts = str(int(time.time()))
    headers = {} if content_type is None else {"Content-Type": content_type}
    if timestamp is SIGNED:
        headers["X-Slack-Request-Timestamp"] = ts
    elif isinstance(timestamp, str):
        headers["X-Slack-Request-Timestamp"] = timestamp
    if signature is SIGNED:
        digest = hmac.new(SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
        headers["X-Slack-Signature"] = f"v0={digest}"  # by hand: slack_sdk's signer only takes UTF-8
    elif isinstance(signature, str):
        headers["X-Slack-Signature"] = signature
    return headers


async def send(bot: Bot, body: bytes, headers: dict[str, str], method: str = "POST") -> tuple[int, str]:
    data = io.BytesIO(body) if len(body) > 1_000_000 else body  # aiohttp warns about big bytes bodies
    async with aiohttp.ClientSession() as session, session.request(method, f"{bot.url}/slack/events", data=data, headers=headers) as r:
        return r.status, await r.text()


def assert_quiet_refusal(status: int, body: str) -> None:
    """A 4xx, or a 200 with nothing for Slack to show; no 5xx, and nothing of the server's insides in the body."""
    assert status == 200 or 400 <= status < 500, (status, body[:300])
    assert "Traceback" not in body and 'File "' not in body and "Error:" not in body, body[:300]
    if status == 200:
        assert body in ("", "{}") or len(body) < 200, body[:300]


EVENT = json.dumps(dm_event("does aci support gpus?", channel="D0MALFORM1")).encode()
FORM = urllib.parse.urlencode({"command": "/platform", "text": "help", "team_id": "T1", "user_id": "U1", "channel_id": "C1"}).encode()

CASES: dict[str, tuple[bytes, dict[str, str]]] = {
    "no timestamp": (EVENT, signed_headers(EVENT, "application/json", timestamp=None)),
    "empty timestamp": (EVENT, signed_headers(EVENT, "application/json", timestamp="")),
    "non-numeric timestamp": (EVENT, signed_headers(EVENT, "application/json", timestamp="yesterday")),
    "float timestamp": (EVENT, signed_headers(EVENT, "application/json", timestamp="1.7e9")),
    "huge timestamp": (EVENT, signed_headers(EVENT, "application/json", timestamp="9" * 400)),
    "no signature": (EVENT, signed_headers(EVENT, "application/json", signature=None)),
    "garbage signature": (EVENT, signed_headers(EVENT, "application/json", signature="v0=\u00e9\u00e9")),
    "no content type": (EVENT, signed_headers(EVENT, None)),
    "json sent as text/plain": (EVENT, signed_headers(EVENT, "text/plain")),
    "json sent as a form": (EVENT, signed_headers(EVENT, "application/x-www-form-urlencoded")),
    "a form sent as json": (FORM, signed_headers(FORM, "application/json")),
    "multipart": (b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\nb\r\n--x--\r\n", {}),
    "truncated event": (EVENT[: len(EVENT) // 2], {}),
    "truncated form payload": (b"payload=%7B%22type%22%3A%22block_act", {}),
    "empty body": (b"", {}),
    "not utf-8": (b'{"type":"event_callback","event":{"text":"\xff\xfe"}}', {}),
    "deeply nested json": (b"[" * 200_000 + b"]" * 200_000, {}),
    "deeply nested payload": (b"payload=" + b"%5B" * 100_000, {}),
    "unknown payload type": (b'{"type":"brand_new_callback","token":"x","team_id":"T1"}', {}),
    "unknown event type": (
        json.dumps({"type": "event_callback", "event": {"type": "brand_new_event"}, "event_id": "Ev0UNKNOWN1"}).encode(),
        {},
    ),
    "unknown interaction type": (b"payload=" + urllib.parse.quote(json.dumps({"type": "brand_new_interaction"})).encode(), {}),
    "a json string": (b'"event_callback"', {}),
    "a json number": (b"1e999999", {}),
    "nul bytes": (b'{"type":"event_callback","event":{"type":"message","text":"\x00\x00"}}', {}),
}


@pytest.mark.parametrize("case", CASES.keys())
@scenario
async def test_a_malformed_request_gets_a_quiet_4xx_or_200(engine: Engine, case: str) -> None:
    """A request no Slack would send is refused (or quietly acknowledged) without a 500, and the server keeps serving."""
    body, headers = CASES[case]
    if not headers:  # a body of its own, signed as Slack would sign it
        content_type = "application/x-www-form-urlencoded" if body.startswith(b"payload=") else "application/json"
        headers = signed_headers(body, content_type)
    async with world(engine) as w:
        assert_quiet_refusal(*await send(w.bot, body, headers))
        assert (await w.bot.get("/healthz"))[0] == 200


@pytest.mark.parametrize("size", [1024 * 1024 - 4096, 1024 * 1024 + 1, 3 * 1024 * 1024 // 2])
@scenario
async def test_a_body_of_a_megabyte_or_more_is_refused_or_answered_without_a_500(engine: Engine, size: int) -> None:
    """Just under 1 MB is read and handled; past it aiohttp answers 413 before anything is parsed."""
    filler = "x" * size
    body = json.dumps(dm_event(f"does aci support gpus? {filler}", channel="D0HUGEBODY"))[:size].encode()
    async with world(engine) as w:
        status, text = await send(w.bot, body, signed_headers(body, "application/json"))
        assert_quiet_refusal(status, text)
        if size > 1024 * 1024:
            assert status == 413


@scenario
async def test_only_post_is_accepted(engine: Engine) -> None:
    """GET or PUT on /slack/events gets 405, not a Bolt error."""
    async with world(engine) as w:
        for method in ("GET", "PUT"):
            status, text = await send(w.bot, b"", {}, method)
            assert status == 405
            assert_quiet_refusal(status, text)


@scenario
async def test_slacks_url_verification_challenge_is_still_answered(engine: Engine) -> None:
    """The one unusual request Slack does send, url_verification, gets its challenge back (all the refusals above spare it)."""
    body = json.dumps(
        {"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}
    ).encode()
    async with world(engine) as w:
        status, text = await send(w.bot, body, signed_headers(body, "application/json"))
        assert status == 200 and "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in text
