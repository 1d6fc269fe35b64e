"""Bringing in people when the bot cannot help: the "Ask the platform team" button and what it posts.

``PLATFORM_TEAM`` names who to bring in: a user group (``S…``, mentioned as ``<!subteam^S…>``) or a
person (``U…``/``W…``, ``<@U…>``). The button is offered on unknown and low-confidence answers and in
the reply to a 👎, wherever a hand-off can land:

- an answer in a channel thread (a mention, a help channel): the hand-off is posted in that thread;
- an answer in a DM or to a slash command: in ``PLATFORM_TEAM_CHANNEL``, with a link to the
  conversation when Slack gives one. Without that channel these answers get no button.

The hand-off mentions the team with Slack's own syntax, quotes the question escaped (a question
holding ``<!channel>`` or ``<@U…>`` pings nobody) and says what the bot answered or why it could not.

Once only, with nothing kept between requests: each hand-off carries message metadata
(``platform_bot_handoff``) naming the answer it is about, and before posting, the thread or channel
it would go to is read back for one, so a second click finds the first whichever replica takes it.
Within a replica, a click already being handed off is not started again. Slack has no
compare-and-set, so two clicks reaching two replicas within one Slack round trip of each other can
still both post; that is the one case left.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
from slack_sdk.errors import SlackClientError
from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, ContextBlock, MarkdownTextObject, PlainTextObject, SectionBlock
from slack_sdk.models.metadata import Metadata
from slack_sdk.web.async_client import AsyncWebClient

from bot.answer import LOW_CONFIDENCE, Answer
from bot.render.text import render_gist
from bot.slack.blocks import MAX_BLOCKS, Message
from bot.slack.context import MAX_BUTTON_VALUE, AnswerRef, KnownIds, describe_error, messages_of, read_thread
from bot.slack.ids import CHANNEL
from bot.slack.live import Serving
from bot.slack.markup import escape
from bot.slack.observe import handed_off
from bot.understand.parse import Context

HANDOFF = "ask_platform_team"
HANDOFF_EVENT = "platform_bot_handoff"
BUTTON_TEXT = "Ask the platform team"
REASONS = ("unknown", "low-confidence", "thumbs-down")
MAX_QUOTE = 500
MAX_SAID = 1500
MAX_ACTIONS = 25  # elements in one actions block
PAGE = 200

_GROUP = re.compile(r"S[A-Z0-9]{2,}")
_PERSON = re.compile(r"[UW][A-Z0-9]{2,}")
_TS = re.compile(r"\d{1,12}\.\d{1,8}")
_LINK = re.compile(r"https://[^\s|<>]+")

log = logging.getLogger(__name__)


# -- configuration -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlatformTeam:
    """Who a hand-off brings in (``PLATFORM_TEAM``), and where hand-offs from DMs and slash commands go."""

    id: str
    channel: str | None = None

    @property
    def mention(self) -> str:
        """Slack's syntax for mentioning the team: ``<!subteam^S…>`` for a user group, ``<@U…>`` for a person."""
        return f"<!subteam^{self.id}>" if self.id.startswith("S") else f"<@{self.id}>"


def platform_team(env: Mapping[str, str]) -> PlatformTeam | None:
    """``PLATFORM_TEAM`` and ``PLATFORM_TEAM_CHANNEL``; None when unset. A malformed value raises ``ValueError``."""
    team = env.get("PLATFORM_TEAM", "").strip()
    channel = env.get("PLATFORM_TEAM_CHANNEL", "").strip()
    problems = []
    if team and not (_GROUP.fullmatch(team) or _PERSON.fullmatch(team)):
        problems.append(
            f"PLATFORM_TEAM must be a Slack user group id (S…) or a user id (U… or W…), not {team!r}. A user group's id is at the end "
            "of its page's address (People > User groups > the group); a person's is in their profile (⋮ > Copy member ID)."
        )
    if channel and not CHANNEL.fullmatch(channel):
        problems.append(
            f"PLATFORM_TEAM_CHANNEL must be a Slack channel id (C… or G…), not {channel!r}. "
            "It is at the bottom of the channel's details (click the channel's name), and the bot must be invited to it."
        )
    if channel and not team:
        problems.append("PLATFORM_TEAM_CHANNEL is set but PLATFORM_TEAM is not: set PLATFORM_TEAM too, or unset PLATFORM_TEAM_CHANNEL.")
    if problems:
        raise ValueError("\n".join(problems))
    return PlatformTeam(team, channel or None) if team else None


