"""The Web API client every listener uses: slack_sdk's, made to fail the same way whatever Slack (or a proxy) answers.

slack_sdk leaves three answers in odd shapes: a ``text/plain`` body becomes a string that
``validate()`` then calls ``.get`` on (AttributeError, at 200), JSON cut short becomes a
``SlackApiError`` around a bare aiohttp response, and its rate-limit handler reads ``Retry-After``
with ``int()`` (ValueError on an HTTP date). :class:`SlackClient` turns the first two into an
ordinary ``SlackApiError`` about an empty body with its status and headers, so every caller catches
one thing; :func:`retry_handlers` retry what is safe to retry for the idempotent calls made through
it (reads, ``views.publish``, ``auth.test``). Posts are not retried here: :mod:`bot.slack.delivery`
looks before it sends one again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import default_interval_calculator
from slack_sdk.http_retry.interval_calculator import RetryIntervalCalculator
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.slack.faults import RATE_LIMITED, TRANSIENT_ERRORS, retry_after

MAX_RETRIES = 2
LONGEST_RETRY_AFTER = 10.0
"""Seconds a plain call waits for a 429's Retry-After; beyond that it fails (a read only costs follow-up context)."""


class SlackClient(AsyncWebClient):
    """slack_sdk's client, with every answer that is not Slack's JSON raised as a ``SlackApiError`` (see the module docstring)."""

    async def _request(self, *, http_verb: str, api_url: str, req_args: dict[str, Any]) -> dict[str, Any]:
        try:
            response: dict[str, Any] = await super()._request(http_verb=http_verb, api_url=api_url, req_args=req_args)
        except SlackApiError as exc:
            if isinstance(exc.response, AsyncSlackResponse):
                raise
            raw = exc.response  # slack_sdk's bare aiohttp response: the body was not JSON it could read
            status, headers = getattr(raw, "status", 0), getattr(raw, "headers", {})
            readable = AsyncSlackResponse(
                client=self, http_verb=http_verb, api_url=api_url, req_args=req_args, data={}, headers=headers, status_code=status
            )
            message = f"The Slack API answered HTTP {status} with a body that is not JSON (url: {api_url})"
            raise SlackApiError(message, readable) from None  # type: ignore[no-untyped-call]  # slack_sdk leaves it unannotated
        if not isinstance(response.get("data"), dict | bytes):  # text/plain arrives as a string
            response["data"] = {}
        return response

    @classmethod
    def like(cls, client: AsyncWebClient, **changes: Any) -> SlackClient:
        """A :class:`SlackClient` with ``client``'s token, address, session, headers and retry handlers, and ``changes``."""
        settings: dict[str, Any] = {
            "token": client.token,
            "base_url": client.base_url,
            "timeout": client.timeout,
            "ssl": client.ssl,
            "proxy": client.proxy,
            "session": client.session,
            "trust_env_in_session": client.trust_env_in_session,
            "headers": dict(client.headers),
            "logger": client.logger,
            "retry_handlers": list(client.retry_handlers or []),
        }
        copy = cls(**{**settings, **changes})
        copy.default_params = dict(client.default_params)  # the team id of an org-wide install, when Bolt set one
        return copy


def readable(client: AsyncWebClient) -> SlackClient:
    """``client`` itself if it is a :class:`SlackClient`, else one like it."""
    return client if isinstance(client, SlackClient) else SlackClient.like(client)


def web_client(
    token: str, *, base_url: str | None = None, retry_interval: RetryIntervalCalculator = default_interval_calculator
) -> SlackClient:
    """A Web API client that retries, for idempotent calls, on 429 (after Retry-After), 5xx, connection errors and unreadable answers."""
    handlers = retry_handlers(retry_interval)
    if base_url:
        return SlackClient(token=token, base_url=base_url, retry_handlers=handlers)
    return SlackClient(token=token, retry_handlers=handlers)


def retry_handlers(interval: RetryIntervalCalculator = default_interval_calculator) -> list[AsyncRetryHandler]:
    return [
        RateLimitRetryHandler(max_retry_count=MAX_RETRIES),
        AnyServerErrorRetryHandler(max_retry_count=MAX_RETRIES, interval_calculator=interval),
        AsyncConnectionErrorRetryHandler(max_retry_count=MAX_RETRIES, interval_calculator=interval),
        UnreadableAnswerRetryHandler(max_retry_count=MAX_RETRIES, interval_calculator=interval),
    ]


class AnyServerErrorRetryHandler(AsyncServerErrorRetryHandler):
    """slack_sdk's server-error handler retries only 500 and 503; a 502 or 504 from a proxy deserves the same, and so do
    Slack's transient errors at 200 (``internal_error``, ``service_unavailable`` ...)."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and (500 <= response.status_code <= 599 or _error(response) in TRANSIENT_ERRORS)


class RateLimitRetryHandler(AsyncRateLimitErrorRetryHandler):
    """A 429 (or Slack's ``ratelimited`` at 200) retried after its Retry-After, read as seconds or as an HTTP date; one
    asking for more than :data:`LONGEST_RETRY_AFTER` seconds is not retried (the caller fails instead of hanging)."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or (response.status_code != 429 and _error(response) != RATE_LIMITED):
            return False
        wait = retry_after(response.headers)
        return wait is None or wait <= LONGEST_RETRY_AFTER

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        wait = retry_after(response.headers if response is not None else None)
        state.next_attempt_requested = True
        await asyncio.sleep(1.0 if wait is None else wait)
        state.increment_current_attempt()


class UnreadableAnswerRetryHandler(AsyncRetryHandler):
    """An answer below 400 that is not JSON (a proxy's page at 200, an empty body), or JSON cut short: tried again."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if isinstance(error, SlackApiError):
            return not isinstance(error.response, AsyncSlackResponse)
        if error is not None or response is None:
            return False
        return response.status_code < 400 and response.body is None and not isinstance(response.data, bytes)


def _error(response: HttpResponse) -> object:
    return response.body.get("error") if isinstance(response.body, dict) else None


class ReadableClient(AsyncMiddleware):
    """Gives each listener a :class:`SlackClient` in place of the plain client Bolt makes per request."""

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse | None:
        client = req.context.get("client")
        if isinstance(client, AsyncWebClient) and not isinstance(client, SlackClient):
            req.context["client"] = SlackClient.like(client)
        return await next()
