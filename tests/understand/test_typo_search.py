"""A word typed wrong is looked for among the vocabulary's words with its first letter, and among the few one edit at
the first letter away: the shortcut corrects every typo as a search of the whole vocabulary does."""

from __future__ import annotations

import os
import random

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.answer import Engine
from bot.understand import vocabulary
from bot.understand.lexicon import Lexicon, _allowed_edits


def corrected_by_whole_search(lex: Lexicon, token: str) -> str:
    """The correction as a search of the whole vocabulary makes it (the checks before the search as the lexicon's)."""
    if token in lex._known:
        return token
    base = token.rstrip("0123456789")
    if base != token and len(base) >= 4 and base in lex._known:
        return base
    if not token.isalpha() or token in vocabulary.english_words():
        return token
    if len(token) < 5:
        return lex._short_names.get(token, token)
    best: tuple[int, int, int, str] | None = None
    for word, dist, _ in process.extract(token, lex.vocabulary, scorer=OSA.distance, score_cutoff=2, limit=5):
        if dist > _allowed_edits(token, word, word in lex.platform_words) or token.startswith(word):
            continue
        rank = (int(dist), 0 if word in lex.platform_words else 1, -len(os.path.commonprefix((token, word))), word)
        if best is None or rank < best:
            best = rank
    return best[3] if best else token


def typos(words: list[str], seed: int = 3) -> list[str]:
    """Each word typed wrong three ways: two letters swapped, one typed wrong, left out or added, the first included."""
    rnd = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = set()
    for w in words:
        for _ in range(3):
            i = rnd.randrange(len(w))
            out |= {
                w[:i] + w[i + 1 : i + 2] + w[i] + w[i + 2 :],
                w[:i] + rnd.choice(letters) + w[i + 1 :],
                w[:i] + w[i + 1 :],
                w[:i] + rnd.choice(letters) + w[i:],
            }
    return sorted(out)


def test_the_shortcut_corrects_as_the_whole_search(engine: Engine) -> None:
    lex = engine.lexicon
    typed = typos(lex.vocabulary)
    assert len(typed) > 10_000
    mended = 0
    for token in typed:
        got = lex.correct(token)
        assert got == corrected_by_whole_search(lex, token), token
        mended += got != token
    assert mended > 3000  # the typos are corrected, not left as typed


def test_a_long_word_with_its_first_letter_wrong_is_corrected(engine: Engine) -> None:
    lex = engine.lexicon
    assert "kubernete" in lex.vocabulary  # as stemmed
    # typed wrong, left out, typed before it, swapped with the next
    for typed in ("fubernete", "ubernete", "jkubernete", "ukbernete"):
        assert lex.correct(typed) == "kubernete", typed
