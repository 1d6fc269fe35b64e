"""What an answer was about, carried in Slack itself so that any replica can continue a conversation.

Two carriers, both written by us and read back from Slack:

- message metadata on every answer the bot posts (``event_type`` ``platform_bot_answer``), read back
  with ``conversations.replies`` / ``conversations.history``: a follow-up in a thread ("and the
  other one?") reuses the platforms and features of the latest answer there, and a redelivered event
  finds the answer already posted for it (``reply_to``) instead of answering twice;
- button values (:class:`AnswerRef`), so a click re-asks exactly what the clicked answer was about.

No process memory is needed for either; everything read back is validated against the knowledge
base, because message metadata and button values come over the wire.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from slack_sdk.models.metadata import Metadata
from slack_sdk.web.async_client import AsyncWebClient

from bot.answer import Answer
from bot.slack.faults import CALL_FAILURES
from bot.slack.faults import describe_error as describe_error  # re-exported: callers have imported it from here
from bot.understand.parse import INTENTS, Context, Query, structured

ANSWER_EVENT = "platform_bot_answer"
MAX_BUTTON_VALUE = 2000
MAX_REF_QUESTION = 1000  # the parser reads no further (bot.understand.parse.MAX_QUESTION_CHARS)
THREAD_PAGE = 200
THREAD_PAGES = 5
DM_HISTORY = 20
LOOK_BACK = 50  # latest top-level messages searched for a post of ours (a DM result, a shared answer)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class KnownIds:
    """The ids a knowledge base has: anything else read back from Slack is dropped."""

    platforms: frozenset[str]
    features: frozenset[str]
    scopes: frozenset[str] = frozenset()
    """``platform/scope`` pairs."""
    caveats: frozenset[str] = frozenset()

    def context(self, platforms: object, features: object) -> Context:
        return Context(platforms=_ids(platforms, self.platforms), features=_ids(features, self.features))

    def scope_pairs(self, raw: object) -> tuple[tuple[str, str], ...]:
        return tuple((pair.split("/", 1)[0], pair.split("/", 1)[1]) for pair in _ids(raw, self.scopes))


@dataclass(frozen=True, slots=True)
class AnswerRef:
    """Enough to ask an answer's query again, and to know what it was about.

    ``context`` is the conversation context the question was asked with; ``platforms``/``features``/
    ``scopes``/``caveats`` are the answer's own ids (what a follow-up or a button builds on).
    """

    question: str
    intent: str
    platforms: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    context: Context | None = None
    scopes: tuple[tuple[str, str], ...] = ()
    caveats: tuple[str, ...] = ()
    negated: bool = False

    @classmethod
    def of(cls, answer: Answer, context: Context | None = None) -> AnswerRef:
        return cls(
            answer.question[:MAX_REF_QUESTION],
            answer.intent,
            answer.platforms,
            answer.features,
            context,
            answer.scopes,
            tuple(c.id for c in answer.caveats),
            answer.query.negated,
        )

    @classmethod
    def of_query(cls, query: Query, text: str) -> AnswerRef:
        """A reference to a structured query (a suggestion), worded as ``text``."""
        return cls(text[:MAX_REF_QUESTION], query.intent, query.platforms, query.features, None, query.scopes, query.caveats, query.negated)

    def query(self) -> Query:
        """The structured query this reference stands for: what a button asks the engine, without the parser."""
        intent = self.intent if self.intent in INTENTS else "unknown"
        return structured(
            intent,
            self.platforms,
            self.features,
            scopes=self.scopes,
            caveats=self.caveats,
            text=self.question,
            negated=self.negated,
        )

    def as_context(self) -> Context:
        """The context a follow-up question to this answer is asked with."""
        return Context(platforms=self.platforms, features=self.features)

    def encode(self) -> str:
        """A button value (at most 2,000 characters): the question, then the id lists, are shortened until it fits."""
        ref = self
        while True:
            value = json.dumps(ref._fields(), ensure_ascii=False, separators=(",", ":"))
            if len(value) <= MAX_BUTTON_VALUE:
                return value
            ref = ref._shorter(len(value) - MAX_BUTTON_VALUE)

    def _shorter(self, excess: int) -> AnswerRef:
        if self.question:
            return replace(self, question=self.question[: max(0, len(self.question) - excess - 1)])
        if self.context is not None:
            return replace(self, context=None)
        if self.caveats:
            return replace(self, caveats=())
        return replace(self, platforms=self.platforms[: len(self.platforms) // 2], features=self.features[: len(self.features) // 2])

    def _fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"q": self.question, "i": self.intent, "p": list(self.platforms), "f": list(self.features)}
        if self.context is not None:
            fields["cp"] = list(self.context.platforms)
            fields["cf"] = list(self.context.features)
        if self.scopes:
            fields["s"] = [f"{p}/{s}" for p, s in self.scopes]
        if self.caveats:
            fields["c"] = list(self.caveats)
        if self.negated:
            fields["n"] = 1
        return fields

    @classmethod
    def decode(cls, value: object, known: KnownIds) -> AnswerRef | None:
        """The reference in a button value, or None when it is not one of ours; unknown ids are dropped."""
        if not isinstance(value, str) or len(value) > MAX_BUTTON_VALUE:
            return None
        try:
            data = json.loads(value)
        except (ValueError, RecursionError):  # RecursionError: brackets nested a thousand deep
            return None
        if not isinstance(data, dict) or not isinstance(data.get("q"), str) or data.get("i") not in INTENTS:
            return None
        context = known.context(data.get("cp"), data.get("cf")) if "cp" in data or "cf" in data else None
        ids = known.context(data.get("p"), data.get("f"))
        caveats = _ids(data.get("c"), known.caveats)
        return cls(
            data["q"][:MAX_REF_QUESTION],
            data["i"],
            ids.platforms,
            ids.features,
            context,
            known.scope_pairs(data.get("s")),
            caveats,
            data.get("n") == 1,
        )


def answer_metadata(answer: Answer, reply_to: str | None = None, *, click: str | None = None) -> Metadata:
    """The metadata posted with an answer: what it is about, and which message (``reply_to``) or button click it answers."""
    payload: dict[str, Any] = {
        "intent": answer.intent,
        "platforms": ",".join(answer.platforms),
        "features": ",".join(answer.features),
    }
    if reply_to:
        payload["reply_to"] = reply_to
    if click:
        payload["click"] = click
    return Metadata(event_type=ANSWER_EVENT, event_payload=payload)


@dataclass(frozen=True, slots=True)
class Conversation:
    """What the bot knows about a conversation before answering in it."""

    context: Context | None = None
    answered: bool = False


def read_messages(messages: Iterable[Mapping[str, Any]], *, reply_to: str, known: KnownIds, bot_id: str | None) -> Conversation:
    """The latest answer's context before ``reply_to``, and whether ``reply_to`` already has an answer.

    ``messages`` may come in any order (``conversations.replies`` is oldest first, ``.history``
    newest first). Only answers posted by this bot (when its ``bot_id`` is known) count.
    """
    latest: tuple[float, Context] | None = None
    answered = False
    before = _ts(reply_to)
    for m in messages:
        payload = _answer_payload(m, bot_id)
        if payload is None:
            continue
        if payload.get("reply_to") == reply_to:
            answered = True
        ts = _ts(m.get("ts"))
        ctx = _payload_context(payload, known)
        if ctx is not None and ts < before and (latest is None or ts > latest[0]):
            latest = (ts, ctx)
    return Conversation(context=latest[1] if latest else None, answered=answered)


async def read_conversation(
    client: AsyncWebClient,
    *,
    channel: str,
    ts: str,
    thread_ts: str | None,
    direct: bool,
    known: KnownIds,
    bot_id: str | None,
) -> Conversation:
    """Read the thread (or, for a top-level direct message, the recent DM history) around message ``ts``.

    A failure to read (a missing scope, a private channel, Slack being down) is logged and treated
    as an empty conversation: the question still gets an answer, only without follow-up context.
    """
    try:
        if thread_ts:
            messages = await read_thread(client, channel, thread_ts)
        elif direct:
            resp = await client.conversations_history(channel=channel, limit=DM_HISTORY, include_all_metadata=True)
            messages = messages_of(resp.data)
        else:
            messages = await read_thread(client, channel, ts)
    except CALL_FAILURES as exc:
        log.warning("could not read conversation %s, answering without its context: %s", channel, describe_error(exc))
        return Conversation()
    return read_messages(messages, reply_to=ts, known=known, bot_id=bot_id)


async def already_posted(
    client: AsyncWebClient,
    *,
    channel: str,
    thread_ts: str | None,
    bot_id: str | None = None,
    reply_to: str | None = None,
    click: str | None = None,
) -> bool | None:
    """Is an answer of ours to message ``reply_to`` (or to button click ``click``) in the thread ``thread_ts``, or, with no
    thread, among the channel's latest messages? None when Slack could not be read: then nobody knows."""
    try:
        if thread_ts:
            messages = await read_thread(client, channel, thread_ts)
        else:
            resp = await client.conversations_history(channel=channel, limit=LOOK_BACK, include_all_metadata=True)
            messages = messages_of(resp.data)
    except CALL_FAILURES as exc:
        log.warning("could not look for an answer in %s: %s", channel, describe_error(exc))
        return None
    for m in messages:
        payload = _answer_payload(m, bot_id)
        if payload is not None and ((reply_to and payload.get("reply_to") == reply_to) or (click and payload.get("click") == click)):
            return True
    return False


