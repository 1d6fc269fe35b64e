"""Cue patterns: regular expressions over a question's words that say what kind of answer is wanted ("which",
"compare", "gotchas"). A long message is searched only for the cues whose first words are in it."""

from __future__ import annotations

import re
from typing import NamedTuple


class Cue:
    """A cue pattern over the question's words, looked for only where a text a match must begin with stands, and
    there with only the alternatives that may begin with it: a long message costs a few substring tests per cue
    instead of a regular-expression search, and each place tried costs a small pattern instead of the whole."""

    __slots__ = ("_alternatives", "_by_head", "_by_word", "_head_keys", "_narrowed", "_regex", "_starts", "_unkeyed", "_word_keys")

    def __init__(self, pattern: str) -> None:
        self._regex = re.compile(pattern)
        self._alternatives = _flattened(pattern)
        # each text a match may begin with (and whether a word begins there too), with the alternatives that may begin
        # with it
        opens: dict[tuple[str, bool], list[int]] = {}
        for k, alternative in enumerate(self._alternatives):
            for begin in _starts(alternative, anchored=False, at_word=False):
                ks = opens.setdefault(begin, [])
                if k not in ks:
                    ks.append(k)
        # each text with the whole word it opens with, where it holds one and begins a word ("which one " opens with
        # "which"; "please go" after no word boundary may open "xplease go"): a word not among the question's words
        # rules the text out at the cost of a set lookup; and a text of one word that must begin a word ("recommend"
        # in "recommendation"), with the first letters any such word begins with
        self._starts: tuple[_Opening, ...] | None = (
            None
            if any(b == "" for b, _ in opens)
            else tuple(
                _Opening(
                    b,
                    b.split(" ", 1)[0] if " " in b and b[:1] != "^" and at_word else None,
                    b[:HEAD] if at_word and " " not in b and b[:1].isalnum() else None,
                    at_word and b[:1].isalnum(),
                    tuple(ks),
                )
                for (b, at_word), ks in opens.items()
            )
        )
        # the same texts by what rules them out: the word they open with, the first letters of the word they are, or
        # nothing (looked for in every text)
        self._by_word: dict[str, list[_Opening]] = {}
        self._by_head: dict[str, list[_Opening]] = {}
        self._unkeyed: list[_Opening] = []
        for opening in self._starts or ():
            if opening.word is not None:
                self._by_word.setdefault(opening.word, []).append(opening)
            elif opening.head is not None:
                self._by_head.setdefault(opening.head, []).append(opening)
            else:
                self._unkeyed.append(opening)
        self._word_keys, self._head_keys = frozenset(self._by_word), frozenset(self._by_head)
        self._narrowed: dict[tuple[int, ...], re.Pattern[str]] = {}  # alternatives -> their pattern, made on first use

    def sub(self, replacement: str, text: str, words: frozenset[str] | None = None, heads: frozenset[str] | None = None) -> str:
        """The text with every match replaced (the text itself, at the cost of a search, where there is none); ``words``
        and ``heads`` as for ``search``."""
        return text if self.search(text, words, heads) is None else self._regex.sub(replacement, text)

    def words_matched(self, text: str) -> set[str]:
        """The words of every match in the text."""
        return {w for m in self._regex.finditer(text) for w in m.group(0).split()}

    def search(self, text: str, words: frozenset[str] | None = None, heads: frozenset[str] | None = None) -> re.Match[str] | None:
        """The first match in the text; ``words`` (the text's words, when known) and ``heads`` (the first letters
        each of them begins with, ``word_heads``) spare substring tests. Every match begins with one of the cue's
        opening texts, so the pattern is tried only where one of them stands, leftmost first, and there with the
        alternatives that may begin with the texts standing there, in the pattern's order: the same match a search
        finds, without trying every alternative at every position of a long message. Only the whole match is the
        search's: groups are numbered within the alternatives tried."""
        if self._starts is None or (words is None and len(text) < SHORT_TEXT):
            return self._regex.search(text)
        by_word, by_head = self._by_word, self._by_head
        looked = [
            *self._unkeyed,
            *(o for w in (self._word_keys if words is None else self._word_keys & words) for o in by_word[w]),
            *(o for h in (self._head_keys if heads is None else self._head_keys & heads) for o in by_head[h]),
        ]
        at: dict[int, list[tuple[int, ...]]] = {}
        for opening in looked:
            start = opening.text
            if start[:1] == "^":
                if text.startswith(start[1:]):
                    at.setdefault(0, []).append(opening.alternatives)
                continue
            i = text.find(start)
            while i >= 0:  # a text that begins a word, found inside one ("in" in "instances"), is passed over
                if not opening.bounded or i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
                    at.setdefault(i, []).append(opening.alternatives)
                i = text.find(start, i + 1)
        for i in sorted(at):
            found = self._of(at[i]).match(text, i)
            if found is not None:
                return found
        return None

    def _of(self, groups: list[tuple[int, ...]]) -> re.Pattern[str]:
        """The pattern of these alternatives, in the cue's order (the texts at one place are few, and alike)."""
        key = groups[0] if len(groups) == 1 else tuple(sorted({k for g in groups for k in g}))
        regex = self._narrowed.get(key)
        if regex is None:
            regex = self._narrowed[key] = re.compile("|".join(self._alternatives[k] for k in key))
        return regex


