"""The phrase search looks at a pattern only where the question's next word is the pattern's second word (or, past a
gap, where the word after the gap is near): the shortcut finds exactly what trying every pattern at every word finds."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.answer import Engine
from bot.text import stem, tokenize
from bot.understand.lexicon import GAP, NARROWS, Lexicon, Match, _matches_at, narrowing_key
from tests.understand.test_cues import questions


def every_match(lexicon: Lexicon, stems: list[str]) -> list[Match]:
    """Each pattern tried at each word, in the order the search reports them."""
    found = []
    n = len(stems)
    for i, s in enumerate(stems):
        for p in lexicon.by_first.get(s, ()):
            if p.contiguous:
                if tuple(stems[i : i + p.size]) == p.elements:
                    found.append(Match(p, tuple(range(i, i + p.size))))
            else:
                found.extend(Match(p, positions) for positions in _matches_at(stems, i, p.elements, n))
    return found


@pytest.mark.parametrize("phrase", ["outbound ip", "pull * from acr", "scale to zero"])
def test_a_pattern_knows_its_second_word(engine: Engine, phrase: str) -> None:
    elements = [stem(t) if t != GAP else GAP for t in tokenize(phrase)]
    patterns = [p for p in engine.lexicon.by_first[elements[0]] if p.elements == tuple(elements)]  # a synonym, a narrowing word
    assert patterns and all(p.second == (None if elements[1] == GAP else elements[1]) for p in patterns)


def test_the_shortcut_finds_what_trying_every_pattern_finds(engine: Engine) -> None:
    qs = questions()
    assert len(qs) > 4000
    for q in qs:
        stems = [stem(t) for t in tokenize(q)]
        assert Counter(engine.lexicon.find(stems)) == Counter(every_match(engine.lexicon, stems)), q


def test_a_gap_may_end_at_any_word_that_fits() -> None:
    """A gapped phrase whose first fit is taken by something else (a word of a platform's name) keeps its later fit."""
    assert _matches_at(["a", "x", "b", "x", "b"], 0, ("a", GAP, "b"), 5) == [(0, 2), (0, 4)]
    assert _matches_at(["a", "x", "x", "x", "x", "b"], 0, ("a", GAP, "b"), 6) == []  # past the longest gap


def test_the_later_fit_of_a_gap_is_found_in_a_question(engine: Engine) -> None:
    stems = [stem(t) for t in tokenize("how long will cloud run run my request")]
    fits = {m.positions for m in engine.lexicon.find(stems) if m.pattern.phrase == "how long * run"}
    assert fits == {(0, 1, 4), (0, 1, 5)}


def test_phrases_that_read_the_same_make_one_pattern(engine: Engine) -> None:
    """A phrase and its plural ("soil probe", "soil probes") match the same words: one pattern, so one match."""
    patterns = Counter((p.kind, p.target, p.elements, p.weak) for ps in engine.lexicon.by_first.values() for p in ps)
    assert patterns[("idiom", "idiom", ("soil", "probe"), False)] == 1
    assert max(patterns.values()) == 1


def test_the_first_of_phrases_that_read_the_same_is_kept() -> None:
    lex = Lexicon()
    lex.add("feature", "jobs", ["jobs", "job"])
    assert [p.phrase for p in lex.by_first["job"]] == ["jobs"]


def test_a_narrowing_limited_to_some_phrases_finds_each_of_them(engine: Engine) -> None:
    """The phrases a narrowing may take over are known by what they match, so a form left out as a repeat still counts."""
    lex = engine.lexicon
    kept = {(p.target, p.elements) for ps in lex.by_first.values() for p in ps if p.kind == "feature"}
    for f in engine.kb.features.values():
        for n in f.narrows:
            for w in n.words if n.only else ():
                allowed = lex.narrowing_only[narrowing_key(f"{n.feature}{NARROWS}{f.id}", w)]
                assert all((n.feature, e) in kept for e in allowed), (f.id, n.feature)
