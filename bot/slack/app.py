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

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.http_retry.handler import default_interval_calculator
from slack_sdk.http_retry.interval_calculator import RetryIntervalCalculator
from slack_sdk.models.metadata import Metadata
from slack_sdk.web.async_client import AsyncWebClient

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
from bot.slack.client import ReadableClient, readable, web_client
from bot.slack.context import (
    AnswerRef,
    Conversation,
    SeenEvents,
    already_posted,
    answer_metadata,
    read_conversation,
)
from bot.slack.delivery import EPHEMERAL, POST, RESPONSE_URL, Courier, Delivery, Patience, Reply, Send
from bot.slack.faults import CALL_FAILURES, describe_error
from bot.slack.handoff import HANDOFF, Clicked, HandOff, PlatformTeam
from bot.slack.identity import Authorization, SignIn
from bot.slack.live import LiveEngine, Serving
from bot.slack.markup import to_plain
from bot.slack.metrics import SlackMetrics
from bot.slack.observe import answered, undelivered, voted
from bot.slack.outbox import Outbox
from bot.understand.parse import Query, structured

SLASH_COMMAND = "/platform"
HELP_QUESTION = "help"
FEEDBACK_THANKS = "Thanks for the feedback: it goes to the people who keep the knowledge base."
COULD_NOT_POST = "I couldn't post the answer, please ask again."
UNCONFIRMED = "Slack didn't confirm that the answer reached you: if you don't see it, please ask again."
COULD_NOT_SHARE = "I couldn't share the answer in the channel, so your copy stays here. Please try again."
SHARE_UNCONFIRMED = "Slack didn't confirm the answer was shared: if it isn't in the channel, please share it again (your copy stays here)."
COULD_NOT_SHOW_HOME = "I couldn't show the Home tab just now, please open it again."

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
    patience: Patience | None = None,
    sign_in: SignIn | None = None,
) -> AsyncApp:
    """The Bolt app answering from ``engine``.

    ``base_url`` points the Web API elsewhere (``SLACK_API_URL``: a proxy, or a fake Slack in
    tests); ``client`` replaces the Web API client altogether. In Socket Mode no HTTP request
    reaches the app, so there is no signature to verify. ``outbox`` paces answers per channel
    (by default Slack's one message per second); ``patience`` bounds every post's retries
    (:mod:`bot.slack.delivery`). A :class:`LiveEngine` as ``engine`` can have its knowledge swapped
    by a reload: listeners read it once per request. ``metrics`` counts the Slack calls that fail
    and those retried. ``sign_in`` holds who the bot is, once ``auth.test`` said so (the start-up
    check fills it); Bolt reuses it for every request instead of calling ``auth.test`` itself.
    ``platform_team`` (``PLATFORM_TEAM``) adds the hand-off button; ``answer_channels``
    (``ANSWER_CHANNELS``) are help channels, answered without a mention.
    """
    if not socket_mode and not signing_secret:
        raise ValueError("HTTP mode needs the signing secret: without it any request would pass as Slack's")
    client = readable(client or web_client(token, base_url=base_url, retry_interval=retry_interval))
    sign_in = sign_in or SignIn(client)
    logging.getLogger("slack_bolt.AsyncApp").addFilter(_unused_token_warning)
    app = AsyncApp(
        name="platform-bot",
        client=client,
        # Bolt takes an AsyncAuthorize (whose result may be None) but annotates the parameter as a callable returning one.
        authorize=Authorization(sign_in, client.token or token),  # type: ignore[arg-type]
        signing_secret=signing_secret,
        request_verification_enabled=not socket_mode,
    )
    app.use(ReadableClient())
    live = LiveEngine.of(engine)
    seen = SeenEvents()
    if metrics is not None:  # every Slack call, by the app's client or each listener's copy of it
        client.retry_handlers = metrics.watch(client.retry_handlers or [])
    courier = Courier(patience or Patience(interval=retry_interval), metrics=metrics, timeout=float(client.timeout))
    responder = Responder(courier)
    outbox = outbox or Outbox()
    handoff = HandOff(platform_team)
    channels = HelpChannels(frozenset(answer_channels), handoff)

    app.command(SLASH_COMMAND)(on_command(live, handoff))
    app.event("app_mention")(on_mention(live, seen, outbox, courier, handoff))
    if channels.ids:  # before the DM listener: Bolt runs the first listener that matches
        app.event("message", matchers=[channels.matches])(on_channel_message(live, seen, outbox, courier, channels))
    app.event("message")(on_direct_message(live, seen, outbox, courier, handoff))
    app.event("app_home_opened")(on_home_opened(live, courier))
    app.action(COMPARE_ALL)(on_compare_all(live, responder))
    app.action(CAVEATS)(on_caveats(live, responder))
    app.action(SHARE)(on_share(live, responder))
    app.action(FEEDBACK_UP)(on_feedback("up", live, responder, handoff))
    app.action(FEEDBACK_DOWN)(on_feedback("down", live, responder, handoff))
    app.action(SUGGESTION_ACTION)(on_suggestion(live, responder))
    app.action(HANDOFF)(on_handoff(live, responder, handoff))
    return app


