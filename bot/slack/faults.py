"""What went wrong with a Slack call, in the terms the bot acts on.

slack_sdk reports a failed call in several shapes: a ``SlackApiError`` around Slack's JSON, around a
string (a proxy's ``text/plain`` page), around a bare aiohttp response (JSON cut short), or an
aiohttp or timeout error. :func:`classify` turns each into a :class:`Fault` of one of three kinds,
which is all a retry needs to know:

- ``NOT_TAKEN``: Slack did not do it (a 429, ``ratelimited``, a connection that never opened), so
  it may be sent again as it is, after ``Retry-After`` when Slack gave one;
- ``UNCERTAIN``: it may have been done (a 5xx, ``internal_error``, a connection dropped after the
  request went out, a timeout, an answer that is not Slack's JSON): look before sending it again;
- ``REFUSED``: Slack will not do it (``channel_not_found``, an expired ``response_url``, a 4xx):
  retrying changes nothing.

:func:`describe_error` says the same in a few words for a log line, never with the request (it
holds the token).
"""

from __future__ import annotations

import email.utils
import enum
import json
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError

CALL_FAILURES: tuple[type[BaseException], ...] = (SlackClientError, aiohttp.ClientError, TimeoutError)
"""What a Slack call raises when Slack, the network or a proxy fails it (and nothing else)."""

# Slack's documented errors after which "some aspect of the operation" may have succeeded, or that are transient.
TRANSIENT_ERRORS = frozenset({"internal_error", "fatal_error", "service_unavailable", "request_timeout"})
RATE_LIMITED = "ratelimited"
NOT_JSON = "invalid_response"


class Kind(enum.Enum):
    NOT_TAKEN = "not taken"
    UNCERTAIN = "uncertain"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Fault:
    """One failed call: its kind, a label for logs and metrics, and how long Slack asked us to wait."""

    kind: Kind
    label: str
    """Slack's error code, ``http_<status>``, ``invalid_response`` or the exception's type: a metric label."""
    reason: str
    """Why a retry would be made: ``rate_limited``, ``server_error``, ``connection_error``, ``timeout`` or ``invalid_response``."""
    retry_after: float | None = None
    """Seconds from now, from a ``Retry-After`` header (seconds or an HTTP date)."""


class ResponseUrlError(SlackClientError):
    """A ``response_url`` answered something other than 200 ``ok``: its status, the start of its body and its headers."""

    def __init__(self, status: int, body: str, headers: Mapping[str, str]) -> None:
        super().__init__(f"response_url answered HTTP {status}")
        self.status = status
        self.body = body[:200]
        self.headers = dict(headers)


def classify(exc: BaseException) -> Fault | None:
    """The :class:`Fault` behind ``exc``, or None when ``exc`` is not a failed Slack call (a bug: let it propagate)."""
    if isinstance(exc, SlackApiError):
        return _api_fault(exc)
    if isinstance(exc, ResponseUrlError):
        error = _error_code(exc.body)
        if error is None and exc.status < 400:  # a 200 with a page or a cut-short body, not Slack's "ok"
            return Fault(Kind.UNCERTAIN, NOT_JSON, NOT_JSON)
        return _status_fault(exc.status, error, exc.headers)
    if isinstance(exc, aiohttp.ClientConnectorError):  # the connection never opened: nothing was sent
        return Fault(Kind.NOT_TAKEN, type(exc).__name__, "connection_error")
    if isinstance(exc, TimeoutError):  # asyncio's and aiohttp's timeouts alike
        return Fault(Kind.UNCERTAIN, "TimeoutError", "timeout")
    if isinstance(exc, aiohttp.ClientError | SlackClientError):
        return Fault(Kind.UNCERTAIN, type(exc).__name__, "connection_error")
    return None


def describe_error(exc: BaseException) -> str:
    """A failed call in a few words, for logs: Slack's error code, or the status and what came instead of Slack's JSON."""
    if isinstance(exc, SlackApiError):
        data, status, headers = _parts(exc.response)
        error = data.get("error") if isinstance(data, dict) else None
        if isinstance(error, str) and error:
            return error
        if status is None:
            return "an unreadable answer (not Slack's JSON)"
        if isinstance(data, dict) and data:
            return f"HTTP {status}"
        kind = _content_type(headers)
        if kind == "application/json":
            return f"HTTP {status} with JSON cut short or malformed"
        return f"HTTP {status} with {kind or 'no content type'}, not Slack's JSON"
    if isinstance(exc, ResponseUrlError):
        return _error_code(exc.body) or f"HTTP {exc.status}"
    return type(exc).__name__


def retry_after(headers: Mapping[str, object] | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds, or an HTTP date (RFC 9110); None if absent or unreadable."""
    raw = header(headers, "Retry-After")
    if raw is None:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds) if math.isfinite(seconds) else None


def header(headers: Mapping[str, object] | None, name: str) -> str | None:
    """A header's first value, whatever its case and whether values come alone or in lists (slack_sdk's retry responses)."""
    if not headers:
        return None
    wanted = name.lower()
    for key, value in headers.items():
        if str(key).lower() == wanted:
            first = value[0] if isinstance(value, list | tuple) and value else value
            return str(first).strip() if first is not None else None
    return None


def _api_fault(exc: SlackApiError) -> Fault:
    data, status, headers = _parts(exc.response)
    error = data.get("error") if isinstance(data, dict) else None
    if status is None:  # a bare aiohttp response: its JSON could not be read
        return Fault(Kind.UNCERTAIN, NOT_JSON, NOT_JSON)
    if isinstance(error, str) and error:
        return _status_fault(status, error, headers)
    if status == 429 or status >= 500:
        return _status_fault(status, None, headers)
    if status < 400:  # 200 with a page, an empty body or text: Slack may well have done it
        return Fault(Kind.UNCERTAIN, NOT_JSON, NOT_JSON)
    return Fault(Kind.REFUSED, f"http_{status}", "refused")


def _status_fault(status: int, error: str | None, headers: Mapping[str, object] | None) -> Fault:
    label = error or f"http_{status}"
    if status == 429 or error == RATE_LIMITED:
        return Fault(Kind.NOT_TAKEN, label, "rate_limited", retry_after(headers))
    if status >= 500 or error in TRANSIENT_ERRORS:
        return Fault(Kind.UNCERTAIN, label, "server_error")
    if status == 408:
        return Fault(Kind.UNCERTAIN, label, "timeout")
    return Fault(Kind.REFUSED, label, "refused")


def _parts(response: object) -> tuple[object, int | None, Mapping[str, object]]:
    """The body, status and headers of what slack_sdk put in a SlackApiError (None as status: not an API response)."""
    data = getattr(response, "data", None)
    status = getattr(response, "status_code", None)
    if isinstance(response, aiohttp.ClientResponse) or not isinstance(status, int):
        return None, None, {}
    headers = getattr(response, "headers", None)
    return data, status, headers if isinstance(headers, Mapping) else {}


def _content_type(headers: Mapping[str, object]) -> str | None:
    value = header(headers, "Content-Type")
    return value.split(";")[0].strip().lower() if value else None


def _error_code(body: str) -> str | None:
    """Slack's error code in a JSON body (``{"ok": false, "error": "expired_url"}``), if that is what it is."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    error = data.get("error") if isinstance(data, dict) else None
    return error if isinstance(error, str) and error else None
