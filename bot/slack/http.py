"""HTTP mode's endpoint for Slack: the request signature is checked first, the body parsed defensively, then Bolt.

Bolt's own aiohttp route (``AsyncApp.web_app()``) parses the body before it verifies the signature,
so an unsigned request with a malformed body gets a 500 and a traceback in the logs. Here nothing
is parsed until the signature and timestamp hold (401 otherwise), and a signed body that is not
shaped like anything Slack sends gets a 400, not a 500 that Slack would retry. Bolt still runs
its own verification middleware after this one.

A signature stays valid for five minutes, so a captured request could be sent again within them:
:class:`Replays` remembers the signatures this process has taken, and a request seen before is
acknowledged (200) and not run again, so a click is not repeated nor an event answered twice.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.error import BoltError
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.web import Handler

MAX_BODY = 1024 * 1024  # Slack's payloads are far smaller; aiohttp answers 413 beyond
SIGNATURE_WINDOW = 5 * 60  # seconds either side of now in which slack_sdk accepts a request's timestamp
MAX_REMEMBERED = 100_000  # signatures kept at most (about 15 MB): far above what Slack sends in ten minutes

# The payload fields Bolt reads while routing, and the JSON types Slack sends them as.
_SHAPES: dict[str, tuple[type, ...]] = {
    "event": (dict,),
    "actions": (list,),
    "authorizations": (list,),
    "container": (dict,),
    "view": (dict,),
    "user": (dict, str),
    "channel": (dict, str),
    "team": (dict, str, type(None)),
    "enterprise": (dict, str, type(None)),
    "message": (dict,),
    "type": (str,),
    "command": (str,),
}

log = logging.getLogger(__name__)


def events_handler(app: AsyncApp, signing_secret: str) -> Handler:
    """The ``POST /slack/events`` handler for events, slash commands and interactivity."""
    if not signing_secret:
        raise ValueError("the Slack endpoint needs the signing secret: without it any request would pass as Slack's")
    verifier = SignatureVerifier(signing_secret)
    replays = Replays()

    async def handle(request: web.Request) -> web.StreamResponse:
        try:
            body = (await request.read()).decode("utf-8")
        except UnicodeDecodeError:
            return web.json_response({"error": "malformed request"}, status=400)  # Slack sends UTF-8; nothing else could be signed
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not verified(verifier, body, timestamp, signature):
            return web.json_response({"error": "invalid request"}, status=401)
        if not replays.first_time(signature):
            log.warning("a signed request already taken came again (a replay); acknowledged and not run")
            return web.Response(status=200)
        try:
            bolt_request = AsyncBoltRequest(body=body, query=request.query_string, headers=dict(request.headers))
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError, BoltError) as exc:
            log.warning("signed request with a malformed body (%s); answered 400", type(exc).__name__)
            return web.json_response({"error": "malformed request"}, status=400)
        if not well_formed(bolt_request.body):
            log.warning("signed request not shaped like a Slack payload; answered 400")
            return web.json_response({"error": "malformed request"}, status=400)
        try:
            response = await app.async_dispatch(bolt_request)
        except (TypeError, AttributeError, KeyError, RecursionError) as exc:
            log.warning("signed request Bolt could not route (%s); answered 400", type(exc).__name__)
            return web.json_response({"error": "malformed request"}, status=400)
        if response.status >= 500:
            replays.forget(signature)  # Slack retries a 5xx; that retry must not be taken for a replay
        return await to_aiohttp_response(response)

    return handle


class Replays:
    """The signatures of requests taken in the last ten minutes (twice the window either side of a timestamp), oldest forgotten first."""

    def __init__(
        self, keep: float = 2 * SIGNATURE_WINDOW, limit: int = MAX_REMEMBERED, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._keep = keep
        self._limit = limit
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, signature: str) -> bool:
        """Remember ``signature``; False if it was remembered already."""
        now = self._clock()
        while self._seen and (len(self._seen) >= self._limit or next(iter(self._seen.values())) < now - self._keep):
            self._seen.popitem(last=False)
        if signature in self._seen:
            return False
        self._seen[signature] = now
        return True

    def forget(self, signature: str) -> None:
        self._seen.pop(signature, None)


def verified(verifier: SignatureVerifier, body: str, timestamp: str, signature: str) -> bool:
    """Is the request signed with our secret, and recent? A missing or malformed header is a plain no.

    slack_sdk raises on a timestamp that is not an integer (or too large for a float) and on a
    signature with non-ASCII characters; either would otherwise end as a 500.
    """
    try:
        return verifier.is_valid(body=body, timestamp=timestamp, signature=signature)
    except (ValueError, TypeError, OverflowError):
        return False


def well_formed(body: object) -> bool:
    """Is ``body`` a JSON object whose routing fields have the types Slack gives them?"""
    if not isinstance(body, dict):
        return False
    if not all(isinstance(body[k], shapes) for k, shapes in _SHAPES.items() if k in body):
        return False
    event = body.get("event", {})
    if not all(isinstance(event[k], shapes) for k, shapes in _SHAPES.items() if k in event):
        return False
    items = [*body.get("actions", []), *body.get("authorizations", [])]
    return all(isinstance(i, dict) for i in items)
