"""Cue patterns: regular expressions over a question's words that say what kind of answer is wanted ("which",
"compare", "gotchas"). A long message is searched only for the cues whose first words are in it."""

from __future__ import annotations

import re


class Cue:
    """A cue pattern over the question's words, looked for only when a text any match must begin with is there: a
    long message costs a few substring tests per cue instead of a regular-expression search."""

    __slots__ = ("_regex", "_starts")

    def __init__(self, pattern: str) -> None:
        self._regex = re.compile(pattern)
        begins = _starts(pattern, anchored=False, at_word=False)
        # each text with the whole word it opens with, where it holds one ("which one " opens with "which"): a word
        # not among the question's words rules the text out at the cost of a set lookup; and a text of one word that
        # must begin a word ("recommend" in "recommendation"), with the first letters any such word begins with
        self._starts: tuple[tuple[str, str | None, str | None], ...] | None = (
            None
            if any(b == "" for b, _ in begins)
            else tuple(
                dict.fromkeys(  # once each: alternatives often open alike ("what is", "what are")
                    (
                        b,
                        b.split(" ", 1)[0] if " " in b and b[:1] != "^" else None,
                        b[:HEAD] if at_word and " " not in b and b[:1].isalnum() else None,
                    )
                    for b, at_word in begins
                )
            )
        )

    def sub(self, replacement: str, text: str) -> str:
        """The text with every match replaced (the text itself, at the cost of a search, where there is none)."""
        return text if self.search(text) is None else self._regex.sub(replacement, text)

    def words_matched(self, text: str) -> set[str]:
        """The words of every match in the text."""
        return {w for m in self._regex.finditer(text) for w in m.group(0).split()}

    def search(self, text: str, words: frozenset[str] | None = None, heads: frozenset[str] | None = None) -> re.Match[str] | None:
        """The first match in the text; ``words`` (the text's words, when known) and ``heads`` (the first letters
        each of them begins with, ``word_heads``) spare substring tests. Every match begins with one of the cue's
        opening texts, so the pattern is tried only where one of them stands, leftmost first: the same match a search
        finds, without trying every alternative at every position of a long message."""
        if self._starts is None or (words is None and len(text) < SHORT_TEXT):
            return self._regex.search(text)
        at: set[int] = set()
        for start, word, head in self._starts:
            if start[:1] == "^":
                if text.startswith(start[1:]):
                    at.add(0)
            elif words is None or word is None or word in words:
                if heads is not None and head is not None and head not in heads:
                    continue
                i = text.find(start)
                while i >= 0:
                    at.add(i)
                    i = text.find(start, i + 1)
        for i in sorted(at):
            found = self._regex.match(text, i)
            if found is not None:
                return found
        return None


SHORT_TEXT = 80
"""A text shorter than this, its words unknown, is searched whole: finding the cue's opening texts in it costs more."""

HEAD = 3
"""How many first letters of a word ``word_heads`` keeps."""


def word_heads(words: frozenset[str]) -> frozenset[str]:
    """The first one, two and three letters of each word: what a text that must begin a word is looked up by."""
    return frozenset(w[:k] for w in words for k in range(1, HEAD + 1))


def _alternatives(pattern: str) -> list[str]:
    """The pattern's top-level alternatives."""
    out, depth, start, escaped = [], 0, 0, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    return [*out, pattern[start:]]


_ZERO_WIDTH_PART = re.compile(r"\\b|\^|\(\?<?[!=][^()]*\)")
_ZERO_WIDTH = re.compile(rf"(?:{_ZERO_WIDTH_PART.pattern})*")
_LITERAL = re.compile(r"(?:[a-z0-9 ]|\\ )*")  # letters, digits and spaces, escaped or not


def _group_end(text: str) -> int:
    """Where the group that opens the text closes."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i
    return len(text)


def starts(pattern: str, anchored: bool = False) -> list[str]:
    """Texts one of which every match of the pattern begins with ("" where an alternative may begin with anything;
    "^" before one that must begin the question)."""
    return [text for text, _ in _starts(pattern, anchored=anchored, at_word=False)]


def _starts(pattern: str, *, anchored: bool, at_word: bool) -> list[tuple[str, bool]]:
    """``starts``, each with whether a match must begin a word there (a word boundary before it, outside the
    look-arounds, or before the group it opens)."""
    out: list[tuple[str, bool]] = []
    for alternative in _alternatives(pattern):
        lead = alternative[: _ZERO_WIDTH.match(alternative).end()]  # type: ignore[union-attr]
        rest = alternative[len(lead) :]
        at_start = anchored or lead.startswith("^")
        bounded = at_word or at_start or "\\b" in _ZERO_WIDTH_PART.findall(lead)
        if rest.startswith("("):
            end = _group_end(rest)
            optional = rest[end + 1 : end + 2] in ("?", "*")
            out += [("", False)] if optional else _starts(rest[1:end].removeprefix("?:"), anchored=at_start, at_word=bounded)
            continue
        text = _LITERAL.match(rest)[0]  # type: ignore[index]
        if rest[len(text) : len(text) + 1] in ("?", "*"):  # the last character may be left out
            text = text[: -2 if text.endswith("\\ ") else -1]
        text = text.replace("\\ ", " ")
        out.append((("^" if at_start and text else "") + text, bounded))
    return out