# -- listeners -------------------------------------------------------------------------------


def on_command(live: LiveEngine, handoff: HandOff) -> Listener:
    """``/platform``: the answer is the acknowledgement itself, well within Slack's 3 seconds."""

    async def handle(ack: AsyncAck, command: dict[str, Any]) -> None:
        question = to_plain(str(command.get("text") or ""))
        answer = _slash_answer(live.now, question)
        message = answer_message(answer, Surface(shareable=True, echo_question=answer.intent != "help"))
        message = handoff.offer(message, answer, thread=None)
        await ack(response_type="ephemeral", text=message.text, blocks=message.block_dicts())
        answered(answer)

    return handle


def on_mention(live: LiveEngine, seen: SeenEvents, outbox: Outbox, courier: Courier, handoff: HandOff) -> Listener:
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
        reply = Reply(channel, ts, thread_ts or ts, bot_id=context.bot_id, user=_str(event.get("user")))
        with failures_logged("mention"):
            async with outbox.turn(channel):
                conversation = await read_conversation(
                    client, channel=channel, ts=ts, thread_ts=thread_ts, direct=False, known=engine.known, bot_id=context.bot_id
                )
                await _reply(engine, courier, client, event, conversation, reply, bot_user_id=context.bot_user_id, handoff=handoff)

    return handle


def on_channel_message(live: LiveEngine, seen: SeenEvents, outbox: Outbox, courier: Courier, channels: HelpChannels) -> Listener:
    """A person's message in a help channel: answered in its thread when confident (:mod:`bot.slack.channels`)."""

    async def handle(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext) -> None:
        if not from_a_person(event) or not channels.takes(event, bot_user_id=context.bot_user_id):
            return
        if not seen.first_time(body.get("event_id")):
            return
        with failures_logged("help channel"):
            await channels.reply(client, live.now, outbox, courier, event, bot_id=context.bot_id, bot_user_id=context.bot_user_id)

    return handle


def on_direct_message(live: LiveEngine, seen: SeenEvents, outbox: Outbox, courier: Courier, handoff: HandOff) -> Listener:
    """A message in the bot's DM: answered there. Edits, deletions, bots' and other subtypes are ignored."""

    async def handle(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext) -> None:
        if event.get("channel_type") != "im" or not from_a_person(event) or not seen.first_time(body.get("event_id")):
            return
        channel, ts, thread_ts = str(event.get("channel", "")), str(event.get("ts", "")), _str(event.get("thread_ts"))
        engine = live.now
        reply = Reply(channel, ts, thread_ts, bot_id=context.bot_id, user=_str(event.get("user")))
        with failures_logged("direct message"):
            async with outbox.turn(channel):
                conversation = await read_conversation(
                    client, channel=channel, ts=ts, thread_ts=thread_ts, direct=True, known=engine.known, bot_id=context.bot_id
                )
                await _reply(engine, courier, client, event, conversation, reply, bot_user_id=context.bot_user_id, handoff=handoff)

    return handle


