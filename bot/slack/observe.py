"""Watching the Bolt app at work: where each request came from, who asked, what was answered and how fast.

:func:`instrument` adds to an app, without touching its listeners' wiring:

- a global middleware that refuses workspaces outside ``ALLOWED_TEAM_IDS`` (HTTP: 403 for commands
  and clicks, 200 and nothing done for events; Socket Mode: acknowledged and ignored), counts each
  request by surface, and binds the request's scope (surface, team/channel/user ids, arrival time) to
  the context, as structlog's contextvars binding does, so listeners need not pass it along;
- listener start and completion hooks that count the listener as work in flight (a graceful stop
  waits for it) and, when it is done, log each answer it gave as one JSON line
  (:func:`bot.events.answer_event`, which ``platform-bot gaps`` reads back) and count it.

Listeners say what they answered with :func:`answered` once the answer is in Slack, what they
could not deliver with :func:`undelivered`, report a vote with :func:`voted` and a question handed
to people with :func:`handed_off`.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.listener.async_listener_completion_handler import AsyncListenerCompletionHandler
from slack_bolt.listener.async_listener_start_handler import AsyncListenerStartHandler
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.answer import Answer
from bot.events import answer_event, feedback_event, handoff_event
from bot.logs import emit
from bot.slack.context import AnswerRef
from bot.slack.metrics import SlackMetrics
from bot.web import Lifecycle

OTHER = "other"
_INTERACTIONS = frozenset({"block_actions", "interactive_message", "view_submission", "view_closed", "shortcut", "message_action"})

answers_log = logging.getLogger("bot.slack.answers")
feedback_log = logging.getLogger("bot.slack.feedback")
handoff_log = logging.getLogger("bot.slack.handoff")
log = logging.getLogger(__name__)


@dataclass
class Scope:
    """One request: its surface, who and where, when it arrived, and the answers given to it."""

    metrics: SlackMetrics
    surface: str
    ids: Mapping[str, str | None]
    started: float = field(default_factory=time.perf_counter)
    answers: list[Answer] = field(default_factory=list)


_scope: contextvars.ContextVar[Scope | None] = contextvars.ContextVar("platform_bot_request", default=None)


def answered(answer: Answer) -> None:
    """Record ``answer`` as given to the current request (call it once the answer is in Slack); it is logged and counted
    when the listener is done."""
    scope = _scope.get()
    if scope is not None:
        scope.answers.append(answer)


def undelivered(question_id: str, error: str, *, unconfirmed: bool = False) -> None:
    """An answer that did not reach Slack after its retries (or was never confirmed): one error line naming the
    question (``question_id``: channel and message, or the click), and the counter."""
    scope = _scope.get()
    surface = scope.surface if scope else "other"
    outcome = "unconfirmed" if unconfirmed else "failed"
    ids = {k: v for k, v in scope.ids.items() if v} if scope else {}
    emit(
        log,
        {"event": "answer_undelivered", "surface": surface, "question_id": question_id, "outcome": outcome, "error": error, **ids},
        logging.ERROR,
    )
    if scope is not None:
        scope.metrics.undelivered.labels(surface, outcome).inc()


def voted(vote: str, ref: AnswerRef | None, *, user: str | None, channel: str | None, message_ts: str | None) -> None:
    """Log a 👍/👎 on the answer ``ref`` describes as one JSON line (:func:`bot.events.feedback_event`), and count it."""
    scope = _scope.get()
    answer: dict[str, Any] = {}
    if ref is not None:
        answer = {"question": ref.question, "intent": ref.intent, "platforms": ref.platforms, "features": ref.features}
    team = scope.ids.get("team") if scope else None
    fields = feedback_event(vote, answer, surface=scope.surface if scope else "action", team=team, channel=channel, user=user)
    emit(feedback_log, {**fields, **({"message_ts": message_ts} if message_ts else {})})
    if scope is not None:
        scope.metrics.feedback.labels("up" if vote == "up" else "down").inc()


def handed_off(answer: Answer, reason: str, *, user: str | None, channel: str | None, to: str) -> None:
    """Log a question handed to people as one JSON line (:func:`bot.events.handoff_event`), and count it.

    ``answer`` is the bot's answer to it, ``channel`` where the button was clicked, ``to`` where the hand-off went.
    """
    scope = _scope.get()
    team = scope.ids.get("team") if scope else None
    surface = scope.surface if scope else "action"
    emit(handoff_log, handoff_event(answer, reason=reason, surface=surface, team=team, channel=channel, user=user, to=to))
    if scope is not None:
        scope.metrics.handoffs.labels(reason).inc()


def instrument(app: AsyncApp, metrics: SlackMetrics, lifecycle: Lifecycle, allowed_teams: Collection[str] = ()) -> AsyncApp:
    """Add the request watch (and the workspace check, when ``allowed_teams`` is given) to ``app``."""
    app.use(Watch(metrics, frozenset(allowed_teams)))
    runner = app.listener_runner
    runner.listener_start_handler = _Started(lifecycle)
    runner.listener_completion_handler = _Completed(lifecycle)
    metrics.count_in_flight(lambda: lifecycle.in_flight)
    return app


class Watch(AsyncMiddleware):
    """Refuses other workspaces, counts requests by surface and binds each request's :class:`Scope`."""

    def __init__(self, metrics: SlackMetrics, allowed_teams: frozenset[str]) -> None:
        self.metrics = metrics
        self.allowed_teams = allowed_teams

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse | None:
        surface = surface_of(req.body)
        context = req.context
        if self.allowed_teams and not allowed(context, self.allowed_teams):
            self.metrics.refused.labels("team").inc()
            emit(
                log,
                {"event": "refused", "reason": "team", "surface": surface, "team": context.team_id, "enterprise": context.enterprise_id},
                logging.WARNING,
            )
            return refusal(req)
        self.metrics.requests.labels(surface).inc()
        # Bolt runs listeners after the middleware returns, in tasks that copy this context: the scope goes with them.
        _scope.set(Scope(self.metrics, surface, ids_of(req)))
        await next()
        return resp


