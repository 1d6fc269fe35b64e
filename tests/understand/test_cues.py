"""The cue patterns skip their regular-expression search when no text a match must begin with is in the question:
the shortcut never changes what is found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.text import normalise, question_words
from bot.understand import parse
from bot.understand.cue import Cue, starts, word_heads

DATA = Path(__file__).resolve().parents[1] / "data"
CUES = {name: cue for name, cue in vars(parse).items() if isinstance(cue, Cue)}


def questions() -> list[str]:
    out = []
    for f in sorted(DATA.glob("*questions*.yaml")) + [DATA / "paraphrases.yaml"]:
        out += [str(c["q"]) for c in yaml.safe_load(f.read_text(encoding="utf-8"))]
    return out


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bwhich\b|\bwhat (platforms?|services?)\b", ["which", "what "]),
        (r"\b(compare|versus)\b", ["compare", "versus"]),
        (r"^(does|can)\b|\b(possible)$", ["^does", "^can", "possible"]),
        (r"\bplatforms? (that|with)\b", ["platform"]),  # a letter made optional is not required
        (r"\b(the )?same\b", ["the ", "same"]),  # an optional start: a match begins with it or with what follows
        (r"^(so )?(what|which) now\b", ["^so ", "^what", "^which"]),
        (r"\b(\w+ ){0,3}(then )?x", ["", "then ", "x"]),  # "" where anything may begin a match
        (r"\b(a )?", ["a ", ""]),
        (r"(?<!\bon )\bany of (these|those)\b", ["any of "]),  # a look-behind takes no text
        (r"\b(help|how\ do\ i\ use|what\ ?s)\b", ["help", "how do i use", "what"]),  # spaces escaped as re.escape writes them
    ],
)
def test_the_texts_a_match_must_begin_with(pattern: str, expected: list[str]) -> None:
    assert starts(pattern) == expected


def test_every_cue_has_texts_its_matches_begin_with() -> None:
    """A cue with none (an opening that may be anything) is searched whole in every message, a long one too."""
    assert [name for name, cue in CUES.items() if cue._starts is None] == []


def test_the_shortcut_finds_what_the_search_finds() -> None:
    """The same match, at the same place, whether or not the question's words and their first letters are given, on
    the words a question is read as (a pasted "**bold**" mark is no part of a word)."""
    texts = [" ".join(question_words(normalise(q))) for q in questions()]
    assert len(texts) > 4000 and len(CUES) >= 15
    for name, cue in CUES.items():
        for text in texts:
            plain = cue._regex.search(text)
            expected = plain.span() if plain else None
            words = frozenset(text.split())
            for known in ((None, None), (words, None), (words, word_heads(words))):
                found = cue.search(text, *known)
                assert (found.span() if found else None) == expected, (name, text)


def test_a_cue_removed_from_a_text() -> None:
    cue = Cue(r"\b(dont|do not) need\b")
    long = "we do not need a cluster and " * 4
    assert cue.sub("", "we dont need a cluster") == "we  a cluster"
    assert cue.sub("", long) == re.sub(r"\b(dont|do not) need\b", "", long)
    assert cue.sub("", "we need a cluster") == "we need a cluster"


def test_a_text_that_may_begin_inside_a_word_is_looked_for_there() -> None:
    cue = Cue(r"please go\b|\bsee you\b")
    for text in ("xplease go now", "please go", "oversee you"):
        words = frozenset(text.split())
        found, expected = cue.search(text, words, word_heads(words)), cue._regex.search(text)
        assert (found.span() if found else None) == (expected.span() if expected else None), text


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\b(a|ab)c?", "xx abc"),  # the first choice that matches wins, as in the whole pattern
        (r"\b(ab|a)c", "xx abc"),
        (r"\b(x )?y\b", "so x y here and y"),
        (r"^(so )?(what|which) now\b|\bnow what", "so which now"),
        (
            r"\b(tell (me|us) (briefly )?about|overview)\b|\bwhat (is|are) \w++( \w++){0,3} for\b",
            "a long one: what is x y for, tell me briefly about it",
        ),
        (r"\b(a|b)*c", "zz abac"),  # a repeated group is left as it is
        (r"\b(a|b)??c", "zz bc"),
    ],
)
def test_a_cue_tried_with_some_of_its_alternatives_finds_what_the_whole_finds(pattern: str, text: str) -> None:
    cue = Cue(pattern)
    words = frozenset(text.split())
    expected = re.search(pattern, text)
    assert expected is not None
    for known in ((None, None), (words, None), (words, word_heads(words))):
        found = cue.search(text + " " * 80, *known)  # long enough to take the shortcut without the words too
        assert found is not None and found.span() == expected.span(), known