# -- the button --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HandOffRef:
    """What a hand-off button carries: the answer's reference, and where and why to hand it off.

    ``thread`` is the thread to post in; None sends the hand-off to ``PLATFORM_TEAM_CHANNEL``.
    ``about`` is the ``ts`` of the answer handed off when the button is not on it (the reply to a
    👎); otherwise the clicked message is the answer. ``reason`` is set for a 👎 only: otherwise the
    answer's own intent and confidence say it.
    """

    ref: AnswerRef
    thread: str | None = None
    about: str | None = None
    reason: str | None = None

    def encode(self) -> str:
        """A button value of at most 2,000 characters: the question is shortened until it fits."""
        extra = {k: v for k, v in (("t", self.thread), ("a", self.about), ("y", self.reason)) if v}
        ref = self.ref
        while True:
            value = json.dumps({**json.loads(ref.encode()), **extra}, ensure_ascii=False, separators=(",", ":"))
            excess = len(value) - MAX_BUTTON_VALUE
            if excess <= 0 or not ref.question:
                return value
            ref = replace(ref, question=ref.question[: max(0, len(ref.question) - excess - 1)])

    @classmethod
    def decode(cls, value: object, known: KnownIds) -> HandOffRef | None:
        """The reference in a button value, or None when it is not one of ours (values come over the wire)."""
        ref = AnswerRef.decode(value, known)
        if ref is None:
            return None
        data = json.loads(str(value))
        thread, about, reason = data.get("t"), data.get("a"), data.get("y")
        return cls(
            ref,
            thread=thread if isinstance(thread, str) and _TS.fullmatch(thread) else None,
            about=about if isinstance(about, str) and _TS.fullmatch(about) else None,
            reason=reason if reason in REASONS else None,
        )


def wanted(answer: Answer) -> bool:
    """Does this answer call for people: the bot does not cover the question, or is not sure it understood it?"""
    return answer.intent == "unknown" or (answer.intent != "help" and answer.confidence < LOW_CONFIDENCE)


def recognised(answer: Answer) -> bool:
    """Did the question name anything the bot knows of (or knowingly does not cover)? Small talk names nothing."""
    return answer.intent != "help" and bool(
        answer.platforms or answer.features or answer.not_covered or answer.mentioned_platforms or answer.mentioned_features
    )


def with_button(message: Message, ref: HandOffRef) -> Message:
    """``message`` with the hand-off button: on a row of its own, or on the last row when the message is full."""
    button = ButtonElement(
        text=PlainTextObject(text=BUTTON_TEXT, emoji=True),
        action_id=HANDOFF,
        value=ref.encode(),
        accessibility_label="Hand this question to the platform team",
    )
    blocks = list(message.blocks)
    if len(blocks) < MAX_BLOCKS:
        blocks.append(ActionsBlock(elements=[button]))
    else:
        rows = [i for i, b in enumerate(blocks) if isinstance(b, ActionsBlock) and len(b.elements) < MAX_ACTIONS]
        if not rows:
            return message
        row = blocks[rows[-1]]
        assert isinstance(row, ActionsBlock)
        elements: list[Any] = [*row.elements, button]
        blocks[rows[-1]] = ActionsBlock(block_id=row.block_id, elements=elements)
    return Message(message.text, tuple(blocks))


# -- the hand-off -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Clicked:
    """Where the hand-off button was clicked, and by whom."""

    user: str
    channel: str | None
    message_ts: str | None


