"""The Bolt app: listeners that translate Slack payloads into questions for the engine and answers back.

Every listener is a small factory closing over what it needs (the engine, the ids it may trust);
none of them keeps conversation state in the process. Surfaces:

- ``/platform <question>``: acknowledged with the answer itself (ephemeral, with "Share in channel");
  ``/platform`` or ``/platform help`` shows usage, ``/platform matrix`` the whole comparison;
- ``app_mention``: answered in the thread of the mention; follow-ups there reuse the thread's context;
- ``message.im``: answered in the DM (in its thread when asked in one);
- ``message.channels`` / ``message.groups`` in help channels (``ANSWER_CHANNELS``): see :mod:`bot.slack.channels`;
- ``app_home_opened``: publishes the Home tab;
- buttons: compare all platforms, caveats, share, feedback, "did you mean" suggestions, and "Ask the
  platform team" when ``PLATFORM_TEAM`` is set (see :mod:`bot.slack.handoff`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
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
from bot.slack.channels import HelpChannels
from bot.slack.context import (
    AnswerRef,
    Conversation,
    SeenEvents,
    answer_metadata,
    describe_error,
    read_conversation,
)
from bot.slack.handoff import HANDOFF, Clicked, HandOff, PlatformTeam
from bot.slack.live import LiveEngine, Serving
from bot.slack.markup import to_plain
from bot.slack.metrics import SlackMetrics
from bot.slack.observe import answered, voted
from bot.slack.outbox import Outbox, Reply
from bot.understand.parse import Query, structured

SLASH_COMMAND = "/platform"
HELP_QUESTION = "help"
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
    platform_team: PlatformTeam | None = None,
    answer_channels: Collection[str] = (),
) -> AsyncApp:
    """The Bolt app answering from ``engine``.

    ``base_url`` points the Web API elsewhere (``SLACK_API_URL``: a proxy, or a fake Slack in
    tests); ``client`` replaces the Web API client altogether. In Socket Mode no HTTP request
    reaches the app, so there is no signature to verify. ``outbox`` paces answers per channel
    (by default Slack's one message per second). A :class:`LiveEngine` as ``engine`` can have its
    knowledge swapped by a reload: listeners read it once per request. ``metrics`` counts the Slack
    calls that fail and those retried. ``platform_team`` (``PLATFORM_TEAM``) adds the hand-off button;
    ``answer_channels`` (``ANSWER_CHANNELS``) are help channels, answered without a mention.
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
    handoff = HandOff(platform_team)
    channels = HelpChannels(frozenset(answer_channels), handoff)

    app.command(SLASH_COMMAND)(on_command(live, handoff))
    app.event("app_mention")(on_mention(live, seen, outbox, handoff))
    if channels.ids:  # before the DM listener: Bolt runs the first listener that matches
        app.event("message", matchers=[channels.matches])(on_channel_message(live, seen, outbox, channels))
    app.event("message")(on_direct_message(live, seen, outbox, handoff))
    app.event("app_home_opened")(on_home_opened(live))
    app.action(COMPARE_ALL)(on_compare_all(live, responder))
    app.action(CAVEATS)(on_caveats(live, responder))
    app.action(SHARE)(on_share(live, responder))
    app.action(FEEDBACK_UP)(on_feedback("up", live, responder, handoff))
    app.action(FEEDBACK_DOWN)(on_feedback("down", live, responder, handoff))
    app.action(SUGGESTION_ACTION)(on_suggestion(live, responder))
    app.action(HANDOFF)(on_handoff(live, responder, handoff))
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


def on_command(live: LiveEngine, handoff: HandOff) -> Listener:
    """``/platform``: the answer is the acknowledgement itself, well within Slack's 3 seconds."""

    async def handle(ack: AsyncAck, command: dict[str, Any]) -> None:
        question = to_plain(str(command.get("text") or ""))
        engine = live.now
        answer = _slash_answer(engine, question)
        answered(answer)
        message = answer_message(answer, Surface(shareable=True, echo_question=answer.intent != "help"))
        message = handoff.offer(message, answer, thread=None)
        await ack(response_type="ephemeral", text=message.text, blocks=message.block_dicts())

    return handle


def on_mention(live: LiveEngine, seen: SeenEvents, outbox: Outbox, handoff: HandOff) -> Listener:
    """An @-mention in a channel: answered in the thread it was asked in, or starting one.

    A mention inside the bot's own DM is left to the ``message.im`` listener, which answers it once.
    The thread is read in the channel's turn, so a follow-up queued behind an answer builds on it.
    """

    async def handle(
        event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext, request: AsyncBoltRequest
    ) -> None:
        channel, ts, thread_ts = str(event.get("channel", "")), str(event.get("ts", "")), _str(event.get("thread_ts"))
        if channel.startswith("D") or not from_a_person(event) or not seen.first_time(body.get("event_id")):
            return
        engine = live.now
        reply = Reply(channel, ts, thread_ts or ts, direct=False, bot_id=context.bot_id)
        with failures_logged("mention"):
            async with outbox.turn(channel):
                conversation = Conversation()
                if thread_ts or is_retry(request):
                    conversation = await read_conversation(
                        client, channel=channel, ts=ts, thread_ts=thread_ts, direct=False, known=engine.known, bot_id=context.bot_id
                    )
                await _reply(engine, outbox, client, event, conversation, reply, bot_user_id=context.bot_user_id, handoff=handoff)

    return handle


def on_channel_message(live: LiveEngine, seen: SeenEvents, outbox: Outbox, channels: HelpChannels) -> Listener:
    """A person's message in a help channel: answered in its thread when confident (:mod:`bot.slack.channels`)."""

    async def handle(
        event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext, request: AsyncBoltRequest
    ) -> None:
        if not from_a_person(event) or not channels.takes(event, bot_user_id=context.bot_user_id):
            return
        if not seen.first_time(body.get("event_id")):
            return
        with failures_logged("help channel"):
            await channels.reply(
                client, live.now, outbox, event, retry=is_retry(request), bot_id=context.bot_id, bot_user_id=context.bot_user_id
            )

    return handle


def on_direct_message(live: LiveEngine, seen: SeenEvents, outbox: Outbox, handoff: HandOff) -> Listener:
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
                await _reply(engine, outbox, client, event, conversation, reply, bot_user_id=context.bot_user_id, handoff=handoff)

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
    handoff: HandOff,
) -> None:
    """Answer a message unless an answer to it is already in the conversation (a redelivery)."""
    if conversation.answered:
        log.info("message %s in %s already answered; skipping the redelivery", reply.reply_to, reply.channel)
        return
    question = to_plain(str(event.get("text") or ""), bot_user_id=bot_user_id) or HELP_QUESTION
    answer = engine.ask(question, conversation.context)
    answered(answer)
    message = answer_message(answer, Surface(context=conversation.context))
    message = handoff.offer(message, answer, thread=None if reply.direct else reply.thread_ts, context=conversation.context)
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
        view = home_view(engine.help(), engine.matrix())
        with failures_logged("home"):
            await client.views_publish(user_id=user, view=view)

    return handle