class _Opening(NamedTuple):
    """A text a cue's matches may begin with, and what rules it out or in."""

    text: str
    word: str | None  # the whole word it opens with, where it holds several and begins a word
    head: str | None  # the first letters of the one word it is, where it begins a word
    bounded: bool  # a word begins where it does: found inside a word, it is no match
    alternatives: tuple[int, ...]  # the pattern's alternatives that may begin with it


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


def _flattened(pattern: str) -> list[str]:
    """The pattern's alternatives, with a group that opens one spread out into one alternative per choice in it, in
    the order they are tried ("\\b(tell|show) me" is "\\btell me", "\\bshow me"; an optional group "(the )?x" is
    "the x", then "x"): each matches what the pattern matches where it is the first that does."""
    out: list[str] = []
    for alternative in _alternatives(pattern):
        lead = alternative[: _ZERO_WIDTH.match(alternative).end()]  # type: ignore[union-attr]
        rest = alternative[len(lead) :]
        if not rest.startswith("(") or (rest.startswith("(?") and not rest.startswith("(?:")):
            out.append(alternative)
            continue
        end = _group_end(rest)
        inner, after = rest[1:end].removeprefix("?:"), rest[end + 1 :]
        if after[:1] in ("*", "+", "{") or after[:2] in ("??", "?+"):
            out.append(alternative)  # repeated, or tried the other way round: left as it is
        elif after[:1] == "?":
            out += [f for choice in _flattened(inner) for f in _flattened(lead + choice + after[1:])]
            out += _flattened(lead + after[1:])
        else:
            out += [f for choice in _flattened(inner) for f in _flattened(lead + choice + after)]
    return out


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
            out += _starts(rest[1:end].removeprefix("?:"), anchored=at_start, at_word=bounded)
            after = rest[end + 1 :]
            if after[:1] in ("?", "*") or after.startswith("{0,"):  # a group that may be left out: a match may begin after it
                out += _starts(after[after.index("}") + 1 if after[:1] == "{" else 1 :], anchored=at_start, at_word=bounded)
            continue
        text = _LITERAL.match(rest)[0]  # type: ignore[index]
        if rest[len(text) : len(text) + 1] in ("?", "*"):  # the last character may be left out
            text = text[: -2 if text.endswith("\\ ") else -1]
        text = text.replace("\\ ", " ")
        out.append((("^" if at_start and text else "") + text, bounded))
    return out