class HandOff:
    """The hand-off as configured: which answers get the button, and what a click posts where (see the module docstring)."""

    def __init__(self, team: PlatformTeam | None, *, remember: int = 4096) -> None:
        self.team = team
        self._claims = _Claims(remember)

    def lands(self, thread: str | None) -> bool:
        """Can a hand-off land: in ``thread``, or (None) in the team's channel?"""
        return self.team is not None and (thread is not None or self.team.channel is not None)

    def offer(self, message: Message, answer: Answer, *, thread: str | None, context: Context | None = None) -> Message:
        """An answer's message, with the button when the answer calls for people and a hand-off can land."""
        if not wanted(answer) or not self.lands(thread):
            return message
        return with_button(message, HandOffRef(AnswerRef.of(answer, context), thread=thread))

    def offer_after_vote(self, message: Message, ref: AnswerRef | None, *, thread: str | None, about: str | None) -> Message:
        """The reply to a 👎 on the answer at ``about``, with the button."""
        if ref is None or ref.intent == "help" or not self.lands(thread):
            return message
        return with_button(message, HandOffRef(ref, thread=thread, about=about, reason="thumbs-down"))

    def offer_alone(self, answer: Answer, *, thread: str, context: Context | None = None) -> Message | None:
        """Only the button, with a line saying why, in place of an answer not worth posting (help channels)."""
        if not self.lands(thread):
            return None
        offer = _note("I can't answer this one with confidence; the platform team can.")
        return with_button(offer, HandOffRef(AnswerRef.of(answer, context), thread=thread))

    async def hand_off(
        self, client: AsyncWebClient, engine: Serving, value: object, clicked: Clicked, *, bot_id: str | None
    ) -> Message | None:
        """Post the hand-off a click asks for, once; what to tell the clicker privately (None: the thread shows it)."""
        team = self.team
        handoff = HandOffRef.decode(value, engine.known)
        if team is None or handoff is None or not clicked.channel or not self.lands(handoff.thread):
            return None
        about = handoff.about or clicked.message_ts
        key = f"{clicked.channel}:{about}" if about else _question_key(clicked.user, handoff.ref.question)
        channel, thread = (clicked.channel, handoff.thread) if handoff.thread else (team.channel or "", None)
        if not self._claims.take(key):
            return _note(ALREADY)
        try:
            if await _find(client, channel, thread, key, bot_id=bot_id, since=about):
                return _note(ALREADY)
            answer = engine.ask(handoff.ref.question, handoff.ref.context)
            reason = handoff.reason or ("unknown" if handoff.ref.intent == "unknown" else "low-confidence")
            origin = None if thread else await _origin(client, clicked.channel, about)
            message = handoff_message(team, answer, reason, asker=clicked.user, origin=origin)
            await client.chat_postMessage(
                channel=channel,
                thread_ts=thread,
                text=message.text,
                blocks=message.block_dicts(),
                metadata=Metadata(event_type=HANDOFF_EVENT, event_payload={"key": key, "by": clicked.user}),
                unfurl_links=False,
                unfurl_media=False,
            )
        except BaseException:
            self._claims.release(key)
            raise
        handed_off(answer, reason, user=clicked.user, channel=clicked.channel, to=channel)
        return None if thread else _note(f"Handed off: I asked the platform team in <#{channel}>; they will follow up with you.")


ALREADY = "This question has already been handed to the platform team."


def handoff_message(team: PlatformTeam, answer: Answer, reason: str, *, asker: str, origin: str | None = None) -> Message:
    """What the platform team sees: a mention of them, the question quoted, and what the bot made of it.

    Everything but the mentions of the team and the asker, and ``origin`` (built by this module from
    ids and a link Slack gave), is escaped: nothing the asker typed can mention anyone or make a link.
    """
    who = f"<@{asker}>" if _PERSON.fullmatch(asker) else "Someone"
    lead, said_as = {
        "unknown": ("asked something I could not answer", "Why I could not"),
        "low-confidence": ("asked something I was not sure I understood", "My best guess"),
        "thumbs-down": ("found my answer unhelpful", "What I answered"),
    }.get(reason, ("asked for help", "What I answered"))
    # The answer itself: the questions it suggests instead are for the asker, and the team knows where the facts come from.
    said = render_gist(answer)
    quote = _quote(escape(_clip(answer.question, MAX_QUOTE)))
    head = f"{team.mention} {who} {lead}:\n{quote}"
    body = f"*{said_as}:*\n{_quote(escape(_clip_lines(said, MAX_SAID)))}"
    blocks: list[Block] = [SectionBlock(text=_md(head)), SectionBlock(text=_md(body))]
    if origin:
        blocks.append(ContextBlock(elements=[_md(origin)]))
    fallback = "\n".join(p for p in (head, body, origin) if p)
    return Message(fallback, tuple(blocks))