def on_compare_all(live: LiveEngine, responder: Responder) -> Listener:
    """The "Compare all platforms" button: the clicked answer's features across every platform (the matrix if none)."""
    return _follow_up_button(live, responder, "compare all", lambda engine, ref: engine.answer(compare_all(engine, ref)), answer_message)


def on_caveats(live: LiveEngine, responder: Responder) -> Listener:
    """The "Caveats" button: every note behind the clicked answer, in full."""
    return _follow_up_button(live, responder, "caveats", lambda engine, ref: engine.answer(ref.query()), caveats_message)


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
        answer = engine.answer(ref.query())
        answered(answer)
        message = answer_message(answer, Surface(asked_by=click.user, context=ref.context))
        with failures_logged("share"):
            await responder.share(client, click, answer, message)

    return handle


def on_feedback(vote: str, live: LiveEngine, responder: Responder, handoff: HandOff) -> Listener:
    """👍 / 👎: one structured log line (``bot.events.feedback_event``) with the question, what the answer was and who voted.

    The thanks for a 👎 offers the hand-off, when one is configured.
    """

    async def handle(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        ref = AnswerRef.decode(action.get("value"), live.now.known)
        click = Click.of(body)
        voted(vote, ref, user=click.user, channel=click.channel, message_ts=click.message_ts)
        message = notice_message(FEEDBACK_THANKS)
        if vote == "down":
            thread = None if click.direct or not click.thread_ts else click.thread_ts
            message = handoff.offer_after_vote(message, ref, thread=thread, about=click.message_ts)
        with failures_logged("feedback"):
            await responder.private(client, click, message)

    return handle


def on_handoff(live: LiveEngine, responder: Responder, handoff: HandOff) -> Listener:
    """The "Ask the platform team" button: the question handed to people, once (:mod:`bot.slack.handoff`)."""

    async def handle(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        await ack()
        click = Click.of(body)
        with failures_logged("handoff"):
            note = await handoff.hand_off(
                client, live.now, action.get("value"), Clicked(click.user, click.channel, click.message_ts), bot_id=context.bot_id
            )
            if note is not None:
                await responder.private(client, click, note)

    return handle


def on_suggestion(live: LiveEngine, responder: Responder) -> Listener:
    """A "did you mean" or example button: its structured query, answered (a plain question from an older message, asked)."""

    async def handle(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        engine = live.now
        value = action.get("value")
        ref = AnswerRef.decode(value, engine.known)
        if ref is not None:
            answer = engine.answer(ref.query())
        elif isinstance(value, str) and value.strip():
            answer = engine.ask(value)
        else:
            return
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


def is_retry(request: AsyncBoltRequest) -> bool:
    """Slack redelivers an event it thinks we missed with ``X-Slack-Retry-Num`` (Bolt mirrors it for Socket Mode)."""
    return bool(request.headers.get("x-slack-retry-num"))


def compare_all(engine: Serving, ref: AnswerRef) -> Query:
    """Every platform side by side on the clicked answer's features (the whole matrix if it had none)."""
    return structured("compare", tuple(engine.kb.platforms), ref.features, text=ref.question)


def _slash_answer(engine: Serving, text: str) -> Answer:
    words = text.strip().lower()
    if words in ("", "help", "?", "usage"):
        return engine.help()
    if words in ("matrix", "table", "all"):
        return engine.matrix()
    return engine.ask(text)


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
