"""The Slack side of the metrics: Web API errors and retries, seen through slack_sdk's retry handlers.

slack_sdk asks every retry handler about every response and every failed attempt, and Bolt copies
the app client's handlers into the client it gives each listener; so two wrappers see every call
the bot makes, whichever client makes it (Web API, ``response_url``):

- :class:`CallWatcher`, first in the list, counts what went wrong (Slack's ``error`` code, an HTTP
  status, or the exception's type) and never asks for a retry itself;
- :class:`CountedRetry` wraps each real handler and counts the retries it decides on, by reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlparse

from prometheus_client import CollectorRegistry, Counter
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.metrics import PREFIX, Metrics

RESPONSE_URL = "response_url"


class SlackMetrics(Metrics):
    """:class:`bot.metrics.Metrics` plus Slack Web API errors and retries, by method."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        super().__init__(registry)
        self.api_errors = Counter(
            f"{PREFIX}_slack_api_errors",
            "Failed Slack calls (each attempt), by method and Slack's error code, HTTP status or exception.",
            ["method", "error"],
            registry=self.registry,
        )
        self.api_retries = Counter(
            f"{PREFIX}_slack_api_retries", "Slack calls retried, by method and reason.", ["method", "reason"], registry=self.registry
        )

    def watch(self, handlers: Iterable[AsyncRetryHandler]) -> list[AsyncRetryHandler]:
        """``handlers``, counted: a watcher first, then each handler wrapped to count its retries."""
        return [CallWatcher(self), *(CountedRetry(h, self) for h in handlers)]


class CallWatcher(AsyncRetryHandler):
    """Counts failed attempts; never retries (slack_sdk then asks the next handler)."""

    def __init__(self, metrics: SlackMetrics) -> None:
        super().__init__(max_retry_count=0)
        self._metrics = metrics

    async def can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        problem = failure(response, error)
        if problem:
            self._metrics.api_errors.labels(method_of(request.url), problem).inc()
        return False


class CountedRetry(AsyncRetryHandler):
    """Another handler, unchanged in what it decides, with each retry it starts counted."""

    def __init__(self, inner: AsyncRetryHandler, metrics: SlackMetrics) -> None:
        super().__init__(max_retry_count=inner.max_retry_count, interval_calculator=inner.interval_calculator)
        self.inner = inner
        self._metrics = metrics
        self._reason = reason_of(inner)

    async def can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return await self.inner.can_retry_async(state=state, request=request, response=response, error=error)

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        self._metrics.api_retries.labels(method_of(request.url), self._reason).inc()
        await self.inner.prepare_for_next_attempt_async(state=state, request=request, response=response, error=error)


def failure(response: HttpResponse | None, error: Exception | None) -> str | None:
    """What went wrong with one attempt, in a label-sized word; None when it went well."""
    if error is not None:
        return type(error).__name__
    if response is None:
        return None
    body = response.body
    if isinstance(body, dict) and body.get("ok") is False:
        return str(body.get("error") or f"http_{response.status_code}")[:64]
    if response.status_code >= 400:
        return f"http_{response.status_code}"
    return None


def method_of(url: str) -> str:
    """The Web API method a URL calls (``chat.postMessage``), or ``response_url`` for anything else."""
    path = urlparse(url).path
    head, _, method = path.rpartition("/")
    return method if head.endswith("/api") and method else RESPONSE_URL


def reason_of(handler: AsyncRetryHandler) -> str:
    if isinstance(handler, AsyncRateLimitErrorRetryHandler):
        return "rate_limited"
    if isinstance(handler, AsyncServerErrorRetryHandler):
        return "server_error"
    if isinstance(handler, AsyncConnectionErrorRetryHandler):
        return "connection_error"
    return type(handler).__name__
