"""The cue patterns skip their regular-expression search when no text a match must begin with is in the question:
the shortcut never changes what is found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.text import tokenize
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
        (r"\b(the )?same\b", [""]),  # an optional start: anything may begin a match
        (r"(?<!\bon )\bany of (these|those)\b", ["any of "]),  # a look-behind takes no text
        (r"\b(help|how\ do\ i\ use|what\ ?s)\b", ["help", "how do i use", "what"]),  # spaces escaped as re.escape writes them
    ],
)
def test_the_texts_a_match_must_begin_with(pattern: str, expected: list[str]) -> None:
    assert starts(pattern) == expected


def test_the_shortcut_finds_what_the_search_finds() -> None:
    """The same match, at the same place, whether or not the question's words and their first letters are given."""
    texts = [" ".join(tokenize(q)) for q in questions()]
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