async def _reply(
    engine: Serving,
    courier: Courier,
    client: AsyncWebClient,
    event: dict[str, Any],
    conversation: Conversation,
    reply: Reply,
    *,
    bot_user_id: str | None,
    handoff: HandOff,
) -> None:
    """Answer a message unless an answer to it is already in the conversation (a redelivery); say so if it cannot be posted."""
    if conversation.answered:
        log.info("message %s in %s already answered; skipping the redelivery", reply.reply_to, reply.channel)
        return
    question = to_plain(str(event.get("text") or ""), bot_user_id=bot_user_id) or HELP_QUESTION
    answer = engine.ask(question, conversation.context)
    message = answer_message(answer, Surface(context=conversation.context))
    thread = None if reply.channel.startswith("D") else reply.thread_ts
    message = handoff.offer(message, answer, thread=thread, context=conversation.context)
    delivery = await courier.post_answer(
        client,
        reply,
        text=message.text,
        blocks=message.block_dicts(),
        metadata=answer_metadata(answer, reply_to=reply.reply_to),
        unfurl_links=False,
        unfurl_media=False,
    )
    if delivery.posted:
        answered(answer)
        return
    undelivered(f"{reply.channel}/{reply.reply_to}", delivery.error, unconfirmed=delivery.unconfirmed)
    if reply.user:
        await _ephemeral(
            courier, client, reply.channel, reply.user, reply.thread_ts, UNCONFIRMED if delivery.unconfirmed else COULD_NOT_POST
        )


async def _ephemeral(courier: Courier, client: AsyncWebClient, channel: str, user: str, thread_ts: str | None, text: str) -> Delivery:
    """A notice only ``user`` sees in ``channel`` (in the thread, if any)."""
    poster = courier.poster(client)
    notice = notice_message(text)

    async def send() -> None:
        await poster.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, text=notice.text, blocks=notice.block_dicts())

    delivery = await courier.deliver(EPHEMERAL, send, about=f"a notice to {user} in {channel}")
    if not delivery.posted:
        log.warning("could not tell %s in %s either: a Slack call failed: %s", user, channel, delivery.error)
    return delivery


def on_home_opened(live: LiveEngine, courier: Courier) -> Listener:
    """The Home tab: how to ask, examples and the matrix, published each time a user opens it (a DM says so if it cannot be)."""

    async def handle(event: dict[str, Any], client: AsyncWebClient) -> None:
        user = event.get("user")
        if event.get("tab", "home") != "home" or not isinstance(user, str):
            return
        engine = live.now
        view = home_view(engine.help(), engine.matrix())
        try:
            await client.views_publish(user_id=user, view=view)  # publishing twice shows the same: slack_sdk may retry it
        except CALL_FAILURES as exc:
            log.warning("home: a Slack call failed: %s", describe_error(exc))
            poster = courier.poster(client)
            await courier.deliver(
                POST, lambda: poster.chat_postMessage(channel=user, text=COULD_NOT_SHOW_HOME), about=f"a notice to {user}"
            )

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
        click = Click.of(body)
        with failures_logged(what):
            if (await responder.result(client, click, answer, render(answer))).posted:
                answered(answer)

    return handle


