"""Whatever a user types, the answer comes back quickly, fits Slack's limits and cannot ping or link anyone.

Text reaches the bot as Slack sends it: ``&``, ``<`` and ``>`` escaped, mentions, channels and links
as ``<...>`` tokens. The strategies mix any unicode (control characters included) with Slack's
markup, nested and broken, mrkdwn and Markdown, and very long repetitions, up to the 40,000
characters Slack allows in a message.
"""

from __future__ import annotations

import re
import time
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block

from bot.answer import Engine
from bot.slack.blocks import (
    MAX_BLOCKS,
    MAX_CONTEXT_ELEMENTS,
    MAX_HEADER,
    MAX_SECTION,
    Message,
    Surface,
    answer_message,
    caveats_message,
)
from bot.slack.markup import to_plain
from bot.understand.parse import Context

MAX_MESSAGE = 40_000  # what Slack accepts in one message
BOUND = 0.2  # seconds per question, understanding and rendering every surface: a sanity bound, far above the ~1 ms typical

MARKUP = [
    "<@U0VICTIM1>", "<@U1|<!channel>>", "<@U1|name>", "<!channel>", "<!here>", "<!everyone>", "<!here|@here>",
    "<!subteam^S1>", "<!subteam^S0TEAM|@oncall>", "<#C1>", "<#C1|general>", "<https://x|y>", "<https://evil.example/a?b=1&amp;c=2|click>",
    "<mailto:a@b.c|mail>", "<tel:123>", "<!date^1392734382^{date}|fallback>", "<", ">", "<<@U1>>", "<@<@U1>>", "<https://x|<!here>>",
    "&lt;@U1&gt;", "&lt;!channel&gt;", "&amp;", "&", "@here", "@channel", "@everyone", "@HERE",
    "*bold*", "_it_", "~strike~", "`code`", "```", "> quote", "[x](https://evil.example)", "![img](https://evil.example/i.png)",
    "<b>html</b>", "\\u003c!channel\\u003e", "\u202e", "\u2060", "\x00", "\x1b[31m", "\r\n", "\t", "🚀", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "fargate", "Cloud Run", "ACI", "gpu", "does", "support", "compare", "which", "not", "and",
]  # fmt: skip

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=12)), max_size=80).map(" ".join),
    st.lists(st.sampled_from(MARKUP), max_size=200).map("".join),
    st.tuples(st.sampled_from(MARKUP + ["fargate ", "Azure Container Instances ", "x"]), st.integers(1, 10_000)).map(
        lambda t: (t[0] * t[1])[:MAX_MESSAGE]
    ),
    st.tuples(st.text(min_size=1, max_size=40), st.integers(1, 2_000)).map(lambda t: (t[0] * t[1])[:MAX_MESSAGE]),
)
contexts = st.one_of(st.none(), st.builds(Context, st.tuples(st.sampled_from(["fargate", "cloud-run", "aci"])), st.tuples()))
surfaces = st.builds(
    Surface,
    shareable=st.booleans(),
    echo_question=st.booleans(),
    asked_by=st.one_of(st.none(), st.just("U0ALICE01"), st.sampled_from(MARKUP)),
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SOURCE_LINK = re.compile(r"<(https?://[^|<>\s]+)\|[^<>]+>")
OWN_MENTION = re.compile(r"<@U0ALICE01>")
BROADCAST = re.compile(r"@(here|channel|everyone)\b", re.IGNORECASE)


def strings(obj: Any, skip: frozenset[str] = frozenset({"value", "action_id", "block_id"})) -> list[str]:
    """Every string a reader could see or a client could parse (button values are opaque to Slack)."""
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() if k not in skip for s in strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in strings(v)]
    return []


def mrkdwn_objects(obj: Any) -> list[dict[str, Any]]:
    if isinstance(obj, dict):
        own = [obj] if obj.get("type") == "mrkdwn" else []
        return own + [o for v in obj.values() for o in mrkdwn_objects(v)]
    if isinstance(obj, list):
        return [o for v in obj for o in mrkdwn_objects(v)]
    return []


def assert_within_limits(message: Message) -> None:
    """slack_sdk's own validation passes, and so do the limits it does not check."""
    assert len(message.blocks) <= MAX_BLOCKS
    assert len(message.text) <= 4000
    for block in message.blocks:
        block.validate_json()
        d = block.to_dict()
        assert Block.parse(d) is not None
        if d["type"] == "section" and "text" in d:
            assert len(d["text"]["text"]) <= MAX_SECTION
        if d["type"] == "header":
            assert len(d["text"]["text"]) <= MAX_HEADER
        if d["type"] == "context":
            assert len(d["elements"]) <= MAX_CONTEXT_ELEMENTS


def assert_inert(message: Message, sources: set[str]) -> None:
    """No mention, broadcast or link the user typed survives: only links to our sources and our own <@asker> remain."""
    payload = {"text": message.text, "blocks": message.block_dicts()}
    for s in strings(payload):
        links = SOURCE_LINK.findall(s)
        assert set(links) <= sources, links
        rest = OWN_MENTION.sub("", SOURCE_LINK.sub("", s))
        assert "<" not in rest and ">" not in rest, rest[:300]
        assert not BROADCAST.search(rest), rest[:300]
    assert all(o.get("verbatim") is True for o in mrkdwn_objects(payload["blocks"]))  # Slack adds no links or mentions of its own


@SETTINGS
@given(text=texts, context=contexts, surface=surfaces)
@example(text="fargate " * 10_000, context=None, surface=Surface(echo_question=True))
@example(text="<@U1|<!channel>> <!subteam^S1> <#C1> <https://x|y> does aci support gpus", context=None, surface=Surface(echo_question=True))
@example(text="compare " + "fargate and cloud run and aci " * 1300, context=None, surface=Surface(shareable=True, echo_question=True))
def test_any_question_is_answered_quickly_within_limits_and_inert(
    engine: Engine, text: str, context: Context | None, surface: Surface
) -> None:
    """Any text up to 40,000 characters: answered in bounded time, rendered within Slack's limits, nothing typed is live."""
    sources = {s.url.replace("&", "&amp;") for s in engine.kb.sources.values()}

    def answered() -> tuple[float, list[Message]]:
        start = time.perf_counter()
        answer = engine.ask(to_plain(text), context)
        messages = [answer_message(answer, surface), caveats_message(answer)]
        return time.perf_counter() - start, messages

    elapsed, messages = answered()
    if elapsed >= BOUND:  # one slow call may be the machine pausing (a shared core, a collection): the fastest of three decides
        elapsed = min(elapsed, *(answered()[0] for _ in range(2)))
    assert elapsed < BOUND, f"{elapsed * 1000:.0f} ms for {len(text)} characters"
    for message in messages:
        assert_within_limits(message)
        assert_inert(message, sources)


@SETTINGS
@given(text=texts)
def test_reading_slack_markup_never_grows_the_text(text: str) -> None:
    """to_plain only shortens: tokens become their label or name, entities one character, so a huge message stays huge, never bigger."""
    assert len(to_plain(text)) <= len(text)
