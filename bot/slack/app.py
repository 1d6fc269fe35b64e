"""The Bolt app: listeners that translate Slack payloads into questions for the engine and answers back.

Every listener is a small factory closing over what it needs (the engine, the ids it may trust);
none of them keeps conversation state in the process. Surfaces:

- ``/platform <question>``: acknowledged with the answer itself (ephemeral, with "Share in channel");
  ``/platform`` or ``/platform help`` shows usage, ``/platform matrix`` the whole comparison;
- ``app_mention``: answered in the thread of the mention; follow-ups there reuse the thread's context;
- ``message.im``: answered in the DM (in its thread when asked in one);
- ``app_home_opened``: publishes the Home tab;
- buttons: compare all platforms, caveats, share, feedback, and "did you mean" suggestions.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackClientError
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
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.answer import Answer, Engine
from bot.slack.blocks import (
    CAVEATS,
    COMPARE_ALL,
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    SHARE,
    SUGGESTION_ACTION,
    Message,
    Surface,
    answer_message,
    caveats_message,
    home_view,
    notice_message,
)
from bot.slack.context import (
    AnswerRef,
    Conversation,
    SeenEvents,
    answer_metadata,
    describe_error,
    read_conversation,
)
from bot.slack.live import LiveEngine, Serving
from bot.slack.markup import to_plain
from bot.slack.metrics import SlackMetrics
from bot.slack.observe import answered, voted
from bot.slack.outbox import Outbox, Reply

SLASH_COMMAND = "/platform"
HELP_QUESTION = "help"
MATRIX_QUESTION = "compare all platforms"
MAX_RETRIES = 2
FEEDBACK_THANKS = "Thanks for the feedback: it goes to the people who keep the knowledge base."

log = logging.getLogger(__name__)

Listener = Callable[..., Awaitable[None]]


# -- the app ----------------------------------------------------------------------------


def build_app(
    engine: Engine | LiveEngine,
    *,
    token: str,
    signing_secret: str = "",
    base_url: str | None = None,
    client: AsyncWebClient | None = None,
    socket_mode: bool = False,
    retry_interval: RetryIntervalCalculator = default_interval_calculator,
    outbox: Outbox | None = None,
    metrics: SlackMetrics | None = None,
) -> AsyncApp:
    """The Bolt app answering from ``engine``.

    ``base_url`` points the Web API elsewhere (``SLACK_API_URL``: a proxy, or a fake Slack in
    tests); ``client`` replaces the Web API client altogether. In Socket Mode no HTTP request
    reaches the app, so there is no signature to verify. ``outbox`` paces answers per channel
    (by default Slack's one message per second). A :class:`LiveEngine` as ``engine`` can have its
    knowledge swapped by a reload: listeners read it once per request. ``metrics`` counts the Slack
    calls that fail and those retried.
    """
    if not socket_mode and not signing_secret:
        raise ValueError("HTTP mode needs the signing secret: without it any request would pass as Slack's")
    client = client or web_client(token, base_url=base_url, retry_interval=retry_interval)
    app = AsyncApp(
        name="platform-bot",
        client=client,
        signing_secret=signing_secret,
        request_verification_enabled=not socket_mode,
    )
    live = LiveEngine.of(engine)
    seen = SeenEvents()
    responder = Responder(retry_handlers(retry_interval))
    if metrics is not None:  # every Slack call, by the app's client, each listener's copy of it, or a response_url
        client.retry_handlers = metrics.watch(client.retry_handlers or [])
        responder = Responder(metrics.watch(retry_handlers(retry_interval)))
    outbox = outbox or Outbox(retries=MAX_RETRIES, interval=retry_interval)

    app.command(SLASH_COMMAND)(on_command(live))
    app.event("app_mention")(on_mention(live, seen, outbox))
    app.event("message")(on_direct_message(live, seen, outbox))
    app.event("app_home_opened")(on_home_opened(live))
    app.action(COMPARE_ALL)(on_compare_all(live, responder))
    app.action(CAVEATS)(on_caveats(live, responder))
    app.action(SHARE)(on_share(live, responder))
    app.action(FEEDBACK_UP)(on_feedback("up", live, responder))
    app.action(FEEDBACK_DOWN)(on_feedback("down", live, responder))
    app.action(SUGGESTION_ACTION)(on_suggestion(live, responder))
    return app


def web_client(
    token: str, *, base_url: str | None = None, retry_interval: RetryIntervalCalculator = default_interval_calculator
) -> AsyncWebClient:
    """A Web API client that retries on 429 (after Retry-After), on 5xx and on connection errors."""
    handlers = retry_handlers(retry_interval)
    if base_url:
        return AsyncWebClient(token=token, base_url=base_url, retry_handlers=handlers)
    return AsyncWebClient(token=token, retry_handlers=handlers)


def retry_handlers(interval: RetryIntervalCalculator = default_interval_calculator) -> list[AsyncRetryHandler]:
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=MAX_RETRIES),
        AnyServerErrorRetryHandler(max_retry_count=MAX_RETRIES, interval_calculator=interval),
        AsyncConnectionErrorRetryHandler(max_retry_count=MAX_RETRIES, interval_calculator=interval),
    ]


class AnyServerErrorRetryHandler(AsyncServerErrorRetryHandler):
    """slack_sdk's server-error handler retries only 500 and 503; a 502 or 504 from a proxy deserves the same."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and 500 <= response.status_code <= 599


# -- listeners -------------------------------------------------------------------------------


def on_command(live: LiveEngine) -> Listener:
    """``/platform``: the answer is the acknowledgement itself, well within Slack's 3 seconds."""

    async def handle(ack: AsyncAck, command: dict[str, Any]) -> None:
        question = to_plain(str(command.get("text") or ""))
        answer = live.now.ask(_slash_question(question))
        answered(answer)
        message = answer_message(answer, Surface(shareable=True, echo_question=answer.intent != "help"))
        await ack(response_type="ephemeral", text=message.text, blocks=message.block_dicts())

    return handle


def on_mention(live: LiveEngine, seen: SeenEvents, outbox: Outbox) -> Listener:
    """An @-mention in a channel: answered in the thread it was asked in, or starting one.

    A mention inside the bot's own DM is left to the ``message.im`` listener, which answers it once.
    The thread is read in the channel's turn, so a follow-up queued behind an answer builds on it,
    and an event another replica has answered already (the same event reaching two, or a redelivery)
    finds that answer there.
    """

    async def handle(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext) -> None:
        channel, ts, thread_ts = str(event.get("channel", "")), str(event.get("ts", "")), _str(event.get("thread_ts"))
        if channel.startswith("D") or not from_a_person(event) or not seen.first_time(body.get("event_id")):
            return
        engine = live.now
        reply = Reply(channel, ts, thread_ts or ts, direct=False, bot_id=context.bot_id)
        with failures_logged("mention"):
            async with outbox.turn(channel):
                conversation = await read_conversation(
                    client, channel=channel, ts=ts, thread_ts=thread_ts, direct=False, known=engine.known, bot_id=context.bot_id
                )
                await _reply(engine, outbox, client, event, conversation, reply, bot_user_id=context.bot_user_id)

    return handle


def on_direct_message(live: LiveEngine, seen: SeenEvents, outbox: Outbox) -> Listener:
    """A message in the bot's DM: answered there. Edits, deletions, bots' and other subtypes are ignored."""

    async def handle(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext) -> None:
        if event.get("channel_type") != "im" or not from_a_person(event) or not seen.first_time(body.get("event_id")):
            return
        channel, ts, thread_ts = str(event.get("channel", "")), str(event.get("ts", "")), _str(event.get("thread_ts"))
        engine = live.now
        reply = Reply(channel, ts, thread_ts, direct=True, bot_id=context.bot_id)
        with failures_logged("direct message"):
            async with outbox.turn(channel):
                conversation = await read_conversation(
                    client, channel=channel, ts=ts, thread_ts=thread_ts, direct=True, known=engine.known, bot_id=context.bot_id
                )
                await _reply(engine, outbox, client, event, conversation, reply, bot_user_id=context.bot_user_id)

    return handle


async def _reply(
    engine: Serving,
    outbox: Outbox,
    client: AsyncWebClient,
    event: dict[str, Any],
    conversation: Conversation,
    reply: Reply,
    *,
    bot_user_id: str | None,
) -> None:
    """Answer a message unless an answer to it is already in the conversation (a redelivery)."""
    if conversation.answered:
        log.info("message %s in %s already answered; skipping the redelivery", reply.reply_to, reply.channel)
        return
    question = to_plain(str(event.get("text") or ""), bot_user_id=bot_user_id) or HELP_QUESTION
    answer = engine.ask(question, conversation.context)
    answered(answer)
    message = answer_message(answer, Surface(context=conversation.context))
    await outbox.post(
        client,
        reply,
        text=message.text,
        blocks=message.block_dicts(),
        metadata=answer_metadata(answer, reply_to=reply.reply_to),
        unfurl_links=False,
        unfurl_media=False,
    )


def on_home_opened(live: LiveEngine) -> Listener:
    """The Home tab: how to ask, examples and the matrix, published each time a user opens it."""

    async def handle(event: dict[str, Any], client: AsyncWebClient) -> None:
        user = event.get("user")
        if event.get("tab", "home") != "home" or not isinstance(user, str):
            return
        engine = live.now
        view = home_view(engine.ask(HELP_QUESTION), engine.ask(MATRIX_QUESTION))
        with failures_logged("home"):
            await client.views_publish(user_id=user, view=view)

    return handle


def on_compare_all(live: LiveEngine, responder: Responder) -> Listener:
    """The "Compare all platforms" button: the clicked answer's features across every platform (the matrix if none)."""
    return _follow_up_button(
        live, responder, "compare all", lambda engine, ref: engine.ask(compare_all_question(engine, ref.features)), answer_message
    )


def on_caveats(live: LiveEngine, responder: Responder) -> Listener:
    """The "Caveats" button: every note behind the clicked answer, in full."""
    return _follow_up_button(live, responder, "caveats", lambda engine, ref: engine.ask(ref.question, ref.context), caveats_message)


def _follow_up_button(
    live: LiveEngine,
    responder: Responder,
    what: str,
    ask: Callable[[Serving, AnswerRef], Answer],
    render: Callable[[Answer], Message],
) -> Listener:
    """A button that answers a new question about the clicked answer and sends the result to the clicker."""

    async def handle(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        engine = live.now
        ref = AnswerRef.decode(action.get("value"), engine.known)
        if ref is None:
            return
        answer = ask(engine, ref)
        answered(answer)
        with failures_logged(what):
            await responder.result(client, Click.of(body), answer, render(answer))

    return handle


def on_share(live: LiveEngine, responder: Responder) -> Listener:
    """The "Share in channel" button: the ephemeral slash answer posted for everyone, then the private copy removed."""

    async def handle(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        engine = live.now
        ref = AnswerRef.decode(action.get("value"), engine.known)
        click = Click.of(body)
        if ref is None:
            return
        answer = engine.ask(ref.question, ref.context)
        answered(answer)
        message = answer_message(answer, Surface(asked_by=click.user, context=ref.context))
        with failures_logged("share"):
            await responder.share(client, click, answer, message)

    return handle


def on_feedback(vote: str, live: LiveEngine, responder: Responder) -> Listener:
    """👍 / 👎: one structured log line (``bot.events.feedback_event``) with the question, what the answer was and who voted."""

    async def handle(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        ref = AnswerRef.decode(action.get("value"), live.now.known)
        click = Click.of(body)
        voted(vote, ref, user=click.user, channel=click.channel, message_ts=click.message_ts)
        with failures_logged("feedback"):
            await responder.private(client, click, notice_message(FEEDBACK_THANKS))

    return handle


def on_suggestion(live: LiveEngine, responder: Responder) -> Listener:
    """A "did you mean" or example button: its question, answered."""

    async def handle(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        question = action.get("value")
        if not isinstance(question, str) or not question.strip():
            return
        answer = live.now.ask(question)
        answered(answer)
        with failures_logged("suggestion"):
            await responder.result(client, Click.of(body), answer, answer_message(answer))

    return handle


# -- helpers ------------------------------------------------------------------------


def from_a_person(event: dict[str, Any]) -> bool:
    """A new message typed by a person: not a bot's (ours included), not an edit, deletion or other subtype."""
    return (
        not event.get("subtype")
        and not event.get("bot_id")
        and not event.get("bot_profile")
        and isinstance(event.get("user"), str)
        and isinstance(event.get("text"), str)
    )


def compare_all_question(engine: Engine | Serving, features: tuple[str, ...]) -> str:
    """A question the engine answers with every platform side by side on ``features``."""
    names = " and ".join(p.name for p in engine.kb.platforms.values())
    on = " and ".join(engine.kb.features[f].name for f in features if f in engine.kb.features)
    return f"compare {names}" + (f" on {on}" if on else "")


def _slash_question(text: str) -> str:
    words = text.strip().lower()
    if words in ("", "help", "?", "usage"):
        return HELP_QUESTION
    if words in ("matrix", "table", "all"):
        return MATRIX_QUESTION
    return text


@contextmanager
def failures_logged(what: str) -> Iterator[None]:
    """A failed Slack call ends this listener with a log line (Slack's error code only), not a traceback."""
    try:
        yield
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as exc:
        log.warning("%s: a Slack call failed: %s", what, describe_error(exc))


@dataclass(frozen=True, slots=True)
class Click:
    """Where a button was clicked, and by whom."""

    user: str
    channel: str | None
    message_ts: str | None
    thread_ts: str | None
    ephemeral: bool
    response_url: str | None

    @classmethod
    def of(cls, body: dict[str, Any]) -> Click:
        container = _dict(body.get("container"))
        message = _dict(body.get("message"))
        channel = _dict(body.get("channel")).get("id") or container.get("channel_id")
        response_url = body.get("response_url")
        return cls(
            user=str(_dict(body.get("user")).get("id", "")),
            channel=channel if isinstance(channel, str) else None,
            message_ts=_str(container.get("message_ts") or message.get("ts")),
            thread_ts=_str(container.get("thread_ts") or message.get("thread_ts")),
            ephemeral=bool(container.get("is_ephemeral")),
            response_url=response_url if isinstance(response_url, str) and response_url.startswith(("https://", "http://")) else None,
        )

    @property
    def direct(self) -> bool:
        """In a DM with the bot (Slack's IM ids start with D), where results can be posted for real."""
        return bool(self.channel and self.channel.startswith("D"))


class Responder:
    """Where the result of a click goes.

    - on an ephemeral slash answer: another ephemeral message, through the click's ``response_url``;
    - in a DM with the bot: a real message (with metadata, so follow-ups can build on it);
    - in a channel: an ephemeral message for the clicker only, in the same thread.
    """

    def __init__(self, retry: list[AsyncRetryHandler]) -> None:
        self._retry = retry

    async def result(self, client: AsyncWebClient, click: Click, answer: Answer, message: Message) -> None:
        if click.direct and not click.ephemeral:
            await client.chat_postMessage(
                channel=click.channel or click.user,
                thread_ts=click.thread_ts,
                text=message.text,
                blocks=message.block_dicts(),
                metadata=answer_metadata(answer),
                unfurl_links=False,
                unfurl_media=False,
            )
        else:
            await self.private(client, click, message)

    async def private(self, client: AsyncWebClient, click: Click, message: Message) -> None:
        if click.ephemeral and click.response_url:
            await self._respond(click.response_url, {"response_type": "ephemeral", "replace_original": False, **_payload(message)})
        elif click.channel:
            await client.chat_postEphemeral(
                channel=click.channel, user=click.user, thread_ts=click.thread_ts, text=message.text, blocks=message.block_dicts()
            )
        else:
            await client.chat_postMessage(channel=click.user, text=message.text, blocks=message.block_dicts())

    async def share(self, client: AsyncWebClient, click: Click, answer: Answer, message: Message) -> None:
        if not click.response_url:
            await client.chat_postMessage(
                channel=click.channel or click.user, text=message.text, blocks=message.block_dicts(), metadata=answer_metadata(answer)
            )
            return
        await self._respond(
            click.response_url,
            {"response_type": "in_channel", "replace_original": False, "metadata": answer_metadata(answer).to_dict(), **_payload(message)},
        )
        await self._respond(click.response_url, {"delete_original": True})

    async def _respond(self, url: str, body: dict[str, Any]) -> None:
        response = await AsyncWebhookClient(url=url, retry_handlers=self._retry).send_dict(body)
        if response.status_code != 200:
            log.warning("response_url post failed: HTTP %s %s", response.status_code, response.body[:200])


def _payload(message: Message) -> dict[str, Any]:
    return {"text": message.text, "blocks": message.block_dicts(), "unfurl_links": False, "unfurl_media": False}


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


__all__ = ["SLASH_COMMAND", "build_app", "web_client"]