def on_share(live: LiveEngine, responder: Responder) -> Listener:
    """The "Share in channel" button: the ephemeral slash answer posted for everyone, then (only then) the private copy removed."""

    async def handle(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        engine = live.now
        ref = AnswerRef.decode(action.get("value"), engine.known)
        click = Click.of(body)
        if ref is None:
            return
        answer = engine.answer(ref.query())
        message = answer_message(answer, Surface(asked_by=click.user, context=ref.context))
        with failures_logged("share"):
            if (await responder.share(client, click, answer, message)).posted:
                answered(answer)

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
        with failures_logged("suggestion"):
            if (await responder.result(client, Click.of(body), answer, answer_message(answer))).posted:
                answered(answer)

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
    except CALL_FAILURES as exc:
        log.warning("%s: a Slack call failed: %s", what, describe_error(exc))


@dataclass(frozen=True, slots=True)
class Click:
    """Where a button was clicked, by whom, and which click it was."""

    user: str
    channel: str | None
    message_ts: str | None
    thread_ts: str | None
    ephemeral: bool
    response_url: str | None
    key: str | None = None
    """This click's own id (the action's ``action_ts``), carried in the metadata of what it posts so a retry can find it."""

    @classmethod
    def of(cls, body: dict[str, Any]) -> Click:
        container = _dict(body.get("container"))
        message = _dict(body.get("message"))
        channel = _dict(body.get("channel")).get("id") or container.get("channel_id")
        response_url = body.get("response_url")
        actions = body.get("actions")
        action = _dict(actions[0]) if isinstance(actions, list) and actions else {}
        return cls(
            user=str(_dict(body.get("user")).get("id", "")),
            channel=channel if isinstance(channel, str) else None,
            message_ts=_str(container.get("message_ts") or message.get("ts")),
            thread_ts=_str(container.get("thread_ts") or message.get("thread_ts")),
            ephemeral=bool(container.get("is_ephemeral")),
            response_url=response_url if isinstance(response_url, str) and response_url.startswith(("https://", "http://")) else None,
            key=_str(action.get("action_ts")) or _str(body.get("trigger_id")),
        )

    @property
    def direct(self) -> bool:
        """In a DM with the bot (Slack's IM ids start with D), where results can be posted for real."""
        return bool(self.channel and self.channel.startswith("D"))


class Responder:
    """Where the result of a click goes, delivered once (:class:`~bot.slack.delivery.Courier`), and who hears when it cannot be.

    - on an ephemeral slash answer: another ephemeral message, through the click's ``response_url``;
    - in a DM with the bot: a real message (with metadata, so follow-ups can build on it, and a retry
      can find it);
    - in a channel: an ephemeral message for the clicker only, in the same thread.

    Ephemeral messages cannot be read back, so after a failure that leaves their fate unknown they
    are not sent again; the clicker is told instead, by the other route (``response_url`` or
    ``chat.postEphemeral``). Each method returns the :class:`Delivery`; a failed one has been told
    and logged already.
    """

    def __init__(self, courier: Courier) -> None:
        self.courier = courier

    async def result(self, client: AsyncWebClient, click: Click, answer: Answer, message: Message) -> Delivery:
        if not (click.direct and not click.ephemeral and click.channel):
            return await self.private(client, click, message, about_an_answer=True)
        channel, poster = click.channel, self.courier.poster(client)

        async def send() -> None:
            await poster.chat_postMessage(
                channel=channel,
                thread_ts=click.thread_ts,
                text=message.text,
                blocks=message.block_dicts(),
                metadata=answer_metadata(answer, click=click.key),
                unfurl_links=False,
                unfurl_media=False,
            )

        async def look() -> bool | None:
            return await already_posted(client, channel=channel, thread_ts=click.thread_ts, click=click.key) if click.key else None

        delivery = await self.courier.deliver(POST, send, look=look, about=f"a click's result in {channel}")
        if not delivery.posted:
            await self._failed(client, click, delivery, POST, UNCONFIRMED if delivery.unconfirmed else COULD_NOT_POST)
        return delivery

    async def private(self, client: AsyncWebClient, click: Click, message: Message, *, about_an_answer: bool = False) -> Delivery:
        """``message`` for the clicker's eyes only; when it is an answer that cannot be delivered, they are told."""
        route, send = self._private_route(client, click, message)
        delivery = await self.courier.deliver(route, send, about=f"a click's result for {click.user}")
        if not delivery.posted and about_an_answer:
            await self._failed(client, click, delivery, route, UNCONFIRMED if delivery.unconfirmed else COULD_NOT_POST)
        elif not delivery.posted:
            log.warning("could not answer %s's click: a Slack call failed: %s", click.user, delivery.error)
        return delivery

    def _private_route(self, client: AsyncWebClient, click: Click, message: Message) -> tuple[str, Send]:
        if click.ephemeral and click.response_url:
            return RESPONSE_URL, self._responding(click.response_url, {"response_type": "ephemeral", **_payload(message)})
        poster = self.courier.poster(client)
        if click.channel:
            channel = click.channel

            async def ephemeral() -> None:
                await poster.chat_postEphemeral(
                    channel=channel, user=click.user, thread_ts=click.thread_ts, text=message.text, blocks=message.block_dicts()
                )

            return EPHEMERAL, ephemeral

        async def direct() -> None:
            await poster.chat_postMessage(channel=click.user, text=message.text, blocks=message.block_dicts())

        return POST, direct

    async def share(self, client: AsyncWebClient, click: Click, answer: Answer, message: Message) -> Delivery:
        """The answer posted in the channel for everyone; the private copy is deleted only once the public one is there."""
        metadata = answer_metadata(answer, click=click.key)
        channel = click.channel or click.user
        route, send = POST, self._posting(client, channel, message, metadata)
        if click.response_url:
            body = {"response_type": "in_channel", "metadata": metadata.to_dict(), **_payload(message)}
            route, send = RESPONSE_URL, self._responding(click.response_url, body)

        async def look() -> bool | None:
            return await already_posted(client, channel=channel, thread_ts=None, click=click.key) if click.key else None

        delivery = await self.courier.deliver(route, send, look=look, about=f"a shared answer in {channel}")
        if not delivery.posted:
            await self._failed(client, click, delivery, route, SHARE_UNCONFIRMED if delivery.unconfirmed else COULD_NOT_SHARE)
        elif click.response_url:
            remove = self._responding(click.response_url, {"delete_original": True})
            removal = await self.courier.deliver(RESPONSE_URL, remove, about="a shared answer's private copy")
            if not removal.posted:
                log.info("the shared answer's private copy stays (%s): harmless, the public one is there", removal.error)
        return delivery

    def _posting(self, client: AsyncWebClient, channel: str, message: Message, metadata: Metadata) -> Send:
        poster = self.courier.poster(client)

        async def send() -> None:
            await poster.chat_postMessage(channel=channel, text=message.text, blocks=message.block_dicts(), metadata=metadata)

        return send

    def _responding(self, url: str, body: dict[str, Any]) -> Send:
        """A post of ``body`` to a ``response_url`` (a new message, unless it deletes the original)."""
        payload = body if "delete_original" in body else {"replace_original": False, **body}
        return lambda: self.courier.respond(url, payload)

    async def _failed(self, client: AsyncWebClient, click: Click, delivery: Delivery, route: str, notice: str) -> None:
        """Log the click's lost result and tell the clicker, by a route other than ``route``."""
        undelivered(f"{click.channel or click.user}/{click.message_ts}/{click.key}", delivery.error, unconfirmed=delivery.unconfirmed)
        if route != RESPONSE_URL and click.response_url:
            tell = self._responding(click.response_url, {"response_type": "ephemeral", **_payload(notice_message(notice))})
            if (await self.courier.deliver(RESPONSE_URL, tell, about=f"a notice to {click.user}")).posted:
                return
        if route != EPHEMERAL and click.channel:
            await _ephemeral(self.courier, client, click.channel, click.user, click.thread_ts, notice)


def _unused_token_warning(record: logging.LogRecord) -> bool:
    """Drop Bolt's start-up warnings that the token is unused: it reads SLACK_BOT_TOKEN itself, and is given a client built
    from it and an ``authorize`` that serves it."""
    return not str(record.msg).startswith(("As you gave `client` as well", "As `installation_store` or `authorize` has been used"))


def _payload(message: Message) -> dict[str, Any]:
    return {"text": message.text, "blocks": message.block_dicts(), "unfurl_links": False, "unfurl_media": False}


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


__all__ = ["SLASH_COMMAND", "build_app", "web_client"]