async def read_thread(client: AsyncWebClient, channel: str, thread_ts: str) -> list[Mapping[str, Any]]:
    """All messages of a thread, a bounded number of pages of them (long threads are rare)."""
    out: list[Mapping[str, Any]] = []
    cursor: str | None = None
    for _ in range(THREAD_PAGES):
        resp = await client.conversations_replies(
            channel=channel, ts=thread_ts, limit=THREAD_PAGE, include_all_metadata=True, cursor=cursor
        )
        out += messages_of(resp.data)
        meta = resp.data.get("response_metadata") if isinstance(resp.data, dict) else None
        cursor = meta.get("next_cursor") if isinstance(meta, dict) else None
        if not cursor:
            break
    return out


class SeenEvents:
    """Event ids this process has already taken on: a cheap first guard against redeliveries.

    It only protects one replica; the guard that holds across replicas is ``reply_to`` in the
    answers' metadata (see :func:`read_messages`).
    """

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._ids: OrderedDict[str, None] = OrderedDict()

    def first_time(self, event_id: str | None) -> bool:
        if not event_id:
            return True
        if event_id in self._ids:
            return False
        self._ids[event_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


def messages_of(data: object) -> list[Mapping[str, Any]]:
    raw = data.get("messages") if isinstance(data, dict) else None
    return [m for m in raw if isinstance(m, dict)] if isinstance(raw, list) else []


def _answer_payload(message: Mapping[str, Any], bot_id: str | None) -> Mapping[str, Any] | None:
    meta = message.get("metadata")
    if not isinstance(meta, dict) or meta.get("event_type") != ANSWER_EVENT:
        return None
    if bot_id and message.get("bot_id") not in (None, bot_id):
        return None
    payload = meta.get("event_payload")
    return payload if isinstance(payload, dict) else None


def _payload_context(payload: Mapping[str, Any], known: KnownIds) -> Context | None:
    if payload.get("intent") in ("help", "unknown"):
        return None
    ctx = known.context(payload.get("platforms"), payload.get("features"))
    return ctx if ctx.platforms or ctx.features else None


def _ids(raw: object, known: Collection[str]) -> tuple[str, ...]:
    """Ids from a comma-separated string or a list, keeping only those the knowledge base has."""
    items: Sequence[object] = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list) else ()
    return tuple(dict.fromkeys(i for i in items if isinstance(i, str) and i in known))


def _ts(value: object) -> float:
    try:
        return float(value) if isinstance(value, str | int | float) else 0.0
    except ValueError:
        return 0.0