def handed_off_in(messages: Sequence[Mapping[str, Any]], *, bot_id: str | None) -> bool:
    """Is one of these messages a hand-off by this bot (so people have taken over)?"""
    return any(_handoff_key(m, bot_id) is not None for m in messages)


# -- helpers -----------------------------------------------------------------------------------


async def _find(client: AsyncWebClient, channel: str, thread: str | None, key: str, *, bot_id: str | None, since: str | None) -> bool:
    """Is a hand-off for ``key`` already in the thread (or the team channel, since the answer)? A failed read counts as no."""
    try:
        if thread:
            messages = await read_thread(client, channel, thread)
        else:
            oldest = since if since and _TS.fullmatch(since) else None
            resp = await client.conversations_history(channel=channel, limit=PAGE, include_all_metadata=True, oldest=oldest)
            messages = messages_of(resp.data)
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as exc:
        log.warning("could not read %s for an earlier hand-off, handing off anyway: %s", channel, describe_error(exc))
        return False
    return any(_handoff_key(m, bot_id) == key for m in messages)


async def _origin(client: AsyncWebClient, channel: str, ts: str | None) -> str:
    """Where the question was asked, for a hand-off posted elsewhere: the channel, and a link when Slack gives one."""
    where = "a direct message" if channel.startswith("D") else f"<#{channel}>" if CHANNEL.fullmatch(channel) else "Slack"
    link = None
    if ts and _TS.fullmatch(ts):
        try:
            resp = await client.chat_getPermalink(channel=channel, message_ts=ts)
            permalink = resp.get("permalink")
            link = permalink if isinstance(permalink, str) and _LINK.fullmatch(permalink) else None
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as exc:  # an ephemeral answer has no permalink
            log.info("no permalink for %s in %s: %s", ts, channel, describe_error(exc))
    return f"Asked in {where}" + (f": <{link}|open the conversation>" if link else ".")


def _question_key(user: str, question: str) -> str:
    """The key of a hand-off whose answer has no ``ts`` to name it by: who asked what."""
    return "q:" + hashlib.sha256(f"{user}:{question}".encode()).hexdigest()[:24]


def _handoff_key(message: Mapping[str, Any], bot_id: str | None) -> str | None:
    meta = message.get("metadata")
    if not isinstance(meta, dict) or meta.get("event_type") != HANDOFF_EVENT:
        return None
    if bot_id and message.get("bot_id") not in (None, bot_id):
        return None
    payload = meta.get("event_payload")
    key = payload.get("key") if isinstance(payload, dict) else None
    return key if isinstance(key, str) else None


def _note(text: str) -> Message:
    """A one-line note to the clicker; ``text`` is ours (it may link a channel) and holds nothing the user typed."""
    return Message(text, (SectionBlock(text=_md(text)),))


def _md(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text, verbatim=True)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.split("\n"))


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clip_lines(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a line break where one is near."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", limit // 2, limit)
    return text[: cut if cut > 0 else limit - 1].rstrip() + "\n…"


class _Claims:
    """Hand-offs this replica has started or posted: a click arriving again meanwhile is told so without another look at Slack."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._keys: OrderedDict[str, None] = OrderedDict()

    def take(self, key: str) -> bool:
        if key in self._keys:
            return False
        self._keys[key] = None
        if len(self._keys) > self._size:
            self._keys.popitem(last=False)
        return True

    def release(self, key: str) -> None:
        self._keys.pop(key, None)
