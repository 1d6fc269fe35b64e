"""Help channels (``ANSWER_CHANNELS``): answering people who ask without mentioning the bot.

In these channels the bot answers a top-level message that looks like a question in a thread under
it, only when its answer is confident and the question is about what it covers (it names a
platform, or asks to compare or choose: a feature's word alone is everyday talk in such a channel).
Otherwise it says nothing, or, when ``PLATFORM_TEAM`` is set and the question names something the
bot knows of, replies in the thread with the hand-off button alone. Small talk gets nothing.

Inside threads it answers only follow-ups in a thread where it has answered (as after a mention, they
build on that answer), and not once the platform team has been brought in there. It never answers
its own or other bots' messages, edits or other subtypes; a message that mentions the bot is left to
the ``app_mention`` listener, which answers it once. Slack sends channel messages only when the app
subscribes to ``message.channels`` (``message.groups`` for private channels).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.metadata import Metadata
from slack_sdk.web.async_client import AsyncWebClient

from bot.answer import LOW_CONFIDENCE, Answer
from bot.slack.blocks import Message, Surface, answer_message
from bot.slack.context import ANSWER_EVENT, Conversation, answer_metadata, describe_error, read_messages, read_thread
from bot.slack.delivery import Courier, Reply
from bot.slack.faults import CALL_FAILURES
from bot.slack.handoff import HandOff, handed_off_in, recognised
from bot.slack.ids import CHANNEL, id_list
from bot.slack.live import Serving
from bot.slack.markup import to_plain
from bot.slack.observe import answered
from bot.slack.outbox import Outbox

CHANNEL_TYPES = ("channel", "group")
# English words a question, or a request for an answer, starts with when it has no question mark ("does it support x",
# "how do I", "compare x and y"). Grammar, not knowledge: what the bot can answer is decided by the engine.
QUESTION_WORDS = frozenset(
    "what which who whom whose when where why how is are was were am do does did can could should would will shall may might must "
    "has have had any anyone anybody compare explain tell show list".split()
)
_FIRST_WORD = re.compile(r"[a-z']+")

log = logging.getLogger(__name__)


def answer_channels(env: Mapping[str, str]) -> frozenset[str]:
    """``ANSWER_CHANNELS``: comma-separated channel ids (C… or G…); empty when unset. A malformed one raises ``ValueError``."""
    ids, bad = id_list(env, "ANSWER_CHANNELS", CHANNEL)
    if bad:
        raise ValueError(
            f"ANSWER_CHANNELS must be comma-separated Slack channel ids (C… or G…), not {', '.join(map(repr, bad))}. "
            "A channel's id is at the bottom of its details (click the channel's name); invite the bot to each channel."
        )
    return ids


def looks_like_question(text: str) -> bool:
    """A question mark, or a first word questions and requests start with: "thanks!" and "we moved last week" are not."""
    first = _FIRST_WORD.match(text.strip().lower())
    return "?" in text or (first is not None and first.group() in QUESTION_WORDS)


def confident(answer: Answer) -> bool:
    """The answer covers the question and understood it."""
    return answer.intent not in ("unknown", "help") and answer.confidence >= LOW_CONFIDENCE


def on_topic(answer: Answer) -> bool:
    """Is an unprompted question about what the bot covers: does it name a platform, or ask to compare or choose?

    A feature's word alone is everyday talk in a platform team's channel ("is the VPN down?", "who owns the
    ingress?") and reads as a confident question about that feature; in a thread the bot answered, its
    answer already sets the topic.
    """
    return bool(answer.mentioned_platforms) or answer.intent in ("compare", "recommend")


@dataclass(frozen=True, slots=True)
class HelpChannels:
    """The channels answered without a mention, and the hand-off offered there."""

    ids: frozenset[str]
    handoff: HandOff

    async def matches(self, body: dict[str, Any]) -> bool:
        """A Bolt listener matcher: a message event in one of the help channels (DMs never are: their ids start with D)."""
        event = body.get("event")
        return isinstance(event, dict) and event.get("channel") in self.ids and event.get("channel_type") in CHANNEL_TYPES

    def takes(self, event: Mapping[str, Any], *, bot_user_id: str | None) -> bool:
        """A message to consider: it looks like a question and does not mention the bot (``app_mention`` has those).

        The caller has already checked it is a person's new message (no bot, edit or other subtype).
        """
        text = str(event.get("text") or "")
        if bot_user_id and re.search(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", text):
            return False
        return looks_like_question(to_plain(text, bot_user_id=bot_user_id))

    async def reply(
        self,
        client: AsyncWebClient,
        engine: Serving,
        outbox: Outbox,
        courier: Courier,
        event: Mapping[str, Any],
        *,
        bot_id: str | None,
        bot_user_id: str | None,
    ) -> None:
        """Answer (or offer the hand-off for) a help-channel message, in its thread; or say nothing.

        The thread is read first, even for a new question, so that an event another replica has answered
        (the same event reaching two, or a redelivery) finds that answer there.
        """
        channel, ts = str(event.get("channel", "")), str(event.get("ts", ""))
        thread_ts = event.get("thread_ts") if isinstance(event.get("thread_ts"), str) else None
        top = not thread_ts or thread_ts == ts
        question = to_plain(str(event.get("text") or ""), bot_user_id=bot_user_id)
        reply = Reply(channel, ts, thread_ts or ts, bot_id=bot_id)
        async with outbox.turn(channel):
            try:
                messages = await read_thread(client, channel, thread_ts or ts)
            except CALL_FAILURES as exc:
                log.warning("help channel: could not read the thread of %s in %s; not answering: %s", ts, channel, describe_error(exc))
                return
            conversation = read_messages(messages, reply_to=ts, known=engine.known, bot_id=bot_id)
            if conversation.answered:
                log.info("message %s in %s already answered; skipping the redelivery", ts, channel)
                return
            if not top and (conversation.context is None or handed_off_in(messages, bot_id=bot_id)):
                return  # a thread the bot has not answered in, or one people have taken over
            chosen = self._choose(engine.ask(question, conversation.context), conversation, reply, top=top)
            if chosen is not None:
                await self._post(client, courier, reply, *chosen)

    def _choose(self, answer: Answer, conversation: Conversation, reply: Reply, *, top: bool) -> tuple[Answer, Message, Metadata] | None:
        """The message to post for ``answer``, if any: the answer when confident (and, at the top level, on topic), else
        (top level only) the hand-off offer for a question naming something the bot knows of."""
        if confident(answer):
            if top and not on_topic(answer):
                return None
            message = answer_message(answer, Surface(context=conversation.context))
            return answer, message, answer_metadata(answer, reply_to=reply.reply_to)
        if not top or not recognised(answer):
            return None
        offer = self.handoff.offer_alone(answer, thread=reply.thread_ts or reply.reply_to, context=conversation.context)
        if offer is None:
            return None
        # No answer was shown, so the offer's metadata carries nothing for a follow-up to build on; it still marks the
        # question as replied to, so a redelivered event is not offered twice.
        nothing = {"intent": "unknown", "platforms": "", "features": "", "reply_to": reply.reply_to}
        return answer, offer, Metadata(event_type=ANSWER_EVENT, event_payload=nothing)

    @staticmethod
    async def _post(client: AsyncWebClient, courier: Courier, reply: Reply, answer: Answer, message: Message, metadata: Metadata) -> None:
        """Post once (:mod:`bot.slack.delivery`); an answer nobody asked for is not chased with a notice if it cannot be."""
        delivery = await courier.post_answer(
            client, reply, text=message.text, blocks=message.block_dicts(), metadata=metadata, unfurl_links=False, unfurl_media=False
        )
        if delivery.posted:
            answered(answer)
        else:
            log.warning("help channel: could not post in %s: %s", reply.channel, delivery.error)
