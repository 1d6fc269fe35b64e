"""Slack's markup at the edges: reading what users typed, and making our text inert.

Slack sends message text with ``&``, ``<`` and ``>`` escaped and with mentions, channels and links
as ``<...>`` tokens. :func:`to_plain` turns that into the plain question the engine reads (and the
bot may echo); :func:`escape` makes any text safe to send back as mrkdwn.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"<([^<>]*)>")
_SPECIAL = re.compile(r"@(?=(channel|here|everyone)\b)", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Text made inert for mrkdwn: ``&<>`` escaped, and ``@channel``-like words broken by a word joiner.

    Escaping alone already stops ``<!channel>``; the word joiner also keeps a bare ``@here`` from
    being read as a mention by any client that would parse it.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub("@\u2060", text)


def to_plain(text: str, *, bot_user_id: str | None = None) -> str:
    """The plain text of a Slack message: markup tokens as readable words, the bot's own mention removed."""

    def token(m: re.Match[str]) -> str:
        return _token_text(m.group(1), bot_user_id)

    plain = _TOKEN.sub(token, text)
    plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return _SPACE.sub(" ", plain).strip()


def _token_text(body: str, bot_user_id: str | None) -> str:
    target, _, label = body.partition("|")
    if target.startswith("@"):
        if bot_user_id and target[1:] == bot_user_id:
            return " "
        return "@" + (label or target[1:])
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):
        if target in ("!channel", "!here", "!everyone"):
            return "@" + target[1:]
        return label or ""
    if label:
        return label
    return target.removeprefix("mailto:")