class _Started(AsyncListenerStartHandler):
    def __init__(self, lifecycle: Lifecycle) -> None:
        self.lifecycle = lifecycle

    async def handle(self, request: AsyncBoltRequest, response: BoltResponse | None) -> None:
        self.lifecycle.begin()


class _Completed(AsyncListenerCompletionHandler):
    def __init__(self, lifecycle: Lifecycle) -> None:
        self.lifecycle = lifecycle

    async def handle(self, request: AsyncBoltRequest, response: BoltResponse | None) -> None:
        try:
            scope = _scope.get()
            if scope is not None:
                report(scope)
        finally:
            self.lifecycle.end()


def report(scope: Scope) -> None:
    """Log and count the answers given to a request whose listener is done."""
    seconds = time.perf_counter() - scope.started
    for a in scope.answers:
        emit(answers_log, answer_event(a, surface=scope.surface, latency_ms=seconds * 1000, **scope.ids))
        scope.metrics.answered(scope.surface, a.intent, seconds)
    scope.answers.clear()


# -- reading requests ------------------------------------------------------------------------------


def surface_of(body: object) -> str:
    """Where a request comes from: ``slash``, ``mention``, ``dm``, ``channel``, ``action``, ``home`` or ``other``.

    ``channel`` is a person's message in a channel (what help channels answer), seen only when the app
    subscribes to ``message.channels`` or ``message.groups``.
    """
    if not isinstance(body, dict):
        return OTHER
    if "command" in body:
        return "slash"
    kind = body.get("type")
    if kind in _INTERACTIONS:
        return "action"
    event = body.get("event")
    if kind != "event_callback" or not isinstance(event, dict):
        return OTHER
    if event.get("type") == "app_mention":
        return "mention"
    if event.get("type") == "app_home_opened":
        return "home"
    if event.get("type") == "message" and not event.get("subtype") and not event.get("bot_id"):
        return {"im": "dm", "channel": "channel", "group": "channel"}.get(str(event.get("channel_type")), OTHER)
    return OTHER


def ids_of(req: AsyncBoltRequest) -> dict[str, str | None]:
    """The ids a log line may carry: workspace, channel, user and the event's id; never a token."""
    context, body = req.context, req.body
    event_id = body.get("event_id") if isinstance(body, dict) else None
    return {
        "team": context.team_id,
        "channel": context.channel_id,
        "user": context.user_id,
        "event_id": event_id if isinstance(event_id, str) else None,
    }


def allowed(context: AsyncBoltContext, teams: frozenset[str]) -> bool:
    """Is the request's workspace (or its Enterprise Grid organization) one of ``teams``?"""
    return bool({context.team_id, context.enterprise_id} & teams)


def refusal(req: AsyncBoltRequest) -> BoltResponse:
    """Socket Mode and events: acknowledged, nothing done (Slack would only redeliver). Commands and clicks: 403."""
    if req.mode == "socket_mode" or (isinstance(req.body, dict) and req.body.get("type") == "event_callback"):
        return BoltResponse(status=200, body="")
    return BoltResponse(status=403, body={"error": "this Slack workspace is not allowed to use this app"})
