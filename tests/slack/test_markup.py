"""Reading Slack's markup into plain questions, and escaping our text so it cannot act."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.slack.markup import escape, to_plain


@pytest.mark.parametrize(
    ("slack_text", "plain"),
    [
        ("<@UBOT0001> does ACI support GPUs?", "does ACI support GPUs?"),
        ("does ACI support GPUs, <@UBOT0001|platform-bot>?", "does ACI support GPUs, ?"),
        ("ask <@U0BOB|bob> about <#C0DEV|dev>", "ask @bob about #dev"),
        ("<!channel> <!here> <!everyone> gpu", "@channel @here @everyone gpu"),
        ("<!subteam^S0ONCALL|@oncall> gpu", "@oncall gpu"),
        ("see <https://example.com/a?b=1&amp;c=2|the docs> and <https://example.com>", "see the docs and https://example.com"),
        ("<mailto:ops@example.com|ops@example.com>", "ops@example.com"),
        ("fargate &amp; ACI &lt;3 &gt; cloud run", "fargate & ACI <3 > cloud run"),
        ("  lots \n of\tspace  ", "lots of space"),
        ("<@UBOT0001>", ""),
    ],
)
def test_slack_markup_reads_as_plain_text_without_the_bots_mention(slack_text: str, plain: str) -> None:
    """Mentions, channels, broadcasts and links read as words; the bot's own mention disappears; entities are unescaped."""
    assert to_plain(slack_text, bot_user_id="UBOT0001") == plain


def test_escape_makes_markup_and_broadcast_words_inert() -> None:
    """Escaping turns &, < and > into entities and breaks @channel, @here and @everyone with a word joiner."""
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    assert escape("hey @here and @Everyone, @channels") == "hey @\u2060here and @\u2060Everyone, @channels"


@given(st.text())
def test_no_text_survives_escaping_as_markup(text: str) -> None:
    """Whatever a user types, once read and escaped it holds no < or > at all."""
    shown = escape(to_plain(text))
    assert "<" not in shown and ">" not in shown
